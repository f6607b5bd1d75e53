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

// What a resequencing chunk (20,000 annealing steps) counts as against an
// iteration or work budget: about the time of 1,000 destroy/repair iterations.
constexpr long long kResequenceChunkWork = 1000;

struct SearchConfig {
    // The operators to draw from; nullptr = OperatorRegistry::with_builtins().
    // A researcher's own operators: copy with_builtins(), add_destroy/add_repair/add_move, pass it here.
    const OperatorRegistry* registry = nullptr;
    double time_limit_seconds = 10;
    long long iterations = 0;               // per worker; 0 = no limit
    // Deterministic work budget, a TOTAL over all workers (0 = none): worker w
    // gets its share of it as an iteration budget (work / threads, the first
    // work % threads workers one more). One unit is one search iteration -- one
    // destroy+repair or one move evaluated by the incremental check; a
    // resequencing chunk (20,000 annealing steps) counts as kResequenceChunkWork.
    // K workers sharing W are so compared with 1 worker spending W, without
    // wall-clock noise. Like `iterations`, it lets no time limit cut the run short.
    long long work = 0;
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
