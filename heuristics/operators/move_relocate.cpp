// Relocate: one row leaves its place and its demand goes where it is
// cheapest now (another line or position); a mixer row's paste is re-supplied.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

namespace makepack {
namespace {
class Relocate : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return false;
        const int k = ops::sample(pool, 1, rng).front();
        const Row row = state.timeline().rows()[k];
        ops::remove_rows(state, {k});
        if (!state.timeline().instance().is_mixer(row.resource)) {
            const auto options = ops::line_candidates(state, row.product, row.amount);
            if (!options.empty()) ops::insert_line_row(state, row.product, options[std::min<std::size_t>(options.size() - 1, rng() % 2)]);
        }
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_relocate() { return std::make_unique<Relocate>(); }
}  // namespace makepack
