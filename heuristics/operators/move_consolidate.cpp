// Consolidate: all of a paste's mixer rows become one campaign, on the mixer
// where it is cheapest, ending before the paste's first line row needs it.
// Merge only grows a row in place, which rarely has room; this saves one
// changeover per row folded in.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <limits>

namespace makepack {
namespace {
class Consolidate : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        std::vector<int> split_pastes;
        for (int p = 0; p < in.num_pastes; ++p) {
            int movable = 0;
            for (int k : tl.rows_of(p)) movable += tl.rows()[k].start >= in.frozen_until;
            if (movable >= 2) split_pastes.push_back(p);
        }
        if (split_pastes.empty()) return false;
        const int paste = ops::sample(split_pastes, 1, rng).front();
        std::vector<int> rows;
        std::int64_t batches = 0;
        for (int k : tl.rows_of(paste))
            if (tl.rows()[k].start >= in.frozen_until) {
                rows.push_back(k);
                batches += tl.rows()[k].amount;
            }
        int deadline = in.horizon;
        for (int sku : in.products[paste].skus)
            for (int k : tl.rows_of(sku)) deadline = std::min(deadline, tl.rows()[k].start);
        ops::remove_rows(state, rows);
        std::optional<Slot> best;
        double best_cost = std::numeric_limits<double>::infinity();
        for (int m : in.products[paste].eligible) {
            const int work = in.work(paste, m, batches);
            const auto slot = tl.latest_slot(m, paste, work, in.frozen_until, deadline);
            if (!slot) continue;
            const double cost = in.row_cost(paste, m, work, slot->changeover_delta);
            if (cost < best_cost) best_cost = cost, best = slot;
        }
        if (best) tl.insert_row(Row{best->resource, paste, batches, 0, 0}, *best);
        // Without one slot for all of it, close_plan re-supplies the paste its own way.
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_consolidate() { return std::make_unique<Consolidate>(); }
}  // namespace makepack
