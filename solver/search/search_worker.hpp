// One search thread. The strategies are objects: operator selection
// (operator_selection.hpp), acceptance (acceptance.hpp), stopping
// (WorkerBudget, search_progress.hpp) and the worker's role (worker_roles.hpp),
// whose run() is the worker's loop. The worker owns what every role shares:
// the current plan, the decision on each candidate (settle()), the full check
// before the pool (publish()), the budget, the statistics.
#pragma once

#include "heuristics/operators/operator.hpp"
#include "solver/search/acceptance.hpp"
#include "solver/search/operator_stats.hpp"
#include "solver/search/search_config.hpp"
#include "solver/search/search_progress.hpp"
#include "solver/search/shared_adaptation.hpp"
#include "solver/search/solution_pool.hpp"
#include "solver/search/worker_roles.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace makepack {

// The seed of worker `id`'s random numbers in a search with `seed`.
inline std::uint64_t worker_seed(unsigned seed, int id) {
    return static_cast<std::uint64_t>(seed) * 1000003ULL + static_cast<std::uint64_t>(id);
}

class SearchWorker {
public:
    SearchWorker(int id, const SearchConfig& config, const OperatorRegistry& registry, SolutionPool& pool,
                 SearchProgress& progress, SharedAdaptation& adaptation, SearchState start, const WorkerPlan& plan);
    void run() { role_->run(*this); }
    const StatsTable& stats() const { return stats_; }
    long long check_failures() const { return check_failures_; }

    // --- What a role works with ---
    const SearchConfig& config() const { return config_; }
    Rng& rng() { return rng_; }
    const WorkerBudget& budget() const { return budget_; }
    SolutionPool& pool() { return pool_; }
    SearchProgress& progress() { return progress_; }
    // Operator weights and destroy size: shared by all workers, or this one's own.
    SharedAdaptation& adaptation() { return adaptation_; }
    OperatorStats& stat(const std::string& name) { return stats_[name]; }
    // The worker's current plan. A role that replaces it and then works on
    // candidate() calls go_on_from() instead (the candidate is re-copied in full).
    SearchState& current() { return current_; }
    void go_on_from(SearchState plan);
    // The state an iteration changes: re-made from current() by copying only
    // what changed since (SearchState::assign_changed); settle() swaps it in.
    SearchState& fresh_candidate();

    // The decision on a candidate that passed the incremental check.
    struct Verdict {
        double score = 0;         // the operator's roulette score (0: rejected)
        bool accepted = false;    // the candidate became the current plan
        bool improved = false;    // better than the current plan
        bool worker_best = false; // better than the worker's best so far
    };
    // `spent`: the budget's position (units or iterations used), for the cooling.
    Verdict settle(const std::string& name, OperatorStats& stat, long long spent) {
        return settle(name, stat, spent, candidate_);
    }
    // The same for a candidate made elsewhere from a copy of current() (the
    // speculative chain's lanes); accepted, it swaps with current().
    Verdict settle(const std::string& name, OperatorStats& stat, long long spent, SearchState& candidate);
    // A plan made outside settle() (the chain's combined candidates), better
    // than current(), becomes the current plan: as settle() does with an
    // accepted candidate (a new best is published first; the checker rejects
    // it: not taken).
    Verdict take(SearchState plan, const std::string& name, OperatorStats& stat);
    // Offers a plan to the pool after the whole checker passed it (a new best
    // is logged). Rejected: the checker found a violation (noted, counted).
    enum class Published { Rejected, Kept, NewBest };
    Published publish(const SearchState& state, const std::string& name);
    // Stuck: go on from an elite of the pool.
    void restart_from_pool();
    // Several threads: go on from the pool's best if it is better than current()
    // -- with what current() changed grafted onto it when that is better still
    // (SearchConfig::merge_stale).
    void adopt_pool_best();
    // Whether to look at the pool's best after `iteration` (SearchConfig::adopt_iterations).
    bool time_to_adopt(long long iteration) const;

private:
    // The best with the resources current() changed since base_ grafted on,
    // if that passes the incremental check and beats the best (published).
    std::optional<SearchState> graft_onto(const SearchState& best);
    // With --check-moves: whether the whole checker agrees (counted, noted if not).
    bool passes_check_moves(const SearchState& candidate, const std::string& name, OperatorStats& stat);
    void set_base() {
        if (merging_) base_ = current_;
    }

    int id_;
    const SearchConfig& config_;
    SolutionPool& pool_;
    SearchProgress& progress_;
    SharedAdaptation& adaptation_;
    WorkerBudget budget_;
    Rng rng_;
    SearchState current_;
    // Swapped with current_ when accepted, so it keeps the previous state's buffers.
    SearchState candidate_;
    PlanRank worker_best_;
    std::unique_ptr<Acceptance> acceptance_;
    std::unique_ptr<WorkerRole> role_;
    long long check_failures_ = 0;
    // The plan current() grew from: the last one taken from the pool or
    // published as a new best (kept only when merging_).
    std::optional<SearchState> base_;
    bool merging_ = false;
    long long seen_version_ = -1;  // the pool's best_version() at the last adopt_pool_best()
    StatsTable stats_;
};

}  // namespace makepack
