// A fixed row's changeover depends on the row after it (MODEL.md 3). When the
// previous plan followed a fixed row by a product with a short changeover (a
// matrix pair) and the next item is an outage or a fixed block, the changeover
// to the resource's end (the matrix default) runs into that item: the row
// needs a successor whose changeover fits. The start plans get one here, a
// *bridge* row placed as early as it goes after that item; they build around
// it, and the search may move or resize it later.
#pragma once

#include "heuristics/timeline.hpp"

#include <string>

namespace makepack {

// Bridges every fixed row of resource r whose changeover overlaps what
// follows it; "" on success, else which row cannot be bridged and why.
std::string bridge_fixed_changeovers(PlantTimeline& timeline, int r);

}  // namespace makepack
