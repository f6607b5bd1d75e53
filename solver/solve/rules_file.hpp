// A planner's rules file (`--rules FILE`, docs/rules.md) and `--rule NAME=WEIGHT`.
#pragma once

#include "heuristics/dispatch/rule_set.hpp"

#include <string>

namespace makepack {

// Reads a rules file: `rules:` maps rule names to weights (the rules it does
// not name are off); `name:` and `notes:` are free text. Throws InputError
// (file, line, column, field) for malformed YAML, an unknown rule or a bad weight.
RuleSet load_rules_file(const std::string& path);
RuleSet parse_rules_text(const std::string& text, const std::string& file);

// Applies "NAME=WEIGHT" to `rules`; throws std::invalid_argument saying what is wrong.
void apply_rule_argument(RuleSet& rules, const std::string& argument);

// Weights beyond this are typos rather than preferences (the scale is relative).
constexpr double kMaxRuleWeight = 1e6;

}  // namespace makepack
