// The solve entry point behind `makepack solve`: instance + options -> best
// schedule found. The backward greedy builds a start plan; the parallel
// LNS/SA search (solver/search/) improves it until a stopping rule fires.
#pragma once

#include "model/schedule.hpp"
#include "solver/search/operator_stats.hpp"
#include "solver/search/search_config.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

class OperatorRegistry;

struct SolveOptions {
    const OperatorRegistry* registry = nullptr;  // nullptr = the built-in operators
    double time_limit_seconds = 10;  // wall-clock budget of the whole solve
    long long iterations = 0;        // per search worker; 0 = none (reproducible runs use it)
    std::optional<double> target;    // stop once the objective is <= target
    unsigned seed = 0;               // 0 = the deterministic default
    unsigned threads = 0;            // 0 = all hardware threads
    bool greedy_only = false;        // skip the search
    bool check_moves = false;        // full checker after every accepted move
    std::vector<std::string> destroys, repairs, moves;  // operator selection; empty = all
    double lower_bound = 0;          // for the gap in the log; 0 = unknown
    const std::atomic<bool>* stop = nullptr;  // Ctrl-C: stop and keep the best so far
    // Called with one-line progress messages (may be empty = silent).
    std::function<void(const std::string&)> progress;
    // Islands (solver/mpi/): SearchConfig::exchange, every exchange_seconds.
    std::function<std::vector<ForeignPlan>(const Schedule& best)> exchange;
    double exchange_seconds = 2;
};

struct SolveOutcome {
    std::optional<Schedule> schedule;  // set when a feasible schedule was found
    std::string failure;               // why not, for the user, when unset
    // When no feasible schedule was found in time: the best plan that packs
    // part of the hard demand (every other rule holds), and the units it leaves
    // short (docs/unmet-demand.md). Not a feasible plan of the instance.
    std::optional<Schedule> partial;
    double shortfall = 0;
    bool stopped = false;              // the stop flag ended the solve
    std::string method;                // what produced the schedule, e.g. "backward greedy + search"
    double seconds = 0;                // wall-clock time of the solve
    double greedy_seconds = 0;
    double start_objective = 0;        // the greedy's plan
    double time_to_best = 0;           // seconds from the solve start to the best plan
    long long iterations = 0;          // search iterations, all workers
    long long check_failures = 0;      // accepted moves the full checker rejected (--check-moves); must be 0
    unsigned threads = 1;
    StatsTable operator_stats;
};

// Never throws for an instance that cannot be scheduled: that is a failure in
// the outcome. Throws std::invalid_argument for an unknown operator name.
// The schedule is checked in full inside the search; the caller checks again before writing.
SolveOutcome solve_instance(const Instance& instance, const SolveOptions& options = {});

}  // namespace makepack
