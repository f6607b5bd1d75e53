// The solve entry point behind `makepack solve`: instance + options -> best
// schedule found. Today it runs the backward greedy; the parallel search of a
// later issue plugs in here (it receives the same options and reports through
// the same outcome), so the command line does not change.
#pragma once

#include "model/schedule.hpp"

#include <functional>
#include <optional>
#include <string>

namespace makepack {

struct SolveOptions {
    double time_limit_seconds = 60;  // wall-clock budget of the whole solve
    unsigned seed = 0;               // 0 = the deterministic default
    unsigned threads = 0;            // 0 = all hardware threads
    // Called with one-line progress messages (may be empty = silent).
    std::function<void(const std::string&)> progress;
};

struct SolveOutcome {
    std::optional<Schedule> schedule;  // set when a schedule was found
    std::string failure;               // why not, for the user, when unset
    std::string method;                // what produced the schedule, e.g. "backward greedy"
    double seconds = 0;                // wall-clock time of the solve
};

// Never throws for an instance that cannot be scheduled: that is a failure in
// the outcome. The schedule is not checked here; the caller runs the checker.
SolveOutcome solve_instance(const Instance& instance, const SolveOptions& options = {});

}  // namespace makepack
