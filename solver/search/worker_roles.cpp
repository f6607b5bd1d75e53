#include "solver/search/worker_roles.hpp"

#include "solver/search/lns_role.hpp"
#include "solver/search/resequence_role.hpp"
#include "solver/search/speculative_chain.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace makepack {

std::vector<WorkerPlan> plan_workers(const SearchConfig& config, const OperatorRegistry& registry, unsigned threads) {
    const WorkerMix& mix = config.mix;
    // The resequence role is the resequence move's annealing run as a worker's
    // whole search: only where that move is selected.
    const bool resequence = std::any_of(registry.moves().begin(), registry.moves().end(),
                                        [&](const auto& info) { return info.name == mix.resequence_move; });
    std::vector<WorkerPlan> plans;
    for (unsigned w = 0; w < threads; ++w) {
        WorkerPlan plan;
        const bool odd = threads > 1 && w % 2 == 1;
        plan.small_moves_share = threads == 1 ? mix.single_small_moves : (odd ? mix.sa_small_moves : mix.lns_small_moves);
        plan.role = odd && resequence ? ResequenceRole::kName : LnsRole::kName;
        plan.budget = config.iterations;
        if (config.work > 0)
            plan.budget = std::max(1LL, static_cast<long long>(config.work / threads) +
                                            (static_cast<long long>(w) < static_cast<long long>(config.work % threads) ? 1 : 0));
        // Cycles only on a time budget (a counted budget cools once).
        if (odd && plan.budget == 0 && mix.cycle_seconds > 0)
            plan.annealing_cycles = std::max(1, static_cast<int>(std::lround(config.time_limit_seconds / mix.cycle_seconds)));
        if (config.work > 0 && mix.uniform_under_work) {
            plan.role = LnsRole::kName;
            plan.small_moves_share = mix.single_small_moves;
        }
        plans.push_back(plan);
    }
    return plans;
}

std::unique_ptr<WorkerRole> make_worker_role(const WorkerPlan& plan, const SearchConfig& config,
                                             const OperatorRegistry& registry) {
    if (plan.role == LnsRole::kName) return std::make_unique<LnsRole>(config, registry, plan);
    if (plan.role == ResequenceRole::kName) return std::make_unique<ResequenceRole>(config, registry, plan);
    if (plan.role == SpeculativeRole::kName) return std::make_unique<SpeculativeRole>(config, registry, plan);
    throw std::invalid_argument("unknown worker role '" + plan.role + "'");
}

}  // namespace makepack
