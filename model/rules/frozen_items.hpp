// Rolling review (MODEL.md 6) on one resource: fixed items appear unchanged,
// nothing else the solver places starts before frozen_until.
#pragma once

#include "model/rules/derived_blocks.hpp"
#include "model/rules/rule_context.hpp"
#include "model/rules/violation_sink.hpp"

#include <span>

namespace makepack {

// `rows` sorted by start. A fixed row matches a row with equal start, product
// and amount (MODEL.md 9.15; the end is derived). Unmatched fixed rows are
// "fixed" violations, unmatched rows starting before frozen_until "frozen".
void check_frozen_rows(const RuleContext& context, int resource, std::span<const Row> rows, ViolationSink& sink);

// Solver blocks (maintenance, spare capacity) starting before frozen_until
// must be fixed blocks; fixed solver blocks must be listed; fixed derived
// blocks must equal derived ones (`changeovers`: sorted derived intervals).
void check_frozen_blocks(const RuleContext& context, int resource, std::span<const Block> blocks,
                         std::span<const Interval> changeovers, ViolationSink& sink);

// `changes` (MODEL.md 7, 9.15) on one resource: previous-plan rows of the
// resource (RuleContext::previous_rows) that no row of `rows` (sorted by start)
// repeats with equal start, product and amount; each row repeats at most one.
int count_changes(const RuleContext& context, int resource, std::span<const Row> rows);

}  // namespace makepack
