// The lower bound as `solve` and `review` use it: only for the log's gap and
// an early stop at a proven optimum, so it must never cost more than a share
// of the time limit. compute_lower_bound has its own LP time limit, but not
// every part of it watches the clock (a 600,000-SKU instance spent over a
// minute before its LP); here it runs in a child process that is killed when
// its wall-clock share is over, or when the user stops the command.
#pragma once

#include "model/bound/lower_bound.hpp"

#include <atomic>
#include <optional>
#include <string>

namespace makepack::cli {

struct BoundPhase {
    // Set when the bound finished in time. Only infeasible, reason, bound and
    // used are filled in (what the commands print and use).
    std::optional<LowerBound> bound;
    std::string skipped;  // unset bound: "time", "interrupted" or "failed: ..."
};

// The share of a command's time limit the bound may take: its LP gets
// min(5 s, 10 %), the whole phase min(7.5 s, 15 %) of the wall clock.
BoundOptions bound_options_for(double time_limit_seconds);
double bound_wall_seconds(double time_limit_seconds);

// Runs compute_lower_bound(instance, options) in a child process; waits at
// most `wall_seconds`, and stops waiting (killing the child) once *stop is set.
BoundPhase run_bound_phase(const Instance& instance, const BoundOptions& options, double wall_seconds,
                           const std::atomic<bool>* stop);

}  // namespace makepack::cli
