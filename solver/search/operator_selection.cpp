#include "solver/search/operator_selection.hpp"

#include <algorithm>

namespace makepack {

RouletteWheel::RouletteWheel(std::vector<std::string> names) {
    for (auto& name : names) arms_.push_back({std::move(name)});
}

std::size_t RouletteWheel::pick(Rng& rng) const {
    double sum = 0;
    for (const Arm& a : arms_) sum += a.weight;
    double x = std::uniform_real_distribution<double>(0, sum)(rng);
    for (std::size_t k = 0; k < arms_.size(); ++k) {
        if (x < arms_[k].weight) return k;
        x -= arms_[k].weight;
    }
    return arms_.size() - 1;
}

void RouletteWheel::credit(std::size_t k, double score) {
    arms_[k].score += score;
    arms_[k].uses += 1;
}

void RouletteWheel::end_segment(const RouletteConfig& config) {
    for (Arm& a : arms_) {
        if (a.uses > 0) a.weight = (1 - config.reaction) * a.weight + config.reaction * (a.score / a.uses);
        a.weight = std::max(a.weight, config.min_weight);
        a.score = 0;
        a.uses = 0;
    }
}

void RouletteWheel::absorb_segment(RouletteWheel& segment) {
    for (std::size_t k = 0; k < arms_.size(); ++k) {
        arms_[k].score += segment.arms_[k].score;
        arms_[k].uses += segment.arms_[k].uses;
        segment.arms_[k].score = 0;
        segment.arms_[k].uses = 0;
    }
}

void RouletteWheel::lend_weights(RouletteWheel& to) const {
    for (std::size_t k = 0; k < arms_.size(); ++k) to.arms_[k].weight = arms_[k].weight;
}

}  // namespace makepack
