// What the parallel search is asked to do and when it stops (Timefold-style
// termination: time, iterations, target objective, or an external stop).
#pragma once

#include "model/schedule.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

class OperatorRegistry;

// A plan found outside this search (another island: solver/mpi/), and who found it.
struct ForeignPlan {
    Schedule plan;
    std::string origin;  // for the log, e.g. "rank 2"
};

struct SearchConfig {
    // The operators to draw from; nullptr = OperatorRegistry::with_builtins().
    // A researcher's own operators: copy with_builtins(), add_destroy/add_repair/add_move, pass it here.
    const OperatorRegistry* registry = nullptr;
    double time_limit_seconds = 10;
    long long iterations = 0;               // per worker; 0 = no limit
    std::optional<double> target;           // stop once the best objective is <= target
    unsigned seed = 1;
    unsigned threads = 1;
    bool check_moves = false;               // full checker run after every accepted move (tests)
    std::vector<std::string> destroys, repairs, moves;  // empty = all built-ins
    int min_destroy = 2;
    int max_destroy = 40;
    int segment = 50;                       // iterations between operator-weight updates
    double reaction = 0.2;                  // weight of the last segment in the new weight
    double lower_bound = 0;                 // for the gap in the log (0 = unknown)
    const std::atomic<bool>* stop = nullptr;  // set from outside (Ctrl-C) to stop cleanly
    std::function<void(const std::string&)> log;  // one line per event; empty = silent
    // Islands (solver/mpi/islands.cpp): while the search runs, a helper thread
    // calls this every exchange_seconds with the pool's best plan; the plans it
    // returns are offered to the pool after the full check. Unset = no thread.
    std::function<std::vector<ForeignPlan>(const Schedule& best)> exchange;
    double exchange_seconds = 2;
};

}  // namespace makepack
