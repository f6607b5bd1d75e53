// One paste with all its SKUs: the whole campaign is re-planned, which is how
// a mixer row and its packaging rows move to better resources together.
#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {
class PasteCampaign : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return;
        std::vector<int> chosen;
        std::vector<char> taken(in.num_pastes, 0);
        // Campaigns of random rows until about `size` rows are out (at least one campaign).
        for (int attempt = 0; attempt < 8 && (chosen.empty() || static_cast<int>(chosen.size()) < size); ++attempt) {
            const Row& seed = state.timeline().rows()[ops::sample(pool, 1, rng).front()];
            const Product& p = in.products[seed.product];
            const int paste = p.stage == Stage::Mixer ? seed.product : p.paste;
            if (taken[paste]) continue;
            taken[paste] = 1;
            for (int k : pool) {
                const Row& r = state.timeline().rows()[k];
                if (r.product == paste || in.products[r.product].paste == paste) chosen.push_back(k);
            }
        }
        ops::remove_rows(state, chosen);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_paste_campaign() { return std::make_unique<PasteCampaign>(); }
}  // namespace makepack
