// Cooperative search (issue 14): a worker whose plan fell behind the pool's
// best keeps what it improved by grafting the resources it changed onto the
// best, instead of throwing its work away when it adopts the best. Two
// improvements on different resources so add up when they do not conflict
// through the paste stock or storage -- the full check decides.
#pragma once

#include "heuristics/search_state.hpp"
#include "heuristics/timeline.hpp"
#include "model/schedule.hpp"

#include <optional>
#include <vector>

namespace makepack {

// The resources whose rows or solver-placed blocks differ between two plans, ascending.
std::vector<int> changed_resources(const PlantTimeline& from, const PlantTimeline& to);

// `onto` with the rows and solver-placed blocks of `resources` taken from
// `donor` (every other resource as in `onto`). Each resource comes whole from
// one plan, so no two rows overlap; the paste flow, storage and demand may
// still break: check the result before using it.
Schedule graft_resources(const PlantTimeline& onto, const PlantTimeline& donor, const std::vector<int>& resources);

// `best` with what `mine` changed on `changed` (changed_resources() from the
// plan `mine` grew from) that keeps every rule, or nullopt. Tried in turn:
// the changed resources grafted as they are; the same with the mixers
// re-timed as early as they go for the lines' needs (Resequencer, where
// re-timing changes no cost) -- a paste made on a changed mixer for a line
// the best has since moved; only the changed lines, mixers re-timed. Its
// objective may be worse than best's: compare before using it.
std::optional<SearchState> graft_changes(const SearchState& best, const SearchState& mine, const std::vector<int>& changed);

}  // namespace makepack
