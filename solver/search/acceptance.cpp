#include "solver/search/acceptance.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace makepack {

double SelfCalibratingAnnealing::temperature(double current, double budget_used) const {
    double progress = budget_used;
    int cycle = 0;
    if (cycles_ > 1) {
        cycle = std::min(cycles_ - 1, static_cast<int>(progress * cycles_));
        progress = std::clamp(progress * cycles_ - cycle, 0.0, 1.0);
    }
    const double start = (t0_ > 0 ? t0_ : config_.uncalibrated * std::max(1.0, current)) * std::pow(config_.reheat, cycle);
    return start * std::pow(config_.cooling, progress);
}

bool SelfCalibratingAnnealing::accept(double delta, double current, double budget_used, Rng& rng) {
    if (delta <= 0) return true;
    if (t0_ == 0) {
        worse_deltas_.push_back(delta);
        if (worse_deltas_.size() >= static_cast<std::size_t>(config_.calibration_moves)) {
            t0_ = std::accumulate(worse_deltas_.begin(), worse_deltas_.end(), 0.0) / worse_deltas_.size() /
                  -std::log(config_.calibration_acceptance);
            t0_ = std::max(t0_, 1e-9);
        }
    }
    const double t = temperature(current, budget_used);
    return std::uniform_real_distribution<double>(0, 1)(rng) < std::exp(-delta / t);
}

}  // namespace makepack
