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
// Tote-hours over the limit (0 when it holds). Where the fixed rows or the
// initial stock alone break the limit, no row can make the plan keep it; the
// constructions then keep a row only if this does not grow (a row that uses
// up held paste shrinks it), so that they repair the plan instead of failing.
double storage_excess(const PlantTimeline& timeline);
// After adding rows to a timeline whose excess was `before`: whether the
// limit is kept at least as well as before (storage_holds when before is 0);
// the new excess goes to `before` when so.
bool storage_no_worse(const PlantTimeline& timeline, double& before);

// The max_hold scraps of every paste (the paste ledger's), by paste, for the
// storage rule; all empty when no paste has a max_hold.
void plant_scraps(const PlantTimeline& timeline, std::vector<std::vector<LbsEvent>>& scraps);

}  // namespace makepack
