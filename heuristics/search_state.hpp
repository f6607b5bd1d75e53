// The mutable solution the search works on: a timeline plus the cost of every
// part (resource, paste, SKU), re-checked and re-costed only where a move
// touched it, with the checker's own rule groups (model/rules/). A move is
// accepted only if those groups find nothing on what it touched.
#pragma once

#include "heuristics/timeline.hpp"
#include "model/checker.hpp"
#include "model/rules/demand.hpp"
#include "model/rules/material_flow.hpp"
#include "model/rules/resource_timeline.hpp"
#include "model/rules/rule_context.hpp"
#include "model/tolerance.hpp"

#include <memory>
#include <vector>

namespace makepack {

// How plans compare in the search: hard demand not packed first (a plan that
// packs more of it is better whatever it costs), then the objective
// (docs/unmet-demand.md). Shortfalls are whole units, so they compare exactly.
struct PlanRank {
    double shortfall = 0;
    double total = 0;
    // Better by more than `tolerance` on the total (or by any shortfall).
    bool better_than(const PlanRank& other, double tolerance = kCostTolerance) const {
        if (shortfall != other.shortfall) return shortfall < other.shortfall;
        return total < other.total - tolerance;
    }
};

class SearchState {
public:
    // The context must outlive the state (the search keeps one per run).
    SearchState(const RuleContext& context, PlantTimeline timeline);

    const Instance& instance() const { return context_->instance(); }
    const RuleContext& context() const { return *context_; }
    PlantTimeline& timeline() { return timeline_; }
    const PlantTimeline& timeline() const { return timeline_; }

    // What to re-check is the timeline's own record of what changed
    // (PlantTimeline::unchecked_resources/products): a changed row re-checks
    // its resource and its paste with all the paste's SKUs, a changed block
    // its resource. Operators change the timeline and mark nothing.

    // Asks the repairs to look at a paste whose rows did not change (e.g. a
    // SKU of it short of demand, or every paste for a trim): it counts as
    // touched until the next revalidate().
    void request_repair(int paste) { touch_paste(paste); }
    // Pastes changed or requested since the last revalidate(), ascending (a
    // SKU's change touches its paste): only these can lack paste or demand.
    std::vector<int> touched_pastes() const;

    // Re-checks and re-costs what changed with the checker's rule groups.
    // Returns false at the first violation (the caches are then stale: discard the state).
    bool revalidate();

    // Whether the last revalidate() (the constructor's included) found no violation.
    bool feasible() const { return feasible_; }
    const ObjectiveBreakdown& objective() const { return objective_; }
    double total() const { return objective_.total; }
    // Units of hard demand not packed (only a relaxed instance has any).
    double shortfall() const { return objective_.shortfall; }
    PlanRank rank() const { return {objective_.shortfall, objective_.total}; }

    // Cost a row adds to the plan (downtime, its changeover), for "worst" choices.
    double row_cost(const Row& row, int next_product) const;

    Schedule to_schedule() const { return timeline_.to_schedule(); }

    // Makes this state equal to `source`, copying only what changed in either
    // since the last such call (PlantTimeline::assign_changed); the search
    // re-makes its candidate this way every iteration.
    void assign_changed(SearchState& source);
    // For a state that replaced an unrelated one (a restart from the pool).
    void mark_all_changed() { timeline_.mark_all_changed(); }

private:
    // Buffers revalidate() fills and hands to the rule groups, kept so that
    // an iteration allocates nothing for them. Copying a state copies none
    // of this (its contents are only meaningful inside one revalidate()).
    struct Scratch {
        std::vector<Row> rows, filled, plant;
        std::vector<Block> blocks;
        std::vector<std::vector<LbsEvent>> scraps;  // by paste
        Scratch() = default;
        Scratch(const Scratch&) {}
        Scratch& operator=(const Scratch&) { return *this; }
    };

    void touch_resource(int resource);
    void touch_paste(int paste);  // the paste and all its SKUs
    // The paste whose stock a product's rows change: itself or the SKU's paste.
    int paste_of(int product) const;
    // Moves the timeline's record of changes into the dirty sets.
    void take_timeline_changes();
    void recompute_total();
    // Appends the alive rows of a product to `out`, in rows_of() order.
    void gather_rows(int product, std::vector<Row>& out) const;

    const RuleContext* context_;
    PlantTimeline timeline_;
    std::vector<ResourceCost> resource_cost_;
    std::vector<double> paste_holding_;
    std::vector<SkuCost> sku_cost_;
    std::vector<char> dirty_resource_, dirty_paste_, dirty_sku_;
    std::vector<int> dirty_resources_, dirty_pastes_, dirty_skus_;
    ObjectiveBreakdown objective_;
    bool feasible_ = true;
    Scratch scratch_;
};

}  // namespace makepack
