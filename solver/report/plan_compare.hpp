// `makepack report INSTANCE PLAN_A --compare PLAN_B` (docs/report.md): two
// feasible plans of one instance side by side -- the objective components,
// the per-resource table, and how stable B is against A (rows kept, moved,
// resized, on another resource, removed, added).
#pragma once

#include "model/checker.hpp"

#include <ostream>
#include <string>

namespace makepack::report {

// How B's rows relate to A's: each row of one plan pairs with at most one of
// the other, first exact equals, then the same resource and product, then
// the same product anywhere.
struct PlanStability {
    int unchanged = 0;         // same resource, product, amount and start
    int moved = 0;             // same resource, product and amount, another start
    int resized = 0;           // same resource and product, another amount (and maybe start)
    int other_resource = 0;    // the product on another resource
    int removed = 0;           // A's rows with no partner in B
    int added = 0;             // B's rows with no partner in A
    int rows_a = 0, rows_b = 0;
};
PlanStability plan_stability(const Schedule& a, const Schedule& b);

struct ComparedPlan {
    std::string label;  // e.g. the file name
    const Schedule* schedule;
    ObjectiveBreakdown objective;
};

void print_plan_comparison(std::ostream& out, const Instance& instance, const ComparedPlan& a, const ComparedPlan& b);

}  // namespace makepack::report
