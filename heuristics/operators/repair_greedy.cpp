// Greedy cheapest insertion: the biggest missing demand first, each at its
// cheapest place (paste already in stock, or made for it), then the plan is closed.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <algorithm>

namespace makepack {
namespace {
class GreedyInsertion : public RepairOperator {
public:
    explicit GreedyInsertion(double noise) : noise_(noise) {}
    bool repair(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        std::vector<ops::SkuNeed> needs = ops::missing_demand(state);
        if (noise_ > 0) std::shuffle(needs.begin(), needs.end(), rng);
        else
            std::stable_sort(needs.begin(), needs.end(), [&](const ops::SkuNeed& a, const ops::SkuNeed& b) {
                return a.units / in.products[a.sku].units_per_lb > b.units / in.products[b.sku].units_per_lb;
            });
        std::uniform_real_distribution<double> jitter(1 - noise_, 1 + noise_);
        for (const ops::SkuNeed& need : needs) {
            std::vector<ops::LineCandidate> options = ops::line_candidates(state, need.sku, need.units);
            if (options.empty()) continue;  // close_plan splits it over lines
            if (noise_ > 0) {
                for (auto& o : options) o.cost *= jitter(rng);
                std::sort(options.begin(), options.end(), [](const auto& a, const auto& b) { return a.cost < b.cost; });
            }
            ops::insert_line_row(state, need.sku, options.front());
        }
        return ops::close_plan(state);
    }

private:
    double noise_;
};
}  // namespace
std::unique_ptr<RepairOperator> make_greedy_insertion() { return std::make_unique<GreedyInsertion>(0.0); }
std::unique_ptr<RepairOperator> make_random_greedy_insertion() { return std::make_unique<GreedyInsertion>(0.25); }
}  // namespace makepack
