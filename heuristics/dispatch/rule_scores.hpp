// The scores of one dispatch decision (the seed's "Ranges" and "Resource vs
// Operation Selection"): each rule's values over the decision's candidates
// are put on a 0..1 scale, weighted and summed per (SKU, line); a SKU on a
// line worse than its best one pays the resource selection penalty.
#pragma once

#include "heuristics/dispatch/dispatch_rule.hpp"
#include "heuristics/dispatch/rule_set.hpp"

#include <vector>

namespace makepack {

class RuleScores {
public:
    explicit RuleScores(const RuleSet& rules) : rules_(&rules) {}
    // A candidate of this decision: the SKU on one of its lines.
    void add(const DispatchView& view);
    // Call once after the last add().
    void normalise();
    // Weighted score of the SKU on the line (added before) plus the resource
    // selection penalty against the SKU's other lines; lower is better.
    double total(int sku, int line) const;

private:
    struct Entry { int sku; int line; std::vector<double> values; double score = 0; };
    const RuleSet* rules_;
    std::vector<Entry> entries_;
};

}  // namespace makepack
