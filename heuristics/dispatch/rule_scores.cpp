#include "heuristics/dispatch/rule_scores.hpp"

#include <algorithm>
#include <limits>

namespace makepack {

void RuleScores::add(const DispatchView& view) {
    Entry entry{view.sku, view.line, {}, 0};
    const auto& rules = dispatch_rules();
    entry.values.assign(rules.size(), 0.0);
    for (std::size_t r = 0; r < rules.size(); ++r)
        if (rules_->weights[r] != 0) entry.values[r] = rules[r]->value(view);
    entries_.push_back(std::move(entry));
}

void RuleScores::normalise() {
    const std::size_t count = dispatch_rules().size();
    for (std::size_t r = 0; r < count; ++r) {
        const double weight = rules_->weights[r];
        if (weight == 0) continue;
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (const Entry& e : entries_) { low = std::min(low, e.values[r]); high = std::max(high, e.values[r]); }
        if (!(high > low)) continue;  // the same for every candidate: it decides nothing
        for (Entry& e : entries_) e.score += weight * (e.values[r] - low) / (high - low);
    }
}

double RuleScores::total(int sku, int line) const {
    // Entries come in SKU order (the dispatcher adds each SKU's lines together).
    auto first = std::lower_bound(entries_.begin(), entries_.end(), sku, [](const Entry& e, int s) { return e.sku < s; });
    double here = 0, best = std::numeric_limits<double>::infinity(), worst = -best;
    for (auto it = first; it != entries_.end() && it->sku == sku; ++it) {
        const Entry& e = *it;
        if (e.line == line) here = e.score;
        best = std::min(best, e.score);
        worst = std::max(worst, e.score);
    }
    const double penalty = worst > best ? (here - best) / (worst - best) : 0.0;
    return here + rules_->resource_selection * penalty;
}

}  // namespace makepack
