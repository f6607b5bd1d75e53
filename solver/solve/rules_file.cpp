#include "solver/solve/rules_file.hpp"

#include "model/input_file.hpp"
#include "model/io_yaml.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace makepack {

RuleSet parse_rules_text(const std::string& text, const std::string& file) {
    const io::Document doc = io::Document::parse(text, file);
    const io::Field root = io::root_field(doc);
    root.expect_map();
    root.check_keys({"name", "notes", "rules"});
    if (auto name = root.get("name")) name->as_string();
    if (auto notes = root.get("notes")) notes->as_string();
    const io::Field rules = root.require("rules");
    rules.expect_map();
    RuleSet set = RuleSet::none();
    for (std::size_t k = 0; k < rules.size(); ++k) {
        const std::string name = rules.entry_key(k);
        if (!set.get(name)) rules.fail_key(name, "unknown rule (known: " + RuleSet::names() + ")");
        set.set(name, rules.entry_value(k).as_number(-kMaxRuleWeight, kMaxRuleWeight));
    }
    return set;
}

RuleSet load_rules_file(const std::string& path) {
    return parse_rules_text(read_input_file(path, "a rules file"), path);
}

void apply_rule_argument(RuleSet& rules, const std::string& argument) {
    const auto equals = argument.find('=');
    if (equals == std::string::npos)
        throw std::invalid_argument("--rule '" + argument + "': expected NAME=WEIGHT, e.g. need-date=3");
    const std::string name = argument.substr(0, equals), value = argument.substr(equals + 1);
    if (!rules.get(name))
        throw std::invalid_argument("--rule '" + argument + "': unknown rule '" + name + "' (known: " + RuleSet::names() + ")");
    char* end = nullptr;
    errno = 0;
    const double weight = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || errno != 0 || !std::isfinite(weight) || std::fabs(weight) > kMaxRuleWeight)
        throw std::invalid_argument("--rule '" + argument + "': the weight must be a number between -1e6 and 1e6");
    rules.set(name, weight);
}

}  // namespace makepack
