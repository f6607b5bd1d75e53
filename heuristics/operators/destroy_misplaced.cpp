// Misplaced rows: a row that is not on its cheapest resource goes out together
// with the rows occupying its cheapest resource around the same time, so a
// regret repair can put it there and move the others aside (an ejection chain
// in one step).
#include "heuristics/operators/builtin.hpp"
#include "model/tolerance.hpp"

#include <algorithm>
#include <cstdlib>

namespace makepack {
namespace {
class MisplacedRows : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        const PlantTimeline& tl = state.timeline();
        const std::vector<int> pool = ops::movable_rows(state);
        // Rows whose product runs cheaper (per unit) elsewhere, with that resource.
        std::vector<std::pair<int, int>> misplaced;
        for (int k : pool) {
            const Row& row = tl.rows()[k];
            const Option* here = in.option(row.product, row.resource);
            int cheapest = row.resource;
            double best = here->downtime * in.work(row);
            for (int r : in.products[row.product].eligible) {
                const double cost = in.option(row.product, r)->downtime * in.work(row.product, r, row.amount);
                if (cost < best - kCostTolerance) { best = cost; cheapest = r; }
            }
            if (cheapest != row.resource) misplaced.emplace_back(k, cheapest);
        }
        if (misplaced.empty()) return;
        const auto [seed, target] = misplaced[std::uniform_int_distribution<std::size_t>(0, misplaced.size() - 1)(rng)];
        const Row& row = tl.rows()[seed];
        std::vector<std::pair<int, int>> near;  // rows on the target resource by distance in time
        for (int k : pool) {
            const Row& r = tl.rows()[k];
            if (r.resource != target) continue;
            const int distance = r.end < row.start ? row.start - r.end : (r.start > row.end ? r.start - row.end : 0);
            near.emplace_back(distance, k);
        }
        std::sort(near.begin(), near.end());
        std::vector<int> chosen{seed};
        for (const auto& [distance, k] : near) {
            if (static_cast<int>(chosen.size()) >= std::max(2, size)) break;
            chosen.push_back(k);
        }
        ops::remove_rows(state, chosen);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_misplaced_rows() { return std::make_unique<MisplacedRows>(); }
}  // namespace makepack
