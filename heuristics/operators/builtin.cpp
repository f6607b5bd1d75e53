#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {

// Where every demand is packed in every plan, "unmet" and "grow" have nothing to do.
bool demand_may_stay_unmet(const Instance& instance) { return instance.unmet_allowed(); }

// "pack-held": hard demand the start plan left short (the relaxed search), a
// paste with a max_hold; on soft plants it packed less (docs/operators.md).
bool short_hard_demand_with_max_hold(const Instance& instance) {
    return instance.relax_hard_demand && !instance.demand_soft &&
           std::any_of(instance.products.begin(), instance.products.end(),
                       [](const Product& p) { return p.max_hold.has_value(); });
}

}  // namespace

OperatorRegistry OperatorRegistry::with_builtins() {
    OperatorRegistry r;
    r.add_destroy("random", "random rows", make_random_rows);
    r.add_destroy("worst", "rows with the highest cost per hour of work (biased pick)", make_worst_rows);
    r.add_destroy("related", "Shaw removal: rows of the same paste family, near in time, same resource", make_related_rows);
    r.add_destroy("resource-window", "consecutive rows of one resource around a random row", make_resource_window);
    r.add_destroy("plant-window", "rows of every resource around a random time", make_plant_window);
    r.add_destroy("paste", "a whole campaign: one paste's mixer rows and all its SKUs' rows", make_paste_campaign);
    r.add_destroy("misplaced", "a row off its cheapest resource, with the rows in its way there", make_misplaced_rows);
    r.add_destroy("block-move", "a maintenance or spare block jumps within its window; rows in the way go out", make_block_move);
    r.add_destroy("mixer-campaigns", "neighbouring campaigns on one mixer, with all their rows", make_mixer_campaigns);
    r.add_destroy("unmet", "a SKU short of its demand, with rows on its lines and mixers near a random time", make_unmet_demand,
                  demand_may_stay_unmet);

    r.add_repair("greedy", "biggest missing demand first, each at its cheapest place", make_greedy_insertion);
    r.add_repair("random-greedy", "greedy in random order with 25% cost noise", make_random_greedy_insertion);
    r.add_repair("regret2", "regret-2 insertion (best vs second-best place)", make_regret2);
    r.add_repair("regret3", "regret-3 insertion (best vs third-best place)", make_regret3);
    r.add_repair("backward", "the core's backward campaign insertion (thesis 3.4.2)", make_backward_insertion);

    r.add_move("relocate", "one row to its cheapest other place", make_relocate);
    r.add_move("swap", "two rows of one stage trade resources", make_swap);
    r.add_move("split", "part of a row goes to its cheapest other place", make_split);
    r.add_move("merge", "a row absorbs another row of the same product", make_merge);
    r.add_move("consolidate", "a paste's mixer rows become one campaign before its first line row", make_consolidate);
    r.add_move("gather", "a SKU row moves right next to a sibling's row (same paste), pushing the rows in the way later", make_gather);
    r.add_move("shift-block", "a maintenance or spare-capacity block moves up to 3 days", make_shift_block);
    r.add_move("mixer-replan", "the mixer side re-sequenced with the line rows fixed: rows as early as they go, campaigns merged, cheap changeovers in a row", make_mixer_replan);
    r.add_move("plan-replan", "mixers and lines re-sequenced together, mixers as early and lines as late as they go", make_plan_replan);
    r.add_move("grow", "a row of a SKU short of its demand takes more units in place, with the paste made for them", make_grow,
               demand_may_stay_unmet);
    r.add_move("pack-held", "a short SKU whose paste has a max_hold: its missing units in one line row, its paste in one mixer row within max_hold before it, rows in the way moved", make_pack_held,
               short_hard_demand_with_max_hold);
    return r;
}

}  // namespace makepack
