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

// When resource r's maintenance or spare capacity cannot be placed around the
// bridges of bridge_fixed_changeovers (each as early as it goes, e.g. right at
// frozen_until where a maintenance is due): the bridges again, each as late as
// it fits before the next fixed row (or the horizon), so that the blocks can
// go before them (the third sweep's case033, review instance at 224: "maintenance
// of M1 due at 231 finds no free time between 224 and 231"). True if every
// fixed row got its bridge again.
bool bridge_fixed_changeovers_late(PlantTimeline& timeline, int r);

// When resource r's maintenance or spare capacity cannot be placed: its last
// row (a fixed one: nothing else is placed yet) ends with the default
// changeover, which may take the time a block needs (maintenance due right
// after the row, which PLAN followed by a short changeover). Gives that row a
// successor with a shorter changeover, as late as it fits, so that the blocks
// can go in between; true if it inserted one.
bool bridge_last_fixed_row_late(PlantTimeline& timeline, int r);

}  // namespace makepack
