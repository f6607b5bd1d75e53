// The "sibling runs" part of the lower bound (docs/bound.md, section 4): on
// every line a paste's SKUs use, the last of their rows is followed by a row of
// another paste or ends the line, and that changeover is usually longer than
// one between siblings. Each paste then pays the longer changeover once per
// line it uses: an uncapacitated facility-location problem per paste (open a
// line at that price, give each SKU its cheapest open line), solved exactly.
// With prices on the lines' hours (section 13, line_runs_lagrangian.hpp) each
// choice also pays for the hours it takes.
#pragma once

#include "model/instance.hpp"

#include <utility>
#include <vector>

namespace makepack {

// Lower bound on the weighted downtime + changeover of the non-fixed line
// rows, given each SKU's need in units (`need`, indexed by product; <= 0: no
// row needed). Hard demand only. Never below the sum of the SKUs' trivial
// bounds: a paste whose extra changeover is 0 gets exactly that sum.
double sibling_runs_bound(const Instance& instance, const std::vector<double>& need);

// One paste's part at hour prices (per resource index, >= 0; empty: all 0):
// its SKUs' rows' cost plus the priced hours they take, at the cheapest choice
// of lines, and the hours that choice puts on each line (resource index,
// hours) for a subgradient.
struct PasteRuns {
    double cost = 0;
    std::vector<std::pair<int, double>> hours;
};
// The paste's facility problem without prices, built once (section 13 prices
// it in every round).
class PasteRunsModel {
public:
    PasteRunsModel(const Instance& instance, int paste, const std::vector<double>& need);
    PasteRuns priced(const std::vector<double>& hour_price) const;
    std::size_t skus() const { return amount_.size(); }
    std::size_t lines() const { return lines_.size(); }

private:
    double changeover_weight_ = 0;
    int extra_hours_ = 0;             // per line opened
    std::vector<int> lines_;          // resource indices any of its SKUs may use
    // Per SKU k and line position j (downtime < 0: not eligible): weighted
    // downtime per hour, one row's hours, the fractional work of two or more.
    std::vector<std::vector<double>> downtime_, whole_, work_;
    std::vector<double> amount_, changeover_hours_;  // per SKU: need, shortest changeover after it
    std::vector<std::vector<int>> eligible_;         // per SKU: line positions
};
PasteRuns paste_runs(const Instance& instance, int paste, const std::vector<double>& need,
                     const std::vector<double>& hour_price);

// Extra changeover hours a paste's SKUs take per line it uses: over its SKUs
// s, min(shortest changeover from s to another paste's SKU or the default)
// - (shortest changeover after s). 0 if the matrix has no short sibling pairs.
int extra_changeover_hours_per_line(const Instance& instance, int paste);
// The same weighted by the changeover weight.
double extra_changeover_per_line(const Instance& instance, int paste);

}  // namespace makepack
