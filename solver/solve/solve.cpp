#include "solver/solve/solve.hpp"

#include "solver/solve/start_plan.hpp"
#include "heuristics/search_state.hpp"
#include "solver/search/parallel_search.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

namespace makepack {

namespace {

using Clock = std::chrono::steady_clock;

// The start plan, and the instance the search works on: the instance itself,
// or a copy with hard demand relaxed.
struct StartPhase {
    StartPlan plan;
    std::optional<Instance> relaxed;
    const Instance& searched(const Instance& instance) const { return relaxed ? *relaxed : instance; }
};

StartPhase build_start(const Instance& instance, const StartOptions& start_options, const GreedyOptions& greedy) {
    StartPhase phase{build_start_plan(instance, start_options, greedy), std::nullopt};
    GreedyResult& result = phase.plan.result;
    // A start plan that cannot pack all hard demand is no reason to give up:
    // the search goes on from what fits, on a copy of the instance where the
    // units short are counted (and driven down first) instead of forbidden.
    if (result.schedule && result.shortfall <= 0) return phase;
    phase.relaxed = instance;
    phase.relaxed->relax_hard_demand = true;
    const std::string strict_failure = result.failure;
    // Every relaxed construction is a plan, so the greedy's fallback orders
    // ("while none is feasible") would all run, each slow where pieces check
    // the tote limit: the regular orders only, the search does the rest.
    GreedyOptions partial = greedy;
    partial.fallback_orders = 0;
    // Auto: where the backward greedy leaves hard demand short, the rule
    // weightings may leave less (feas0275 of bench/feasibility: backward
    // 4.96 M units short, the need-date rules 21,692; the search then packs
    // everything), so the relaxed start is the portfolio's best.
    StartOptions relaxed_start = start_options;
    if (relaxed_start.kind == StartKind::Auto) relaxed_start.kind = StartKind::Portfolio;
    if (!result.stopped) phase.plan = build_start_plan(*phase.relaxed, relaxed_start, partial);
    if (result.failure.empty()) result.failure = strict_failure;
    return phase;
}

void log_start(const SolveOptions& options, const std::string& method, const ObjectiveBreakdown& start_objective,
               double seconds) {
    if (!options.progress) return;
    // "greedy start: ..." as before for the default start.
    const bool backward = options.start.kind == StartKind::Backward ||
                          (options.start.kind == StartKind::Auto && method == "backward greedy");
    const std::string start_label = backward ? "greedy" : method;
    char line[300];
    if (start_objective.shortfall > 0)
        std::snprintf(line, sizeof line, "%s start: objective %.2f, %.0f units of hard demand short, in %.3f s",
                      start_label.c_str(), start_objective.total, start_objective.shortfall, seconds);
    else
        std::snprintf(line, sizeof line, "%s start: objective %.2f in %.3f s", start_label.c_str(),
                      start_objective.total, seconds);
    options.progress(line);
}

// Sorts the final plan into `schedule` (packs all hard demand) or `partial`.
SolveOutcome finish(SolveOutcome outcome, Schedule plan, double shortfall, double seconds, bool start_stopped) {
    if (shortfall > 0) {
        outcome.partial = std::move(plan);
        outcome.shortfall = shortfall;
        outcome.failure = "after " + std::to_string(static_cast<long long>(std::lround(seconds))) +
                          " s the best plan found still leaves " +
                          std::to_string(static_cast<long long>(std::llround(shortfall))) +
                          " units of hard demand unpacked" +
                          (outcome.stopped ? " (stopped)" : start_stopped ? " (time limit during the start plan)" : "");
    } else {
        outcome.schedule = std::move(plan);
    }
    outcome.seconds = seconds;
    return outcome;
}

}  // namespace

SolveOutcome solve_instance(const Instance& instance, const SolveOptions& options) {
    const auto started = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
    SolveOutcome outcome;
    GreedyOptions greedy;
    greedy.seed = options.seed;
    // The start plan is cut short by Ctrl-C or the time limit (not by an
    // iteration budget: a reproducible run builds it whole).
    const bool counted = options.counted();
    greedy.should_stop = [&] {
        return (options.stop && options.stop->load()) || (!counted && elapsed() >= options.time_limit_seconds);
    };
    // A portfolio leaves the search most of a timed solve (a quarter for its builders).
    StartOptions start_options = options.start;
    if (options.iterations == 0 && start_options.portfolio_seconds == 0)
        start_options.portfolio_seconds = 0.25 * options.time_limit_seconds;
    StartPhase start_phase = build_start(instance, start_options, greedy);
    GreedyResult& result = start_phase.plan.result;
    const Instance& searched = start_phase.searched(instance);
    outcome.method = start_phase.plan.method;
    outcome.greedy_seconds = elapsed();
    outcome.stopped = result.stopped && options.stop && options.stop->load();
    if (!result.schedule) {
        outcome.failure = result.failure.empty() ? "the greedy found no start plan" : result.failure;
        if (result.stopped) outcome.failure = "stopped before a start plan was built (" + outcome.failure + ")";
        outcome.seconds = elapsed();
        return outcome;
    }
    Schedule start = std::move(*result.schedule);
    if (start.instance_name.empty()) start.instance_name = instance.name;
    const ObjectiveBreakdown start_objective = check_schedule(searched, start, CheckOptions{false}).objective;
    outcome.start_objective = start_objective.total;
    outcome.time_to_best = outcome.greedy_seconds;
    log_start(options, start_phase.plan.method, start_objective, outcome.greedy_seconds);
    const double left = options.time_limit_seconds - elapsed();
    const bool reached =
        options.target && start_objective.shortfall == 0 && start_objective.total <= *options.target + 1e-9;
    if (options.greedy_only || reached || result.stopped || (!counted && left <= 0))
        return finish(std::move(outcome), std::move(start), start_objective.shortfall, elapsed(), result.stopped);

    SearchConfig config = options.search_config(left);
    config.exchange = options.exchange;
    config.exchange_seconds = options.exchange_seconds;
    SearchResult search = parallel_search(searched, start, config);
    outcome.method = start_phase.plan.method + " + parallel LNS/SA";
    if (search.best.instance_name.empty()) search.best.instance_name = instance.name;
    const PlanRank found{search.objective.shortfall, search.objective.total};
    if (found.better_than({start_objective.shortfall, start_objective.total}))
        outcome.time_to_best = outcome.greedy_seconds + search.time_to_best;
    outcome.iterations = search.iterations;
    outcome.check_failures = search.check_failures;
    outcome.threads = config.threads;
    outcome.operator_stats = std::move(search.stats);
    outcome.stopped = options.stop && options.stop->load();
    return finish(std::move(outcome), std::move(search.best), search.objective.shortfall, elapsed(), result.stopped);
}

}  // namespace makepack
