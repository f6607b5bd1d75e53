// First step of every construction: the fixed items of the instance (outages,
// frozen rows and blocks) and the solver-placed calendar blocks (maintenance
// chain, one spare-capacity block per full period), each as late as its rule
// allows so that the fewest maintenance blocks are needed (NOTES.md). When
// that preferred shape does not fit on a resource, an exact placement
// (calendar_exact.hpp) finds one whenever one exists.
#pragma once

#include "heuristics/timeline.hpp"

#include <functional>
#include <string>

namespace makepack {

// Returns an empty string on success, else why the calendar cannot be placed;
// "stopped" when `should_stop` (polled every few thousand blocks) fired.
std::string place_calendar_blocks(PlantTimeline& timeline, const std::function<bool()>& should_stop = {});

// A proof that no plan exists, or "": some resource cannot take its
// maintenance chain and spare-capacity blocks (exact placement) around its
// outages, fixed blocks and fixed rows alone (the rows without the
// changeovers after them: fewer busy hours than any plan has, so an
// impossible placement here is impossible in every plan); or a fixed row
// whose shortest possible changeover runs into the next fixed item. "" also
// when `should_stop` fired.
std::string calendar_impossible(const Instance& instance, const std::function<bool()>& should_stop = {});

}  // namespace makepack
