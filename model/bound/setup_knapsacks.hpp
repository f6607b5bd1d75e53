// Soft demand: every resource's hours as a knapsack with setups (docs/bound.md
// 11). The demand rows (packed + unmet >= demand) and the paste rows (paste
// consumed <= made + stock) are priced; each line and each mixer then chooses
// alone, within its whole available hours, which products to make: a product
// made at all costs its shortest changeover in hours and in cost, and its work
// is whole hours (lines) or whole batches (mixers). Unlike the capacity LP
// (capacity_lp.hpp), a line that packs part of a SKU pays a whole changeover
// for it. Valid for ANY prices (>= 0); column generation over the
// resources' choices (the Dantzig-Wolfe master, model/bound/simplex.hpp) chooses them.
#pragma once

#include "model/instance.hpp"

#include <optional>
#include <vector>

namespace makepack {

// One product on one resource: `steps` steps (hours of a line, batches of a
// mixer) of `step_hours` each, after which `setup_hours` of changeover follow
// (costing `setup_cost`), are worth `per_step * steps` below `full` steps and
// `full_value` at `full` (more steps are worth no more).
struct KnapsackItem {
    int step_hours = 1;
    int setup_hours = 0;
    double setup_cost = 0;
    double per_step = 0;
    int full = 1;
    double full_value = 0;
};

// The most value of items chosen (each at most once, with 1..full steps) whose
// steps and setups fit `capacity` hours, and each item's steps (0: not made).
struct KnapsackChoice {
    double value = 0;
    std::vector<int> steps;
};
KnapsackChoice knapsack_with_setups(const std::vector<KnapsackItem>& items, int capacity);

struct SetupKnapsacks {
    std::optional<double> value;  // unset: not applicable (hard demand, fixed rows) or not finite
    int rounds = 0;               // evaluations of the dual function
};

// `available`: hours per resource (ResourceCapacity::available); `paste_price`:
// a starting price per lb of each paste (e.g. the capacity LP's), may be empty.
// Soft demand without fixed rows only.
SetupKnapsacks setup_knapsacks_bound(const Instance& instance, const std::vector<double>& available,
                                     const std::vector<double>& paste_price, double seconds);

}  // namespace makepack
