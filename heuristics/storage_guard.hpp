// The tote limit (MODEL.md 4) on a whole timeline, with the checker's own
// storage rule: the constructions that place rows piece by piece ask it
// before keeping a piece (the rows themselves know nothing of totes).
#pragma once

#include "heuristics/timeline.hpp"
#include "model/rules/material_flow.hpp"

#include <vector>

namespace makepack {

// True when the instance has no storage section or the timeline's rows keep it.
bool storage_holds(const PlantTimeline& timeline);

// The max_hold scraps of every paste (the paste ledger's), by paste, for the
// storage rule; all empty when no paste has a max_hold.
void plant_scraps(const PlantTimeline& timeline, std::vector<std::vector<LbsEvent>>& scraps);

}  // namespace makepack
