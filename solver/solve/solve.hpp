// The solve entry point behind `makepack solve`: instance + options -> best
// schedule found. The backward greedy builds a start plan; the parallel
// LNS/SA search (solver/search/) improves it until a stopping rule fires.
#pragma once

#include "model/schedule.hpp"
#include "solver/search/operator_stats.hpp"
#include "solver/solve/start_plan.hpp"
#include "solver/solve/search_options.hpp"
#include "solver/search/search_config.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

// The common search options (search_options.hpp) plus what only solve has.
struct SolveOptions : SearchOptions {
    bool greedy_only = false;        // skip the search
    StartOptions start;              // which start plan (--start, --rule, --rules)
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
