// Regret-k insertion: the missing demand that would lose most by not getting
// its best place goes first (cost of its k-th best minus its best).
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <algorithm>
#include <limits>

namespace makepack {
namespace {
class RegretInsertion : public RepairOperator {
public:
    explicit RegretInsertion(int k) : k_(k) {}
    bool repair(SearchState& state, Rng&) override {
        const Instance& in = state.instance();
        std::vector<ops::SkuNeed> needs = ops::missing_demand(state);
        std::vector<std::vector<ops::LineCandidate>> options(needs.size());
        std::vector<char> stale(needs.size(), 1);
        while (!needs.empty()) {
            double best_regret = -1;
            std::size_t best_need = needs.size();
            for (std::size_t n = 0; n < needs.size(); ++n) {
                if (stale[n]) { options[n] = ops::line_candidates(state, needs[n].sku, needs[n].units); stale[n] = 0; }
                if (options[n].empty()) continue;
                const double regret = options[n].size() >= static_cast<std::size_t>(k_)
                                          ? options[n][k_ - 1].cost - options[n][0].cost
                                          : std::numeric_limits<double>::max() / 4;  // few options: urgent
                if (regret > best_regret) { best_regret = regret; best_need = n; }
            }
            if (best_need == needs.size()) break;  // close_plan splits the rest over lines
            const ops::LineCandidate chosen = options[best_need].front();
            const int paste = in.products[needs[best_need].sku].paste;
            ops::insert_line_row(state, needs[best_need].sku, chosen);
            needs.erase(needs.begin() + static_cast<long>(best_need));
            options.erase(options.begin() + static_cast<long>(best_need));
            stale.erase(stale.begin() + static_cast<long>(best_need));
            // Only needs that could use the same line or the same paste see a different plan.
            for (std::size_t n = 0; n < needs.size(); ++n)
                if (in.products[needs[n].sku].paste == paste ||
                    std::any_of(options[n].begin(), options[n].end(),
                                [&](const ops::LineCandidate& c) { return c.slot.resource == chosen.slot.resource; }))
                    stale[n] = 1;
        }
        return ops::close_plan(state);
    }

private:
    int k_;
};
}  // namespace
std::unique_ptr<RepairOperator> make_regret2() { return std::make_unique<RegretInsertion>(2); }
std::unique_ptr<RepairOperator> make_regret3() { return std::make_unique<RegretInsertion>(3); }
}  // namespace makepack
