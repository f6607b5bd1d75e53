// The core's backward insertion (thesis 3.4.2) as a repair: each paste with
// missing demand gets its SKUs on lines as late as they fit, then its paste.
#include "heuristics/campaign_insertion.hpp"
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <algorithm>

namespace makepack {
namespace {
class BackwardInsertion : public RepairOperator {
public:
    bool repair(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        std::vector<int> pastes;
        for (const ops::SkuNeed& need : ops::missing_demand(state)) pastes.push_back(in.products[need.sku].paste);
        std::sort(pastes.begin(), pastes.end());
        pastes.erase(std::unique(pastes.begin(), pastes.end()), pastes.end());
        std::shuffle(pastes.begin(), pastes.end(), rng);
        CampaignInsertion insertion(state.timeline());
        for (int paste : pastes) {
            insertion.insert_paste(paste, Direction::Backward);  // what it cannot place, close_plan tries
        }
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<RepairOperator> make_backward_insertion() { return std::make_unique<BackwardInsertion>(); }
}  // namespace makepack
