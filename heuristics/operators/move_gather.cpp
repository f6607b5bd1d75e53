// Gather: a SKU row moves right next to a sibling's row (same paste) on the
// sibling's line. Changeovers between siblings are often the short ones and
// one campaign then feeds both; relocate's cheapest-place estimate seldom
// picks such a spot because the paste timing it changes is not in the estimate.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

namespace makepack {
namespace {

// Hours beyond the changeover that still count as "right next to" (a shift break).
constexpr int kAdjacentSlackHours = 12;

class Gather : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return false;
        const int anchor_index = ops::sample(pool, 1, rng).front();
        const Row anchor = tl.rows()[anchor_index];
        if (in.is_mixer(anchor.resource)) return false;
        std::vector<int> siblings;
        for (int sku : in.products[in.products[anchor.product].paste].skus) {
            if (!in.option(sku, anchor.resource)) continue;
            for (int k : tl.rows_of(sku))
                if (k != anchor_index && tl.rows()[k].start >= in.frozen_until) siblings.push_back(k);
        }
        if (siblings.empty()) return false;
        const int moved_index = ops::sample(siblings, 1, rng).front();
        const Row moved = tl.rows()[moved_index];
        ops::remove_rows(state, {moved_index});
        const Product& s = in.products[moved.product];
        const int deadline = s.due && s.due_hard ? *s.due : in.horizon;
        const int work = in.work(moved.product, anchor.resource, moved.amount);
        auto after = tl.earliest_slot(anchor.resource, moved.product, work, anchor.end, deadline);
        if (after && after->start > anchor.end + in.changeover(anchor.product, moved.product) + kAdjacentSlackHours)
            after.reset();
        auto before = tl.latest_slot(anchor.resource, moved.product, work, in.frozen_until, std::min(anchor.start, deadline));
        if (before && before->end + in.changeover(moved.product, anchor.product) + kAdjacentSlackHours < anchor.start)
            before.reset();
        if (!after && !before) return false;  // the caller drops this state
        const Slot slot = !before || (after && rng() % 2) ? *after : *before;
        const int k = tl.insert_row(Row{anchor.resource, moved.product, moved.amount, 0, 0}, slot);
        state.touch_row(tl.rows()[k]);
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_gather() { return std::make_unique<Gather>(); }
}  // namespace makepack
