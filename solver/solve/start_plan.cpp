#include "solver/solve/start_plan.hpp"

#include "heuristics/dispatch/rules_dispatch.hpp"
#include "heuristics/search_state.hpp"
#include "model/checker.hpp"

#include <chrono>

namespace makepack {

std::optional<StartKind> start_kind_from_string(const std::string& text) {
    if (text == "auto") return StartKind::Auto;
    if (text == "backward") return StartKind::Backward;
    if (text == "rules") return StartKind::Rules;
    if (text == "portfolio") return StartKind::Portfolio;
    return std::nullopt;
}

namespace {

GreedyResult dispatch_with(const Instance& instance, const RuleSet& rules, const GreedyOptions& greedy) {
    DispatchOptions options;
    options.rules = rules;
    options.should_stop = greedy.should_stop;
    return rules_dispatch(instance, options);
}

// The portfolio's extra weightings: the planner's usual "due dates first",
// "fewest changeovers" and "best lines" extremes of the default rule set.
std::vector<std::pair<std::string, RuleSet>> portfolio_weightings(const RuleSet& first) {
    std::vector<std::pair<std::string, RuleSet>> sets{{"rules", first}};
    RuleSet due = RuleSet::defaults();
    due.set("need-date", 10);
    due.set("critical-ratio", 3);
    sets.emplace_back("rules (need-date)", due);
    RuleSet setup = RuleSet::defaults();
    setup.set("setup", 6);
    setup.set("campaign", 6);
    sets.emplace_back("rules (setup)", setup);
    RuleSet lines = RuleSet::defaults();
    lines.set("downtime", 5);
    lines.set("preferred-resource", 3);
    lines.resource_selection = 5;
    sets.emplace_back("rules (lines)", lines);
    return sets;
}

}  // namespace

StartPlan build_start_plan(const Instance& instance, const StartOptions& options, const GreedyOptions& greedy) {
    if (options.kind == StartKind::Backward || options.kind == StartKind::Auto) {
        GreedyOptions chosen = greedy;
        chosen.pipelined = options.kind == StartKind::Auto;  // `backward`: the thesis's insertion alone
        GreedyResult result = backward_greedy(instance, chosen);
        const bool pipelined = result.pipelined;
        return {std::move(result), pipelined ? "pipeline" : "backward greedy"};
    }
    if (options.kind == StartKind::Rules) return {dispatch_with(instance, options.rules, greedy), "rules dispatch"};

    // Portfolio: the backward greedy first (the proven default), then the rule
    // weightings while time is left; the best complete plan wins.
    const auto started = std::chrono::steady_clock::now();
    auto over_budget = [&] {
        return options.portfolio_seconds > 0 &&
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() >= options.portfolio_seconds;
    };
    // A builder cut short by the budget is not a stopped solve: the search still runs.
    GreedyOptions budgeted = greedy;
    budgeted.should_stop = [&] { return (greedy.should_stop && greedy.should_stop()) || over_budget(); };
    auto stopped = [&] { return greedy.should_stop && greedy.should_stop(); };
    StartPlan best;
    PlanRank best_rank;
    std::string failures;
    auto consider = [&](GreedyResult result, const std::string& name) {
        result.stopped = result.stopped && stopped();
        if (result.stopped) best.result.stopped = true;
        if (!result.schedule) {
            failures += (failures.empty() ? "" : "; ") + name + ": " + result.failure;
            return;
        }
        const ObjectiveBreakdown objective = check_schedule(instance, *result.schedule, CheckOptions{false}).objective;
        const PlanRank rank{objective.shortfall, objective.total};
        if (!best.result.schedule || rank.better_than(best_rank)) {
            const bool stopped = best.result.stopped;
            best.result = std::move(result);
            best.result.stopped = stopped;
            best.method = "portfolio: " + name;
            best_rank = rank;
        }
    };
    GreedyResult greedy_plan = backward_greedy(instance, greedy);
    const bool pipelined = greedy_plan.pipelined;
    consider(std::move(greedy_plan), pipelined ? "pipeline" : "backward greedy");
    for (const auto& [name, rules] : portfolio_weightings(options.rules)) {
        if (stopped()) { best.result.stopped = true; break; }
        if (over_budget()) break;
        consider(dispatch_with(instance, rules, budgeted), name);
    }
    if (!best.result.schedule) {
        best.result.failure = failures;
        best.method = "portfolio";
    }
    return best;
}

}  // namespace makepack
