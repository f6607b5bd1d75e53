// One search thread: adaptive large neighbourhood search (destroy + repair,
// adaptive destroy size) mixed with small moves; the strategies are objects:
// operator selection (operator_selection.hpp), acceptance (acceptance.hpp),
// stopping (WorkerBudget, search_progress.hpp) and the worker's role
// (worker_roles.hpp). The worker decides on each candidate in settle().
#pragma once

#include "heuristics/operators/operator.hpp"
#include "solver/search/acceptance.hpp"
#include "solver/search/operator_selection.hpp"
#include "solver/search/operator_stats.hpp"
#include "solver/search/search_config.hpp"
#include "solver/search/search_progress.hpp"
#include "solver/search/shared_adaptation.hpp"
#include "solver/search/solution_pool.hpp"
#include "solver/search/worker_roles.hpp"

#include <memory>

namespace makepack {

class SearchWorker {
public:
    SearchWorker(int id, const SearchConfig& config, const OperatorRegistry& registry, SolutionPool& pool,
                 SearchProgress& progress, SharedAdaptation& adaptation, SearchState start, const WorkerPlan& plan);
    void run();
    const StatsTable& stats() const { return stats_; }
    long long check_failures() const { return check_failures_; }

private:
    // until_met: return as soon as the pool's best packs all hard demand.
    void run_alns(bool until_met = false);
    // Falls back to run_alns() where the Resequencer does not apply.
    void run_resequence();
    // Offers a plan to the pool after the whole checker passed it (a new best
    // is logged). Rejected: the checker found a violation (noted, counted).
    enum class Published { Rejected, Kept, NewBest };
    Published publish(const SearchState& state, const std::string& name);

    void end_segment();
    // Decides on the feasible candidate_; returns the operator's roulette score.
    double settle(const std::string& name, OperatorStats& stat, long long iteration);
    // Stuck: go on from an elite of the pool.
    void restart_from_pool();
    // Several threads: go on from the pool's best if it is better than current_.
    void adopt_pool_best();
    // Whether to look at the pool's best after `iteration` (SearchConfig::adopt_iterations).
    bool time_to_adopt(long long iteration) const;

    int id_;
    const SearchConfig& config_;
    SolutionPool& pool_;
    SearchProgress& progress_;
    SharedAdaptation& adaptation_;  // operator weights and destroy size (shared or this worker's own)
    WorkerBudget budget_;
    Rng rng_;
    SearchState current_;
    // The state each iteration works on: re-made from current_ by copying
    // only what changed (SearchState::assign_changed) and swapped in when accepted.
    SearchState candidate_;
    PlanRank worker_best_;
    double small_moves_share_;
    WorkerRole role_;
    std::unique_ptr<Acceptance> acceptance_;

    std::vector<std::unique_ptr<DestroyOperator>> destroys_;
    std::vector<std::unique_ptr<RepairOperator>> repairs_;
    std::vector<std::unique_ptr<Move>> moves_;
    RouletteWheel destroy_wheel_, repair_wheel_, move_wheel_;
    std::vector<long long> move_last_call_;  // iteration of each move's last call

    bool adopt_ = false;
    long long seen_version_ = -1;  // the pool's best_version() at the last adopt_pool_best()
    double destroy_size_ = 4;
    bool segment_improved_ = false;
    long long last_improvement_ = 0;
    long long check_failures_ = 0;
    StatsTable stats_;
};

}  // namespace makepack
