// Related rows (Shaw removal): rows close to a random seed row — the same
// paste family, near in time, on the same resource — so the repair can
// rearrange them together.
#include "heuristics/operators/builtin.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace makepack {
namespace {
class RelatedRows : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return;
        const auto& rows = state.timeline().rows();
        const Row& seed = rows[ops::sample(pool, 1, rng).front()];
        auto family = [&](const Row& r) {
            const Product& p = in.products[r.product];
            return p.stage == Stage::Mixer ? r.product : p.paste;
        };
        std::vector<std::pair<double, int>> scored;
        for (int k : pool) {
            const Row& r = rows[k];
            const double relatedness = 0.5 * std::abs(r.start - seed.start) / std::max(1, in.horizon) +
                                       (family(r) == family(seed) ? 0.0 : 0.3) +
                                       (r.resource == seed.resource ? 0.0 : 0.2);
            scored.emplace_back(relatedness, k);
        }
        std::sort(scored.begin(), scored.end());
        std::vector<int> chosen;
        std::uniform_real_distribution<double> u(0, 1);
        while (static_cast<int>(chosen.size()) < size && !scored.empty()) {
            const auto pick = static_cast<std::size_t>(std::pow(u(rng), 4) * scored.size());
            chosen.push_back(scored[pick].second);
            scored.erase(scored.begin() + static_cast<long>(pick));
        }
        ops::remove_rows(state, chosen);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_related_rows() { return std::make_unique<RelatedRows>(); }
}  // namespace makepack
