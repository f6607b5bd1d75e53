// What the solver-placed calendar blocks of one resource must satisfy
// (MODEL.md 3, 6, 9.4, 9.5), and a placement of them. Shared by the preferred
// (fast, shaped) placement and the exact one that backs it up.
#pragma once

#include "heuristics/free_time.hpp"
#include "model/instance.hpp"

#include <optional>
#include <string>
#include <vector>

namespace makepack {

struct CalendarNeeds {
    std::string resource_id;  // for messages
    int horizon = 0;
    int frozen_until = 0;  // solver blocks start here or later
    std::optional<Maintenance> maintenance;
    std::vector<int> fixed_maintenance;  // starts of fixed maintenance blocks, ascending; they are chain links
    std::optional<SpareCapacity> spare;
    std::vector<char> spare_fixed;  // per full period: a fixed spare block already fills it
    FreeTime fixed_busy{{}};        // outages, fixed rows (with changeovers) and fixed blocks

    int spare_periods() const { return spare ? horizon / spare->every : 0; }
    // A full period that still needs a solver-placed spare block.
    bool spare_needed(long long k) const {
        return k >= 0 && k < spare_periods() && !spare_fixed[static_cast<std::size_t>(k)];
    }
};

// Starts of the solver-placed blocks, ascending.
struct CalendarPlacement {
    std::vector<int> maintenance;
    std::vector<int> spare;
};

}  // namespace makepack
