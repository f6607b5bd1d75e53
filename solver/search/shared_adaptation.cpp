#include "solver/search/shared_adaptation.hpp"

#include <algorithm>

namespace makepack {

SharedAdaptation::SharedAdaptation(const SearchConfig& config, const OperatorRegistry& registry)
    : config_(config), destroy_(names_of(registry.destroys())), repair_(names_of(registry.repairs())),
      move_(names_of(registry.moves())),
      destroy_size_(config.min_destroy + config.destroy_start * (config.max_destroy - config.min_destroy)) {}

double SharedAdaptation::destroy_size() const {
    std::lock_guard lock(mutex_);
    return destroy_size_;
}

double SharedAdaptation::end_segment(RouletteWheel& destroy, RouletteWheel& repair, RouletteWheel& move,
                                     bool improved, int rows) {
    std::lock_guard lock(mutex_);
    for (auto [shared, own] : {std::pair{&destroy_, &destroy}, std::pair{&repair_, &repair}, std::pair{&move_, &move}}) {
        shared->absorb_segment(*own);
        shared->end_segment(config_.roulette);
        shared->lend_weights(*own);
    }
    // Destroy size: smaller while it pays, larger when stuck (within bounds).
    const double upper = std::max<double>(config_.min_destroy,
                                          std::min<double>(config_.max_destroy, config_.destroy_max_share * std::max(1, rows)));
    destroy_size_ = improved ? std::max<double>(config_.min_destroy, destroy_size_ * config_.destroy_shrink)
                             : std::min(upper, destroy_size_ * config_.destroy_grow + 1);
    return destroy_size_;
}

}  // namespace makepack
