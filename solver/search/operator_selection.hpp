// Operator selection of a search worker: an adaptive roulette wheel (Ropke &
// Pisinger 2006). Each arm (an operator) is drawn with probability weight/sum;
// its scores over a segment of iterations become its next weight. To try
// another scheme (e.g. epsilon-greedy, UCB), write a class with the same three
// calls and use it in SearchWorker (docs/architecture.md, "Search strategies").
#pragma once

#include "heuristics/operators/operator.hpp"

#include <string>
#include <vector>

namespace makepack {

// What an outcome earns the operators that produced it, and how fast weights follow.
struct RouletteConfig {
    double score_new_best = 33;  // Ropke & Pisinger's values (not re-tuned here)
    double score_better = 9;     // better than the worker's current plan
    double score_accepted = 13;  // accepted though not better: rewards diversification
    int segment = 50;            // iterations between weight updates
    double reaction = 0.2;       // weight of the last segment in the new weight
    double min_weight = 0.05;    // every operator keeps a chance
};

class RouletteWheel {
public:
    explicit RouletteWheel(std::vector<std::string> names);
    std::size_t size() const { return arms_.size(); }
    bool empty() const { return arms_.empty(); }
    const std::string& name(std::size_t k) const { return arms_[k].name; }
    double weight(std::size_t k) const { return arms_[k].weight; }
    // One draw of the wheel (one uniform number from `rng`).
    std::size_t pick(Rng& rng) const;
    void credit(std::size_t k, double score);
    // End of a segment: weights move toward the mean score of their uses.
    void end_segment(const RouletteConfig& config);
    // Several workers learning one set of weights (SharedAdaptation): this
    // wheel takes over the scores and uses `segment` collected (which starts
    // afresh), and `segment` takes over this wheel's weights.
    void absorb_segment(RouletteWheel& segment);
    void lend_weights(RouletteWheel& to) const;

private:
    struct Arm {
        std::string name;
        double weight = 1;
        double score = 0;
        int uses = 0;
    };
    std::vector<Arm> arms_;
};

}  // namespace makepack
