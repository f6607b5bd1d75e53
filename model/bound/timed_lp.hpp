// The time-indexed part of the lower bound for soft demand (docs/bound.md,
// "Time-indexed LP"; opt-in: BoundOptions::timed_buckets, `bound --timed N`): the horizon in buckets, each resource's work per bucket within
// the bucket's working hours, and paste flow over time — what the lines have
// packed by the end of a bucket was made by then (or was initial stock); no
// mixer delivers a paste before its first batch can end; paste made after the
// last time a line row can start is never packed. Unmet units at each SKU's
// price. It sees the two stages' timing that the capacity LP (capacity_lp.hpp)
// ignores: the lines wait for the first paste and the mixers' last hours are
// useless. On the overloaded plants of issue 12 it gains nothing (the
// calendar's spare and maintenance blocks absorb those hours), hence opt-in.
//
// Like the capacity LP, the LP only supplies prices: the value reported is the
// Lagrangian dual function at those prices, valid for ANY prices of the right
// sign, so an inaccurate or stopped LP gives a weaker bound, never a wrong one.
#pragma once

#include "model/instance.hpp"

#include <optional>
#include <string>
#include <vector>

namespace makepack {

struct TimedBound {
    std::optional<double> value;  // downtime + changeover + unmet (no fixed rows)
    int buckets = 0;
    long long iterations = 0;
    std::string status;           // the LP's ("optimal", "time limit", ...) or why not run
    double lp_objective = 0;      // the LP's primal value, for comparison
};

// Bucket boundaries 0 = t_0 < ... < t_B = horizon: the first batch end any
// mixer can reach (`first_paste`), `buckets` - 2 equal buckets up to
// `last_start` (after which no line row can start), then the rest.
std::vector<int> timed_buckets(int horizon, int first_paste, int last_start, int buckets);

// Soft demand without fixed rows only (else `value` is unset). `need`: per
// product, what the rows must make for all of the demand (SKUs: units,
// pastes: lbs); `hard`: what must be made (min_fill); `available`: the hours
// per resource of the capacity LP (resource_capacity).
TimedBound timed_lp_bound(const Instance& instance, const std::vector<double>& need, const std::vector<double>& hard,
                          const std::vector<double>& available, double seconds, int buckets = 12);

}  // namespace makepack
