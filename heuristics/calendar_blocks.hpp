// First step of every construction: the fixed items of the instance (outages,
// frozen rows and blocks) and the solver-placed calendar blocks (maintenance
// chain, one spare-capacity block per full period), each as late as its rule
// allows so that the fewest maintenance blocks are needed (NOTES.md).
#pragma once

#include "heuristics/timeline.hpp"

#include <string>

namespace makepack {

// Returns an empty string on success, else why the calendar cannot be placed.
std::string place_calendar_blocks(PlantTimeline& timeline);

}  // namespace makepack
