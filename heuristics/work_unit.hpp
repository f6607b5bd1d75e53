// The unit of search work that a --work budget counts (SearchConfig::work),
// the same for every worker role: one destroy+repair or one small move
// evaluated by the incremental check is one unit; an annealing run over the
// rows' sequences (the re-plan moves, the resequence role's chunks) counts
// kAnnealingStepsPerWorkUnit of its steps as one unit.
//
// Why 50: a re-plan (10,000 steps) costs what about 200 evaluations cost.
// Measured (main 132df2a, --threads 1 --seed 1 --operator-table, mean time per
// call, 2-core AMD EPYC): bench large, --work 6000: destroy+repair 0.51 ms,
// small moves 0.11 ms, mixer-replan 33 ms, plan-replan 74 ms; bench medium,
// --work 10000: 0.12 ms, 0.035 ms, 15 ms, 31 ms. At 50 steps a unit, a
// re-plan's time per unit (large 0.17 / 0.37 ms, medium 0.08 / 0.16 ms) lies
// between the small moves' and the destroy/repairs' (bench/scaling/README.md).
// At one unit per call a re-plan was priced ~150 times too cheap on large.
#pragma once

#include <algorithm>

namespace makepack {

constexpr long long kAnnealingStepsPerWorkUnit = 50;

// The work units of an annealing run of `steps` steps (at least one unit).
constexpr long long annealing_work(long long steps) {
    return std::max(1LL, (steps + kAnnealingStepsPerWorkUnit - 1) / kAnnealingStepsPerWorkUnit);
}

}  // namespace makepack
