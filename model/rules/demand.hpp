// Rule group 4: one SKU's demand and due date (MODEL.md 5, 9.10, 9.12).
#pragma once

#include "model/instance.hpp"
#include "model/rules/violation_sink.hpp"

#include <span>

namespace makepack {

// Unweighted objective parts of one SKU (MODEL.md 7).
struct SkuCost {
    double lateness = 0;        // max(0, end of its last row - due); 0 without due or rows
    double unmet = 0;           // soft demand only: max(0, demand - produced)
    double unmet_cost = 0;      // unmet * the SKU's unmet penalty
    double shortfall = 0;       // relaxed search only: units short of the hard requirement
    double overproduction = 0;  // max(0, produced - demand)
};

// `rows`: the SKU's well-formed line rows, any order. Hard demand (default):
// produced >= demand ("demand"); soft demand: produced >= the min_fill share,
// the rest priced. With Instance::relax_hard_demand a short hard requirement
// is the shortfall instead of a violation. due_hard: every row ends by due ("due"), in
// soft mode too. Rows ending by the horizon is the timeline's rule.
SkuCost check_sku_demand(const Instance& instance, int sku, std::span<const Row> rows, ViolationSink& sink);

}  // namespace makepack
