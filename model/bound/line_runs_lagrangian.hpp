// Sibling runs with the lines' hours priced (docs/bound.md 13): a Lagrangian
// of "the rows and changeovers of each line fit its available hours" over the
// per-paste facility problems of sibling_runs.hpp. For ANY prices >= 0 the
// value is a lower bound on the lines' downtime + changeover (hard demand);
// the prices follow a subgradient method, and the best value is kept.
#pragma once

#include "model/instance.hpp"

#include <optional>
#include <vector>

namespace makepack {

struct LineRunsLagrangian {
    std::optional<double> value;  // the best dual value seen (unset: not run)
    int rounds = 0;               // evaluations of the dual function
};

// `need` per product (units of SKUs), `available` per resource index
// (ResourceCapacity::available). Deterministic: a fixed number of rounds,
// fewer where one round is expensive (many SKUs per paste).
LineRunsLagrangian line_runs_lagrangian(const Instance& instance, const std::vector<double>& need,
                                        const std::vector<double>& available);

}  // namespace makepack
