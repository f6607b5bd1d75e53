// One mixer's priced minimum over every plan's image (docs/bound.md 10): for
// reduced costs of the variables of its polytope (mixer_polytope.hpp), the
// image of a plan on that mixer is either 0 (the mixer unused) or an integer
// flow of one unit from the mixer's start through its rows to its end, plus
// circulations, where each node's rows n carry the cheapest batches B (whole,
// n <= B <= most_batches) and share y (<= 1, <= batch size * B / need) that
// fit them. That node cost is exact at integer n; its lower convex envelope
// makes the problem a min-cost flow (Boost.Graph, min_cost_flow.hpp), whose
// optimum is therefore a LOWER bound on the reduced cost of every plan's image.
#pragma once

#include "model/bound/mixer_polytope.hpp"

#include <optional>
#include <vector>

namespace makepack {

struct MixerFlow {
    double value = 0;       // min(0, the cheapest one-start flow): <= reduced . image of every plan
    std::vector<double> x;  // a minimiser over the polytope's variables (all 0: the mixer unused)
};

// Unset if the flow could not be solved, or a cost is beyond 1e6 per unit (the
// scaled integer sums could overflow): then it bounds nothing.
// `reduced` has one cost per polytope variable; the node rows (amount, row
// share, row batch, row most, used), the flow rows and the one start are kept
// exactly, every other row must be priced into `reduced` by the caller.
// `row_price` (optional, per node) is added per row of the node: a price on
// n = S + the arcs into the node, which no variable carries.
std::optional<MixerFlow> mixer_flow_minimum(const MixerPolytope& m, const std::vector<double>& reduced,
                                            const std::vector<double>* row_price = nullptr);

}  // namespace makepack
