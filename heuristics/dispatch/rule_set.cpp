#include "heuristics/dispatch/rule_set.hpp"

#include "heuristics/dispatch/dispatch_rule.hpp"

#include <sstream>

namespace makepack {

RuleSet RuleSet::none() {
    RuleSet set;
    set.weights.assign(dispatch_rules().size(), 0.0);
    return set;
}

RuleSet RuleSet::defaults() {
    // Due dates first, then fewer changeovers by keeping a paste's SKUs
    // together, and each SKU mostly on its good lines (bench/starts/ measures them).
    RuleSet set = none();
    set.set("need-date", 3);
    set.set("setup", 1);
    set.set("campaign", 1);
    set.set("downtime", 1);
    set.set("paste", 0.5);
    set.resource_selection = 1;
    return set;
}

bool RuleSet::set(const std::string& name, double weight) {
    if (weights.size() != dispatch_rules().size()) weights.resize(dispatch_rules().size(), 0.0);
    if (name == kResourceSelection) {
        resource_selection = weight;
        return true;
    }
    for (std::size_t k = 0; k < dispatch_rules().size(); ++k)
        if (name == dispatch_rules()[k]->name()) {
            weights[k] = weight;
            return true;
        }
    return false;
}

std::optional<double> RuleSet::get(const std::string& name) const {
    if (name == kResourceSelection) return resource_selection;
    for (std::size_t k = 0; k < dispatch_rules().size(); ++k)
        if (name == dispatch_rules()[k]->name()) return k < weights.size() ? weights[k] : 0.0;
    return std::nullopt;
}

std::string RuleSet::text() const {
    std::ostringstream out;
    const char* sep = "";
    for (std::size_t k = 0; k < weights.size() && k < dispatch_rules().size(); ++k)
        if (weights[k] != 0) { out << sep << dispatch_rules()[k]->name() << "=" << weights[k]; sep = " "; }
    if (resource_selection != 0) out << sep << kResourceSelection << "=" << resource_selection;
    return out.str();
}

std::string RuleSet::names() {
    std::string text;
    for (const auto& rule : dispatch_rules()) text += std::string(rule->name()) + ", ";
    return text + kResourceSelection;
}

}  // namespace makepack
