#include "solver/search/solution_pool.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack {

bool SolutionPool::offer(const SearchState& state) {
    std::lock_guard lock(mutex_);
    const PlanRank rank = state.rank();
    for (const SearchState& e : elites_)
        if (e.shortfall() == rank.shortfall &&
            std::abs(e.total() - rank.total) <= 1e-9 * std::max(1.0, std::abs(rank.total)))
            return false;
    const bool new_best = elites_.empty() || rank.better_than(elites_.front().rank(), 0);
    if (elites_.size() >= capacity_ && !rank.better_than(elites_.back().rank(), 0)) return false;
    auto at = std::lower_bound(elites_.begin(), elites_.end(), rank,
                               [](const SearchState& e, const PlanRank& r) { return e.rank().better_than(r, 0); });
    elites_.insert(at, state);
    if (elites_.size() > capacity_) elites_.pop_back();
    if (new_best) best_version_.fetch_add(1, std::memory_order_release);
    return new_best;
}

PlanRank SolutionPool::best_rank() const {
    std::lock_guard lock(mutex_);
    if (elites_.empty()) return {std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    return elites_.front().rank();
}

std::optional<SearchState> SolutionPool::best() const {
    std::lock_guard lock(mutex_);
    if (elites_.empty()) return std::nullopt;
    return elites_.front();
}

std::optional<SearchState> SolutionPool::sample(std::mt19937_64& rng) const {
    std::lock_guard lock(mutex_);
    if (elites_.empty()) return std::nullopt;
    // Rank-biased: index = floor(n * u^2).
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    const auto k = std::min(elites_.size() - 1, static_cast<std::size_t>(elites_.size() * u * u));
    return elites_[k];
}

}  // namespace makepack
