// Grow: a row of a SKU short of its demand takes more units in place, as many
// as the room before the next item allows, and the repair makes the paste for
// them (or cuts the row back where no mixer can). Idle time becomes packed
// units without a new changeover; only registered where demand may stay unmet
// (docs/unmet-demand.md).
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

namespace makepack {
namespace {
class Grow : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        std::vector<int> rows;  // movable rows of short SKUs
        for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s) {
            if (tl.amount_of(s) >= in.products[s].demand) continue;
            for (int k : tl.rows_of(s))
                if (tl.rows()[k].start >= in.frozen_until) rows.push_back(k);
        }
        if (rows.empty()) return false;
        const int k = ops::sample(rows, 1, rng).front();
        const Row row = tl.rows()[k];
        const std::int64_t missing = in.products[row.product].demand - tl.amount_of(row.product);
        const int deadline = in.deadline(row.product);
        std::int64_t lo = 0, hi = missing;  // the most extra units that fit in place
        while (lo < hi) {
            const std::int64_t mid = lo + (hi - lo + 1) / 2;
            if (tl.can_resize(k, row.amount + mid, deadline)) lo = mid;
            else hi = mid - 1;
        }
        if (lo == 0) return false;
        tl.resize(k, row.amount + lo);
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_grow() { return std::make_unique<Grow>(); }
}  // namespace makepack
