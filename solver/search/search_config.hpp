// What the parallel search is asked to do and when it stops (Timefold-style
// termination: time, iterations, target objective, or an external stop).
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

class OperatorRegistry;

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
};

}  // namespace makepack
