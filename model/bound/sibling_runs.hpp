// The "sibling runs" part of the lower bound (docs/bound.md, section 4): on
// every line a paste's SKUs use, the last of their rows is followed by a row of
// another paste or ends the line, and that changeover is usually longer than
// one between siblings. Each paste then pays the longer changeover once per
// line it uses: an uncapacitated facility-location problem per paste (open a
// line at that price, give each SKU its cheapest open line), solved exactly.
#pragma once

#include "model/instance.hpp"

#include <vector>

namespace makepack {

// Lower bound on the weighted downtime + changeover of the non-fixed line
// rows, given each SKU's need in units (`need`, indexed by product; <= 0: no
// row needed). Hard demand only. Never below the sum of the SKUs' trivial
// bounds: a paste whose extra changeover is 0 gets exactly that sum.
double sibling_runs_bound(const Instance& instance, const std::vector<double>& need);

// Extra (weighted) changeover a paste pays per line it uses: over its SKUs s,
// min(shortest changeover from s to another paste's SKU or the default)
// - (shortest changeover after s). 0 if the matrix has no short sibling pairs.
double extra_changeover_per_line(const Instance& instance, int paste);

}  // namespace makepack
