// One search thread: adaptive large neighbourhood search (destroy + repair,
// roulette-wheel operator weights, adaptive destroy size) mixed with small
// simulated-annealing moves, under simulated-annealing acceptance whose
// temperature calibrates itself and cools with the time budget.
#pragma once

#include "heuristics/operators/operator.hpp"
#include "solver/search/operator_stats.hpp"
#include "solver/search/search_config.hpp"
#include "solver/search/solution_pool.hpp"

#include <atomic>
#include <chrono>
#include <mutex>

namespace makepack {

// What all workers share besides the pool: the clock, the stop signal, the log.
class SearchProgress {
public:
    SearchProgress(const SearchConfig& config, const Instance& instance);
    double elapsed() const;
    // `budget`: the worker's iteration budget, 0 = none (then the time limit).
    bool should_stop(long long iteration, long long budget) const;
    void request_stop() { stopped_ = true; }
    // A new best was published: log it (time, objective, bound, gap, worker,
    // operator; the units still short while hard demand is not all packed).
    void report_best(const PlanRank& rank, int worker, const std::string& op);
    void note(const std::string& line);
    double time_to_best() const { return time_to_best_; }
    long long total_iterations() const { return iterations_; }
    void add_iterations(long long n) { iterations_ += n; }

private:
    const SearchConfig& config_;
    std::chrono::steady_clock::time_point started_;
    std::atomic<bool> stopped_{false};
    std::atomic<long long> iterations_{0};
    std::mutex log_mutex_;
    PlanRank best_;
    bool has_best_ = false;
    double time_to_best_ = 0;
};

class SearchWorker {
public:
    enum class Role {
        Alns,        // destroy/repair and small moves under SA acceptance
        Resequence,  // one long annealing over the rows' sequences (search_worker_resequence.cpp)
    };
    // `small_moves_share`: fraction of iterations that are SA moves instead of LNS;
    // `cycle_seconds` > 0: anneal in cycles of about that length (see temperature()).
    // `budget`: this worker's iteration budget (0 = the time limit).
    SearchWorker(int id, const SearchConfig& config, const OperatorRegistry& registry, SolutionPool& pool,
                 SearchProgress& progress, SearchState start, long long budget, double small_moves_share,
                 double cycle_seconds = 0, Role role = Role::Alns);
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

    struct Arm {
        std::string name;
        double weight = 1;
        double score = 0;
        int uses = 0;
    };
    std::size_t pick(const std::vector<Arm>& arms);
    void end_segment();
    // Share of the budget (iterations, or else time) used by `iteration`, in [0, 1].
    double budget_used(long long iteration) const;
    double temperature(long long iteration) const;
    bool accept(double delta, long long iteration);
    // Decides on the feasible candidate_; returns the operator's roulette score.
    double settle(const std::string& name, OperatorStats& stat, long long iteration);
    void credit(std::vector<Arm>& arms, std::size_t k, double score);

    int id_;
    const SearchConfig& config_;
    SolutionPool& pool_;
    SearchProgress& progress_;
    Rng rng_;
    SearchState current_;
    // The state each iteration works on: re-made from current_ by copying
    // only what changed (SearchState::assign_changed) and swapped in when accepted.
    SearchState candidate_;
    PlanRank worker_best_;
    long long budget_;  // iterations of this worker (its share of --work, or --iterations); 0 = time
    double small_moves_share_;
    double cycle_seconds_;  // annealing cycle length; 0 = one cooling over the whole budget
    Role role_;

    std::vector<std::unique_ptr<DestroyOperator>> destroys_;
    std::vector<std::unique_ptr<RepairOperator>> repairs_;
    std::vector<std::unique_ptr<Move>> moves_;
    std::vector<Arm> destroy_arms_, repair_arms_, move_arms_;
    std::vector<long long> move_last_call_;  // iteration of each move's last call

    double destroy_size_ = 4;
    bool segment_improved_ = false;
    double t0_ = 0;
    std::vector<double> worse_deltas_;
    long long last_improvement_ = 0;
    long long check_failures_ = 0;
    StatsTable stats_;
};

}  // namespace makepack
