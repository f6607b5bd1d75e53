#include "solver/solve.hpp"

#include "heuristics/backward_greedy.hpp"

#include <chrono>

namespace makepack {

SolveOutcome solve_instance(const Instance& instance, const SolveOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    SolveOutcome outcome;
    outcome.method = "backward greedy";
    GreedyOptions greedy;
    greedy.seed = options.seed;
    GreedyResult result = backward_greedy(instance, greedy);
    if (result.schedule) {
        outcome.schedule = std::move(result.schedule);
        if (outcome.schedule->instance_name.empty()) outcome.schedule->instance_name = instance.name;
    } else {
        outcome.failure = result.failure.empty() ? "the greedy found no feasible schedule" : result.failure;
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return outcome;
}

}  // namespace makepack
