// The tote limit (MODEL.md 4) on a whole timeline, with the checker's own
// storage rule: the constructions that place rows piece by piece ask it
// before keeping a piece (the rows themselves know nothing of totes).
#pragma once

#include "heuristics/timeline.hpp"

namespace makepack {

// True when the instance has no storage section or the timeline's rows keep it.
bool storage_holds(const PlantTimeline& timeline);

}  // namespace makepack
