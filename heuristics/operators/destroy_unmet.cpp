// Unmet demand (docs/unmet-demand.md): a SKU that falls short of its demand,
// with rows on its lines and its paste's mixers taken out around a random
// time, so the repair can fit the missing units where room was made. Only
// registered for plans that may leave demand unmet (soft demand, or the
// relaxed search of a plant whose start plan could not pack everything).
#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {
class UnmetDemand : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        const PlantTimeline& tl = state.timeline();
        std::vector<int> short_skus;
        for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s)
            if (tl.amount_of(s) < in.products[s].demand) short_skus.push_back(s);
        if (short_skus.empty()) return;
        const int sku = ops::sample(short_skus, 1, rng).front();
        const Product& s = in.products[sku];
        state.request_repair(s.paste);  // the repair sees the SKU's missing units
        // Rows on the SKU's lines and its paste's mixers, nearest a random time first.
        const int at = std::uniform_int_distribution<int>(in.frozen_until, std::max(in.frozen_until, in.horizon - 1))(rng);
        std::vector<char> room(in.resources.size(), 0);
        for (int r : s.eligible) room[r] = 1;
        for (int r : in.products[s.paste].eligible) room[r] = 1;
        std::vector<std::pair<int, int>> near;  // (distance, row)
        for (int k : ops::movable_rows(state)) {
            const Row& row = tl.rows()[k];
            if (room[row.resource]) near.emplace_back(std::abs(row.start - at), k);
        }
        std::sort(near.begin(), near.end());
        std::vector<int> chosen;
        for (std::size_t k = 0; k < near.size() && static_cast<int>(chosen.size()) < size; ++k)
            chosen.push_back(near[k].second);
        ops::remove_rows(state, chosen);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_unmet_demand() { return std::make_unique<UnmetDemand>(); }
}  // namespace makepack
