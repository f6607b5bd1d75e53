#include "solver/solve.hpp"

#include "heuristics/backward_greedy.hpp"
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
    GreedyResult result = backward_greedy(instance, greedy);
    outcome.greedy_seconds = elapsed();
    if (!result.schedule) {
        outcome.failure = result.failure.empty() ? "the greedy found no feasible schedule" : result.failure;
        outcome.seconds = elapsed();
        return outcome;
    }
    Schedule start = std::move(*result.schedule);
    if (start.instance_name.empty()) start.instance_name = instance.name;
    const double start_total = check_schedule(instance, start, CheckOptions{false}).objective.total;
    outcome.start_objective = start_total;
    outcome.time_to_best = outcome.greedy_seconds;
    if (options.progress) {
        char line[160];
        std::snprintf(line, sizeof line, "greedy start: objective %.2f in %.3f s", start_total, outcome.greedy_seconds);
        options.progress(line);
    }
    const double left = options.time_limit_seconds - elapsed();
    const bool reached = options.target && start_total <= *options.target + 1e-9;
    if (options.greedy_only || reached || (options.iterations == 0 && left <= 0)) {
        outcome.schedule = std::move(start);
        outcome.seconds = elapsed();
        return outcome;
    }

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
    SearchResult search = parallel_search(instance, start, config);
    outcome.method = "backward greedy + parallel LNS/SA";
    outcome.schedule = std::move(search.best);
    if (outcome.schedule->instance_name.empty()) outcome.schedule->instance_name = instance.name;
    if (search.objective.total < start_total - 1e-9) outcome.time_to_best = outcome.greedy_seconds + search.time_to_best;
    outcome.iterations = search.iterations;
    outcome.check_failures = search.check_failures;
    outcome.threads = config.threads;
    outcome.operator_stats = std::move(search.stats);
    outcome.seconds = elapsed();
    return outcome;
}

}  // namespace makepack
