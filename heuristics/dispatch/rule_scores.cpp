#include "heuristics/dispatch/rule_scores.hpp"

#include <algorithm>
#include <limits>

namespace makepack {

void rule_values(const RuleSet& rules, const DispatchView& view, double* out) {
    const auto& all = dispatch_rules();
    for (std::size_t r = 0; r < all.size(); ++r) out[r] = rules.weights[r] != 0 ? all[r]->value(view) : 0.0;
}

void RuleScores::add(int sku, int line, const double* values) {
    entries_.push_back({sku, line, 0});
    values_.insert(values_.end(), values, values + count_);
}

void RuleScores::normalise() {
    for (std::size_t r = 0; r < count_; ++r) {
        const double weight = rules_->weights[r];
        if (weight == 0) continue;
        double low = std::numeric_limits<double>::infinity(), high = -low;
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            low = std::min(low, values_[e * count_ + r]);
            high = std::max(high, values_[e * count_ + r]);
        }
        if (!(high > low)) continue;  // the same for every candidate: it decides nothing
        const double scale = weight / (high - low);
        for (std::size_t e = 0; e < entries_.size(); ++e) entries_[e].score += scale * (values_[e * count_ + r] - low);
    }
}

double RuleScores::total(int sku, int line) const {
    auto first = std::lower_bound(entries_.begin(), entries_.end(), sku, [](const Entry& e, int s) { return e.sku < s; });
    double here = 0, best = std::numeric_limits<double>::infinity(), worst = -best;
    for (auto it = first; it != entries_.end() && it->sku == sku; ++it) {
        if (it->line == line) here = it->score;
        best = std::min(best, it->score);
        worst = std::max(worst, it->score);
    }
    const double penalty = worst > best ? (here - best) / (worst - best) : 0.0;
    return here + rules_->resource_selection * penalty;
}

}  // namespace makepack
