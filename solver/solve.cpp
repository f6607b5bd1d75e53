#include "solver/solve.hpp"

#include "heuristics/backward_greedy.hpp"
#include "heuristics/search_state.hpp"
#include "solver/search/parallel_search.hpp"

#include <chrono>
#include <thread>

namespace makepack {

SolveOutcome solve_instance(const Instance& instance, const SolveOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    SolveOutcome outcome;
    outcome.method = "backward greedy";
    GreedyOptions greedy;
    greedy.seed = options.seed;
    // The start plan is cut short by Ctrl-C or the time limit (not by an
    // iteration budget: a reproducible run builds it whole).
    greedy.should_stop = [&] {
        return (options.stop && options.stop->load()) || (options.iterations == 0 && elapsed() >= options.time_limit_seconds);
    };
    GreedyResult result = backward_greedy(instance, greedy);
    // A start plan that cannot pack all hard demand is no reason to give up:
    // the search goes on from what fits, on a copy of the instance where the
    // units short are counted (and driven down first) instead of forbidden.
    Instance relaxed;
    const Instance* searched = &instance;
    if (!result.schedule || result.shortfall > 0) {
        relaxed = instance;
        relaxed.relax_hard_demand = true;
        searched = &relaxed;
        const std::string strict_failure = result.failure;
        // Every relaxed construction is a plan, so the greedy's fallback orders
        // ("while none is feasible") would all run, each slow where pieces check
        // the tote limit: the regular orders only, the search does the rest.
        GreedyOptions partial = greedy;
        partial.fallback_orders = 0;
        if (!result.stopped) result = backward_greedy(relaxed, partial);
        if (result.failure.empty()) result.failure = strict_failure;
    }
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
    const ObjectiveBreakdown start_objective = check_schedule(*searched, start, CheckOptions{false}).objective;
    const double start_total = start_objective.total;
    outcome.start_objective = start_total;
    outcome.time_to_best = outcome.greedy_seconds;
    if (options.progress) {
        char line[200];
        if (start_objective.shortfall > 0)
            std::snprintf(line, sizeof line, "greedy start: objective %.2f, %.0f units of hard demand short, in %.3f s",
                          start_total, start_objective.shortfall, outcome.greedy_seconds);
        else
            std::snprintf(line, sizeof line, "greedy start: objective %.2f in %.3f s", start_total, outcome.greedy_seconds);
        options.progress(line);
    }
    // Sorts a plan into `schedule` (packs all hard demand) or `partial`.
    auto finish = [&](Schedule plan, double shortfall) {
        if (shortfall > 0) {
            outcome.partial = std::move(plan);
            outcome.shortfall = shortfall;
            outcome.failure = "after " + std::to_string(static_cast<long long>(std::lround(elapsed()))) +
                              " s the best plan found still leaves " +
                              std::to_string(static_cast<long long>(std::llround(shortfall))) +
                              " units of hard demand unpacked" +
                              (outcome.stopped ? " (stopped)" : result.stopped ? " (time limit during the start plan)" : "");
        } else {
            outcome.schedule = std::move(plan);
        }
        outcome.seconds = elapsed();
        return outcome;
    };
    const double left = options.time_limit_seconds - elapsed();
    const bool reached = options.target && start_objective.shortfall == 0 && start_total <= *options.target + 1e-9;
    if (options.greedy_only || reached || result.stopped || (options.iterations == 0 && left <= 0))
        return finish(std::move(start), start_objective.shortfall);

    SearchConfig config;
    config.time_limit_seconds = std::max(0.0, left);
    config.iterations = options.iterations;
    config.target = options.target;
    config.seed = options.seed == 0 ? 1 : options.seed;
    config.threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    config.check_moves = options.check_moves;
    config.registry = options.registry;
    config.destroys = options.destroys;
    config.repairs = options.repairs;
    config.moves = options.moves;
    config.lower_bound = options.lower_bound;
    config.stop = options.stop;
    config.log = options.progress;
    config.exchange = options.exchange;
    config.exchange_seconds = options.exchange_seconds;
    SearchResult search = parallel_search(*searched, start, config);
    outcome.method = "backward greedy + parallel LNS/SA";
    if (search.best.instance_name.empty()) search.best.instance_name = instance.name;
    const PlanRank found{search.objective.shortfall, search.objective.total};
    if (found.better_than({start_objective.shortfall, start_total}))
        outcome.time_to_best = outcome.greedy_seconds + search.time_to_best;
    outcome.iterations = search.iterations;
    outcome.check_failures = search.check_failures;
    outcome.threads = config.threads;
    outcome.operator_stats = std::move(search.stats);
    outcome.stopped = options.stop && options.stop->load();
    return finish(std::move(search.best), search.objective.shortfall);
}

}  // namespace makepack
