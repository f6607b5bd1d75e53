// Backward greedy insertion (thesis 3.4.2): calendar blocks first, then each
// SKU's demand on packaging lines (cheapest expected downtime that fits,
// split across lines when one cannot take it all), then its paste on mixers
// backward so it is ready before the packaging rows start.
#pragma once

#include "model/schedule.hpp"

#include <optional>
#include <string>

namespace makepack {

struct GreedyOptions {
    unsigned seed = 0;                  // 0 = the deterministic default orders
    unsigned extra_random_orders = 2;   // randomised paste orders tried besides the fixed ones
    unsigned fallback_orders = 16;      // perturbed forward orders tried while none is feasible
    bool first_feasible = false;        // stop at the first feasible plan instead of the cheapest
};

struct GreedyResult {
    std::optional<Schedule> schedule;  // set when every demand was placed and the checker accepts it
    std::string failure;               // why not, for the user, when unset
};

GreedyResult backward_greedy(const Instance& instance, const GreedyOptions& options = {});

}  // namespace makepack
