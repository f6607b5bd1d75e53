// Split: a row keeps part of its amount and the rest goes where it is
// cheapest. Merge: a row of a product absorbs another row of the same product
// (one changeover less) when it has room to grow.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <algorithm>

namespace makepack {
namespace {
class Split : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return false;
        const int k = ops::sample(pool, 1, rng).front();
        const Row row = state.timeline().rows()[k];
        if (row.amount < 2) return false;
        std::uniform_int_distribution<std::int64_t> part(1, row.amount - 1);
        const std::int64_t keep = part(rng);
        state.timeline().resize(k, keep);
        if (!state.instance().is_mixer(row.resource)) {
            const auto options = ops::line_candidates(state, row.product, row.amount - keep);
            if (!options.empty()) ops::insert_line_row(state, row.product, options.front());
        }
        return ops::close_plan(state);
    }
};

class Merge : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return false;
        const int k = ops::sample(pool, 1, rng).front();
        PlantTimeline& tl = state.timeline();
        const Row row = tl.rows()[k];
        std::vector<int> same;
        for (int other : tl.rows_of(row.product))
            if (other != k && tl.rows()[other].start >= state.instance().frozen_until) same.push_back(other);
        if (same.empty()) return false;
        const int other = ops::sample(same, 1, rng).front();
        const Row absorbed = tl.rows()[other];
        // The absorbing row must grow in place; remove the other first (it may be its neighbour).
        ops::remove_rows(state, {other});
        const std::int64_t amount = row.amount + absorbed.amount;
        const int deadline = state.instance().horizon;
        if (!tl.can_resize(k, amount, deadline)) return false;  // the caller drops this state
        tl.resize(k, amount);
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_split() { return std::make_unique<Split>(); }
std::unique_ptr<Move> make_merge() { return std::make_unique<Merge>(); }
}  // namespace makepack
