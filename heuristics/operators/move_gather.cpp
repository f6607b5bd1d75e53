// Gather: two rows of sibling SKUs (same paste) end up back to back on one
// line. Changeovers between siblings are the short ones and one mixer
// campaign then feeds both; relocate's cheapest-place estimate seldom picks
// such a spot because the paste timing it changes is not in its estimate.
// Lines are mostly full, so the rows in the way are pushed later rather than
// waiting for a gap to open next to the sibling.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/line_push.hpp"
#include "heuristics/operators/repair_steps.hpp"

namespace makepack {
namespace {

// The end of the last item before `time` on a resource (0 if none).
int end_before(const PlantTimeline& tl, int resource, int time) {
    int end = 0;
    for (const TimelineItem& item : tl.items(resource))
        if (item.start < time) end = std::max(end, item.end);
    return end;
}

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
        for (int sku : in.products[in.products[anchor.product].paste].skus)
            for (int k : tl.rows_of(sku))
                if (k != anchor_index && tl.rows()[k].start >= in.frozen_until) siblings.push_back(k);
        if (siblings.empty()) return false;
        const int other_index = ops::sample(siblings, 1, rng).front();
        const Row other = tl.rows()[other_index];
        const bool anchor_first = anchor.start <= other.start;
        const Row& early = anchor_first ? anchor : other;
        const Row& late = anchor_first ? other : anchor;
        const int early_index = anchor_first ? anchor_index : other_index;
        const int late_index = anchor_first ? other_index : anchor_index;
        // Only worth it where siblings change over faster than the default
        // (with one changeover time per stage it only moves rows off their
        // cheapest lines).
        if (in.changeover(early.product, late.product) >= in.changeover(early.product, -1)) return false;
        // Either the early row moves later, right before the late one (paste it
        // had is still there), or the late one moves earlier, right after the
        // early one (close_plan makes the paste it then lacks).
        const bool early_can_move = in.eligible(early.product, late.resource);
        const bool late_can_move = in.eligible(late.product, early.resource);
        if (!early_can_move && !late_can_move) return false;
        const bool move_early = early_can_move && (!late_can_move || rng() % 2 == 0);
        if (move_early) {
            ops::remove_rows(state, {early_index});
            const int earliest = std::max(early.start, end_before(tl, late.resource, late.start));
            if (!ops::insert_pushing(state, late.resource, early.product, early.amount, late.start, earliest))
                return false;
        } else {
            ops::remove_rows(state, {late_index});
            if (!ops::insert_pushing(state, early.resource, late.product, late.amount, early.end, early.end))
                return false;
        }
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_gather() { return std::make_unique<Gather>(); }
}  // namespace makepack
