// Rule group 1: everything that happens on ONE resource (MODEL.md 2, 3, 6,
// 9.1-9.5, 9.14). Rows, derived changeovers, solver blocks and outages,
// checked together because they share the resource's clock.
#pragma once

#include "model/rules/rule_context.hpp"
#include "model/rules/violation_sink.hpp"

#include <span>

namespace makepack {

struct TimelineOptions {
    bool compare_stated_ends = true;  // a row's `end` must equal the derived end
};

// Unweighted objective parts of one resource (MODEL.md 7, 9.3).
struct ResourceCost {
    double downtime = 0;    // sum of work * downtime rate
    double changeover = 0;  // nominal changeover hours after every row, the last included
    double changes = 0;     // previous-plan rows not kept unchanged (review only; frozen_items.hpp)
};

// `rows`: the resource's rows, sorted by start (unsorted input is sorted on a
// copy). `blocks`: the resource's listed blocks of every kind, any order.
// Checks eligibility, amount, stated ends, start >= 0, frozen/fixed, the
// changeover after every row, no overlap, the horizon, maintenance, spare
// capacity and listed derived blocks. Rows that are not well formed (see
// row_shape.hpp) are reported and left out of the rest.
ResourceCost check_resource_timeline(const RuleContext& context, int resource, std::span<const Row> rows,
                                     std::span<const Block> blocks, const TimelineOptions& options,
                                     ViolationSink& sink);

}  // namespace makepack
