// Inserting a row into a busy line by moving the rows in its way instead of
// waiting for a gap to open: the step behind gather, which puts sibling SKUs
// (short changeovers, one mixer campaign) back to back. Rows move later where
// they can: a line row that starts later takes its paste later, so the paste
// rule still holds.
#pragma once

#include "heuristics/operators/operator.hpp"

#include <cstdint>

namespace makepack::ops {

// Inserts a row of `product` (`amount`) on line `line` right before the line's
// rows that start at or after `from`, re-timing the line around it:
// - first those rows are pushed later (in their order, none earlier than
//   before) and the new row starts at or after `earliest`;
// - if the horizon or a due date stops that, those rows are packed as late as
//   they go and the new row goes right before them, pulling up to a few rows
//   before it earlier (the caller's close_plan then makes their paste sooner).
// Touches all it changes. False if neither works (the caller drops the state).
bool insert_pushing(SearchState& state, int line, int product, std::int64_t amount, int from, int earliest);

}  // namespace makepack::ops
