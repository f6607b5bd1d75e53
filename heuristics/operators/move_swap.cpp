// Swap: two rows of the same stage trade resources (each where the other was,
// as late as it fits before the other's end, or wherever is cheapest).
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

namespace makepack {
namespace {
class Swap : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.size() < 2) return false;
        const auto pick = ops::sample(pool, 2, rng);
        const Row a = state.timeline().rows()[pick[0]], b = state.timeline().rows()[pick[1]];
        if (a.resource == b.resource || in.is_mixer(a.resource) != in.is_mixer(b.resource)) return false;
        if (!in.eligible(a.product, b.resource) || !in.eligible(b.product, a.resource)) return false;
        ops::remove_rows(state, {pick[0], pick[1]});
        PlantTimeline& tl = state.timeline();
        for (const auto& [row, target, deadline] : {std::tuple{a, b.resource, b.end}, std::tuple{b, a.resource, a.end}}) {
            const int work = in.work(row.product, target, row.amount);
            if (auto slot = tl.latest_slot(target, row.product, work, in.frozen_until, std::max(deadline, row.end)))
                tl.insert_row(Row{target, row.product, row.amount, 0, 0}, *slot);
        }
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_swap() { return std::make_unique<Swap>(); }
}  // namespace makepack
