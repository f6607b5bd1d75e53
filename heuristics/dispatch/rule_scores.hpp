// The scores of one dispatch decision (the seed's "Ranges" and "Resource vs
// Operation Selection"): each rule's values over the decision's candidates
// are put on a 0..1 scale, weighted and summed per (SKU, line); a SKU on a
// line worse than its best one pays the resource selection penalty.
#pragma once

#include "heuristics/dispatch/dispatch_rule.hpp"
#include "heuristics/dispatch/rule_set.hpp"

#include <vector>

namespace makepack {

// Every rule's raw value for one candidate (0 for the rules that are off).
void rule_values(const RuleSet& rules, const DispatchView& view, double* out);

class RuleScores {
public:
    explicit RuleScores(const RuleSet& rules) : rules_(&rules), count_(dispatch_rules().size()) {}
    // A candidate of this decision: the SKU on one of its lines, with its
    // rule_values(). A SKU's lines must be added one after the other, SKUs
    // in ascending order.
    void add(int sku, int line, const double* values);
    // Call once after the last add().
    void normalise();
    // Weighted score of the SKU on the line (added before) plus the resource
    // selection penalty against the SKU's other lines; lower is better.
    double total(int sku, int line) const;
    void clear() { entries_.clear(); values_.clear(); }

private:
    struct Entry { int sku; int line; double score = 0; };
    const RuleSet* rules_;
    std::size_t count_;
    std::vector<Entry> entries_;
    std::vector<double> values_;  // entries x rules
};

}  // namespace makepack
