// Regret-k insertion: the missing demand that would lose most by not getting
// its best place goes first (cost of its k-th best minus its best).
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <limits>

namespace makepack {
namespace {
class RegretInsertion : public RepairOperator {
public:
    explicit RegretInsertion(int k) : k_(k) {}
    bool repair(SearchState& state, Rng&) override {
        std::vector<ops::SkuNeed> needs = ops::missing_demand(state);
        while (!needs.empty()) {
            double best_regret = -1;
            std::size_t best_need = 0;
            ops::LineCandidate best_option;
            bool any = false;
            for (std::size_t n = 0; n < needs.size(); ++n) {
                const auto options = ops::line_candidates(state, needs[n].sku, needs[n].units);
                if (options.empty()) continue;
                const double regret = options.size() >= static_cast<std::size_t>(k_)
                                          ? options[k_ - 1].cost - options[0].cost
                                          : std::numeric_limits<double>::max() / 4;  // few options: urgent
                if (regret > best_regret) {
                    best_regret = regret;
                    best_need = n;
                    best_option = options.front();
                    any = true;
                }
            }
            if (!any) break;  // close_plan splits the rest over lines
            ops::insert_line_row(state, needs[best_need].sku, best_option);
            needs.erase(needs.begin() + static_cast<long>(best_need));
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
