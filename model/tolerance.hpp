// The slack every comparison of floating quantities uses, in one place.
// Paste is counted in lbs as sums of n * batch_size and units / units_per_lb:
// doubles whose rounding error is ~1e-16 of their size, and whose real
// differences are at least one unit (>= 1 / units_per_lb lbs, far above 1e-6).
#pragma once

#include <cmath>

namespace makepack {

// Absolute slack on lbs: a millionth of a pound, far below any real amount
// and far above the rounding error of summing a horizon's rows.
inline constexpr double kLbsSlack = 1e-6;
// Relative slack on lbs: rounding error grows with the magnitude summed.
inline constexpr double kLbsRelativeSlack = 1e-9;
// Slack allowed when comparing floating lbs of magnitude `scale` (the
// checker's material rule, and every walk of the paste ledger).
inline double lbs_tolerance(double scale) { return kLbsRelativeSlack * scale + kLbsSlack; }

// Rounding a quotient to a whole count (batches for lbs, units for hours):
// a quotient within this of an integer is that integer, so ceil(2.0000000001)
// stays 2. Quotients of the instance's numbers are exact to ~1e-15.
inline constexpr double kRoundingSlack = 1e-9;

// The whole count that covers a quotient: batches for lbs, work hours for
// units, units for a share. Within kRoundingSlack above an integer n >= 1 it
// is n; a positive quotient is never 0 (one unit on a line of rate 1e15 still
// works an hour, MODEL.md 2; 50,000 lbs from a 1e14-lb batch size is one batch).
inline double ceil_count(double quotient) {
    const double count = std::ceil(quotient - kRoundingSlack);
    return quotient > 0 && count < 1 ? 1.0 : count;
}

// Costs that differ by no more than this are equal (objective comparisons).
inline constexpr double kCostTolerance = 1e-9;

}  // namespace makepack
