// Backward greedy insertion (thesis 3.4.2): calendar blocks first, then each
// SKU's demand on packaging lines (cheapest expected downtime that fits,
// split across lines when one cannot take it all), then its paste on mixers
// backward so it is ready before the packaging rows start. With soft
// demand the pipelined start (pipelined_start.hpp) competes with it.
#pragma once

#include "model/schedule.hpp"

#include <functional>
#include <optional>
#include <string>

namespace makepack {

struct GreedyOptions {
    unsigned seed = 0;                  // 0 = the deterministic default orders
    unsigned extra_random_orders = 2;   // randomised paste orders tried besides the fixed ones
    unsigned fallback_orders = 16;      // perturbed forward orders tried while none is feasible
    bool first_feasible = false;        // stop at the first feasible plan instead of the cheapest
    bool pipelined = true;              // soft demand: the pipelined start (pipelined_start.hpp) competes too
    // Polled between pastes: true ends the construction (time limit, Ctrl-C);
    // the best plan built so far is kept.
    std::function<bool()> should_stop;
};

struct GreedyResult {
    // Set when the checker accepts the plan. On a relaxed instance
    // (Instance::relax_hard_demand) it may leave hard demand short: `shortfall`
    // units; the plan with the least shortfall, then the cheapest, wins.
    std::optional<Schedule> schedule;
    double shortfall = 0;
    std::string failure;  // why not (or why short), for the user
    bool stopped = false; // should_stop ended it
    bool pipelined = false;  // the plan is the pipelined start's
};

GreedyResult backward_greedy(const Instance& instance, const GreedyOptions& options = {});

}  // namespace makepack
