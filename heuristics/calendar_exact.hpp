// Exact placement of one resource's maintenance and spare-capacity blocks:
// finds a valid set whenever one exists. The preferred placement
// (calendar_blocks.cpp) shapes the plan better but can paint itself into a
// corner (a spare block taking the only room a maintenance has before its
// due time); this is its backstop.
#pragma once

#include "heuristics/calendar_needs.hpp"

#include <functional>

namespace makepack {

enum class ExactOutcome { Placed, Impossible, Stopped };

struct ExactPlacement {
    ExactOutcome outcome = ExactOutcome::Impossible;
    CalendarPlacement placement;  // when Placed
};

// A dynamic programme over clock time: O(free hours + busy intervals) steps
// and 2 bytes per hour of horizon for the way back. `should_stop` is polled
// every 65536 hours.
ExactPlacement place_calendar_exactly(const CalendarNeeds& needs, const std::function<bool()>& should_stop = {});

}  // namespace makepack
