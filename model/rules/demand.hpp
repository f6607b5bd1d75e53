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
    double overproduction = 0;  // max(0, produced - demand)
};

// `rows`: the SKU's well-formed line rows, any order. Hard demand (default):
// produced >= demand ("demand"). due_hard: every row ends by due ("due"), in
// soft mode too. Rows ending by the horizon is the timeline's rule.
SkuCost check_sku_demand(const Instance& instance, int sku, std::span<const Row> rows, ViolationSink& sink);

}  // namespace makepack
