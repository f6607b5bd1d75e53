// The referee: every rule of MODEL.md checked on an instance + schedule, with
// the objective recomputed. Every schedule the program writes passes it first.
#pragma once

#include "model/schedule.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace makepack {

struct Violation {
    std::string rule;      // e.g. "overlap", "maintenance", "material", "demand"
    std::string subject;   // resource, paste or SKU id ("" = whole plant)
    int start = 0;         // time span the violation concerns
    int end = 0;
    std::string detail;    // human-readable explanation
};
std::string to_string(const Violation& violation);

struct ObjectiveBreakdown {
    // Unweighted components (MODEL.md 7; 9.11).
    double downtime = 0;
    double changeover = 0;
    double lateness = 0;
    double unmet = 0;
    double holding = 0;
    double overproduction = 0;
    double changes = 0;
    double unmet_cost = 0;  // unmet units priced per SKU (MODEL.md 9.10, docs/unmet-demand.md)
    double total = 0;       // weighted sum
    // Units of hard demand not packed: 0 in every feasible plan; only a relaxed
    // search plan (Instance::relax_hard_demand) has more. Not part of total:
    // plans compare by shortfall first (docs/unmet-demand.md).
    double shortfall = 0;
    void compute_total(const ObjectiveWeights& weights);
};

struct CheckOptions {
    bool compare_stated = true;       // compare stated ends / objective of a file
    std::size_t max_violations = 10000;
};

struct CheckResult {
    std::vector<Violation> violations;  // the first max_violations found
    std::size_t violation_count = 0;    // all found, also those beyond max_violations
    ObjectiveBreakdown objective;
    double scrap_lbs = 0;     // paste scrapped by max_hold (MODEL.md 4)
    double leftover_lbs = 0;  // paste in stock at the horizon end
    bool feasible() const { return violations.empty() && violation_count == 0; }
};

CheckResult check_schedule(const Instance& instance, const Schedule& schedule, const CheckOptions& options = {});

}  // namespace makepack
