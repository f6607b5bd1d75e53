// Neighbouring campaigns of one mixer: the pastes of a few consecutive rows
// on a mixer go out with all their rows and SKUs, so the repair can re-sequence
// that mixer (e.g. merge a split campaign into one row where another was).
#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {
class MixerCampaigns : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        const PlantTimeline& tl = state.timeline();
        std::vector<int> mixer_rows;
        for (int k : ops::movable_rows(state))
            if (in.is_mixer(tl.rows()[k].resource)) mixer_rows.push_back(k);
        if (mixer_rows.empty()) return;
        const Row seed = tl.rows()[ops::sample(mixer_rows, 1, rng).front()];
        // The seed's neighbours on its mixer, nearest first.
        std::vector<std::pair<int, int>> near;
        for (int k : mixer_rows) {
            const Row& r = tl.rows()[k];
            if (r.resource == seed.resource) near.emplace_back(std::abs(r.start - seed.start), r.product);
        }
        std::sort(near.begin(), near.end());
        std::vector<char> paste_out(in.num_pastes, 0);
        int rows_out = 0;
        for (const auto& [distance, paste] : near) {
            if (paste_out[paste]) continue;
            if (rows_out > 0 && rows_out >= size) break;
            paste_out[paste] = 1;
            rows_out += static_cast<int>(tl.rows_of(paste).size());
            for (int sku : in.products[paste].skus) rows_out += static_cast<int>(tl.rows_of(sku).size());
        }
        std::vector<int> chosen;
        for (int k : ops::movable_rows(state)) {
            const Row& r = tl.rows()[k];
            const int paste = in.is_mixer(r.resource) ? r.product : in.products[r.product].paste;
            if (paste_out[paste]) chosen.push_back(k);
        }
        ops::remove_rows(state, chosen);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_mixer_campaigns() { return std::make_unique<MixerCampaigns>(); }
}  // namespace makepack
