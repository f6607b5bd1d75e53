// What all search workers share besides the pool: the clock, the stop signal,
// the log of new bests, the iteration count.
#pragma once

#include "heuristics/search_state.hpp"
#include "solver/search/search_config.hpp"

#include <atomic>
#include <chrono>
#include <mutex>

namespace makepack {

class SearchProgress {
public:
    explicit SearchProgress(const SearchConfig& config);
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

// Stopping of one worker: its budget (its share of --work in work units, or
// --iterations), or else the shared time limit; and how much of it is used,
// which drives the annealing's cooling. A role passes the budget's position:
// the units (or iterations) it has spent so far.
class WorkerBudget {
public:
    WorkerBudget(const SearchConfig& config, const SearchProgress& progress, long long iterations)
        : config_(config), progress_(progress), iterations_(iterations) {}
    bool exhausted(long long spent) const { return progress_.should_stop(spent, iterations_); }
    // Share of the budget (units or iterations, or else time) used at `spent`, in [0, 1].
    double used(long long spent) const;
    bool counted() const { return iterations_ > 0; }
    // What a step of `units` work units (heuristics/work_unit.hpp) uses of
    // this budget: its units under --work; one iteration under --iterations
    // (or a time limit), whatever the step costs.
    long long cost_of(long long units) const { return config_.work > 0 ? units : 1; }

private:
    const SearchConfig& config_;
    const SearchProgress& progress_;
    long long iterations_;
};

}  // namespace makepack
