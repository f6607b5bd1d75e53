// A planner's rule set: one weight per dispatch rule plus the seed's
// "Resource vs Operation Selection" weight (docs/rules.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace makepack {

struct RuleSet {
    // Indexed like dispatch_rules(); 0 = the rule is off. Negative weights
    // turn a rule around (e.g. remaining-work = -1: longest first).
    std::vector<double> weights;
    // How far a SKU's choice of line counts against the line's choice of SKU:
    // penalty (score here - best line's) / (worst - best), times this weight.
    double resource_selection = 0;

    static constexpr const char* kResourceSelection = "resource-selection";

    // Every rule off.
    static RuleSet none();
    // The weights `--start rules` uses when no rule is given (docs/rules.md).
    static RuleSet defaults();
    // Sets a weight by name; false for an unknown name.
    bool set(const std::string& name, double weight);
    std::optional<double> get(const std::string& name) const;
    // "need-date=2 setup=1 ..." (the non-zero weights), for logs and reports.
    std::string text() const;
    // Every accepted name, comma separated (for error messages).
    static std::string names();
};

}  // namespace makepack
