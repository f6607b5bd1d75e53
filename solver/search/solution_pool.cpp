#include "solver/search/solution_pool.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack {

bool SolutionPool::offer(const SearchState& state) {
    std::lock_guard lock(mutex_);
    const double total = state.total();
    for (const SearchState& e : elites_)
        if (std::abs(e.total() - total) <= 1e-9 * std::max(1.0, std::abs(total))) return false;
    const bool new_best = elites_.empty() || total < elites_.front().total();
    if (elites_.size() >= capacity_ && total >= elites_.back().total()) return false;
    auto at = std::lower_bound(elites_.begin(), elites_.end(), total,
                               [](const SearchState& e, double t) { return e.total() < t; });
    elites_.insert(at, state);
    if (elites_.size() > capacity_) elites_.pop_back();
    return new_best;
}

double SolutionPool::best_total() const {
    std::lock_guard lock(mutex_);
    return elites_.empty() ? std::numeric_limits<double>::infinity() : elites_.front().total();
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
