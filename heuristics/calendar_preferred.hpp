// The preferred shape of one resource's solver-placed calendar blocks: each
// maintenance as late as its due time allows (the fewest blocks, NOTES.md),
// nudged up to a day earlier to touch another block (one interruption instead
// of two); spare blocks of neighbouring periods meeting at their common
// boundary. Greedy, so it may fail where a placement exists; the caller then
// tries the other order and finally the exact placement.
#pragma once

#include "heuristics/calendar_needs.hpp"

#include <functional>
#include <optional>
#include <string>

namespace makepack {

// The failure text of a calendar placement that should_stop cut short.
inline constexpr const char* kCalendarStopped = "stopped";

enum class PreferredOrder { SpareFirst, MaintenanceFirst };

struct PreferredPlacement {
    std::optional<CalendarPlacement> placement;
    std::string failure;  // why not, for the user (kCalendarStopped when should_stop fired)
};

// `should_stop` is polled every 4096 blocks.
PreferredPlacement place_preferred(const CalendarNeeds& needs, PreferredOrder order,
                                   const std::function<bool()>& should_stop = {});

}  // namespace makepack
