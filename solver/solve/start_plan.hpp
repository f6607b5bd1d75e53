// Which start plan the search begins from (`--start`, docs/rules.md): the
// backward greedy, the weighted-rules forward dispatch, a portfolio of both
// and a few rule weightings (best complete plan first), or auto (the default):
// the backward greedy, and the portfolio only where it leaves hard demand short.
#pragma once

#include "heuristics/backward_greedy.hpp"
#include "heuristics/dispatch/rule_set.hpp"

#include <optional>
#include <string>

namespace makepack {

enum class StartKind { Auto, Backward, Rules, Portfolio };
std::optional<StartKind> start_kind_from_string(const std::string& text);

struct StartOptions {
    StartKind kind = StartKind::Auto;
    RuleSet rules = RuleSet::defaults();  // for Rules, and the first weighting of Portfolio
    // Portfolio: seconds after which no further builder starts and a running
    // rules builder is cut short (the search needs the rest); 0 = no limit.
    double portfolio_seconds = 0;
};

struct StartPlan {
    GreedyResult result;
    std::string method;  // "backward greedy", "rules dispatch", "portfolio: rules (setup)", ...
};

// Auto is resolved by the caller (solve_instance): Backward for the strict
// instance, Portfolio for the relaxed one; here it builds as Backward.
// Builds the start plan of `options.kind` on `instance` (which may be the
// search's relaxed copy: plans then rank by shortfall first, then objective,
// as PlanRank). A portfolio builder that fails or breaks a rule is skipped;
// the portfolio fails only when every builder does.
StartPlan build_start_plan(const Instance& instance, const StartOptions& options, const GreedyOptions& greedy);

}  // namespace makepack
