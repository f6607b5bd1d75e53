// What the search workers learn together: the operator weights of the
// roulette wheels and the destroy size. With K workers sharing a budget W,
// each runs only W/K iterations -- too few for weights of its own to learn
// which operators pay (bench large, W = 6000, K = 8, seed 1: the re-plan
// moves, which found most new bests with one worker, ran 8 + 8 times instead
// of 35 + 30; bench/scaling/README.md). So every worker's segment feeds one
// set of weights and one destroy size, which then learn at the pace of the
// whole search, as one worker's would. With one worker it computes exactly
// what that worker computed alone (the same plans).
#pragma once

#include "heuristics/operators/operator.hpp"
#include "solver/search/operator_selection.hpp"
#include "solver/search/search_config.hpp"

#include <mutex>

namespace makepack {

class SharedAdaptation {
public:
    SharedAdaptation(const SearchConfig& config, const OperatorRegistry& registry);
    double destroy_size() const;
    // A worker's segment ended: the scores its wheels collected join the
    // shared ones (the wheels start afresh and take the new shared weights);
    // the destroy size shrinks if the segment improved the worker's plan, else
    // grows (up to destroy_max_share of `rows`, the worker plan's rows).
    // Returns the new destroy size.
    double end_segment(RouletteWheel& destroy, RouletteWheel& repair, RouletteWheel& move, bool improved, int rows);

private:
    const SearchConfig& config_;
    mutable std::mutex mutex_;
    RouletteWheel destroy_, repair_, move_;
    double destroy_size_;
};

}  // namespace makepack
