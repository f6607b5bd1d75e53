// The shared pool of the parallel search: the best plan and a few diverse
// good ones. Workers publish improvements and restart from it when stuck.
#pragma once

#include "heuristics/search_state.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <random>
#include <vector>

namespace makepack {

class SolutionPool {
public:
    explicit SolutionPool(std::size_t capacity = 8) : capacity_(capacity) {}

    // Offers a plan; true if it is the new best. Plans of the same shortfall
    // within 1e-9 of one in the pool count as the same (kept once), so the
    // pool stays diverse.
    bool offer(const SearchState& state);

    // How many times the best plan has changed: a worker that saw the same
    // count last time knows without a lock that no new best arrived.
    long long best_version() const { return best_version_.load(std::memory_order_acquire); }
    // The best plan's rank; shortfall infinite while the pool is empty.
    PlanRank best_rank() const;
    std::optional<SearchState> best() const;
    // A copy of a random elite (the best more often), for a restart.
    std::optional<SearchState> sample(std::mt19937_64& rng) const;

private:
    mutable std::mutex mutex_;
    std::size_t capacity_;
    std::vector<SearchState> elites_;  // sorted by rank, best first
    std::atomic<long long> best_version_{0};
};

}  // namespace makepack
