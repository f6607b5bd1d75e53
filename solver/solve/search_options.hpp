// The options of a search that solve, review and batch share: budgets
// (time, iterations, work), seed, threads, operator selection, --check-moves,
// and the hooks (stop flag, progress). One struct; SolveOptions and
// ReviewOptions extend it, batch passes it to every job's solve.
#pragma once

#include "solver/search/search_config.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

class OperatorRegistry;

struct SearchOptions {
    const OperatorRegistry* registry = nullptr;  // nullptr = the built-in operators
    double time_limit_seconds = 10;  // wall-clock budget of the whole command (start plan + search)
    long long iterations = 0;        // per search worker; 0 = none (reproducible runs use it)
    long long work = 0;              // total work of all search workers (SearchConfig::work); 0 = none
    std::optional<double> target;    // stop once the objective is <= target
    unsigned seed = 0;               // 0 = the deterministic default (the search's seed 1)
    unsigned threads = 0;            // 0 = all hardware threads
    bool check_moves = false;        // full checker after every accepted move
    ParallelMode parallel = ParallelMode::Pool;  // how several threads search (SearchConfig::parallel)
    std::vector<std::string> destroys, repairs, moves;  // operator selection; empty = all
    double lower_bound = 0;          // for the gap in the log; 0 = unknown
    const std::atomic<bool>* stop = nullptr;  // Ctrl-C: stop and keep the best so far
    // Called with one-line progress messages (may be empty = silent).
    std::function<void(const std::string&)> progress;

    // A budget the clock does not cut short (iterations or work).
    bool counted() const { return iterations > 0 || work > 0; }
    // The search's configuration for the `seconds_left` of the time limit.
    SearchConfig search_config(double seconds_left) const;
};

}  // namespace makepack
