// Reading rows and blocks in the shape of MODEL.md 8 (schedule `rows` and
// `blocks`, also used by an instance's `fixed:` section). Shared by the
// instance loader and the schedule reader so both reject the same mistakes.
#pragma once

#include "model/instance.hpp"
#include "model/io_yaml.hpp"

#include <optional>

namespace makepack::io {

// Upper bound on any time, duration or work in hours (about 1140 years):
// keeps every sum of times far below INT_MAX.
inline constexpr int kMaxTime = 10'000'000;
// Upper bound on demands and quantities in units.
inline constexpr std::int64_t kMaxUnits = 1'000'000'000'000'000;  // 1e15

// Upper bound on the batches and units of all rows of one file together: with
// it every sum of amounts a checker or KPI forms (per SKU, per resource) stays
// below 2^63 (about 9.2e18) whatever the number of rows.
inline constexpr std::int64_t kMaxTotalAmount = 1'000'000'000'000'000'000;  // 1e18

struct RowRead {
    Row row;                        // end = the derived end (if it has one, else stated end or start)
    std::optional<int> stated_end;  // `end` as written, if any
    bool has_derived_end = false;   // eligible, amount >= 1, work within any horizon
};

// How much of a row's content is an input error rather than a rule violation.
enum class RowCheck {
    Strict,          // instance `fixed:` rows: an ineligible product or amount < 1 is bad input
    LeaveToChecker,  // schedules: the checker reports those as violations of the plan
};

// {resource, product, batches (mixer) | quantity (line), start, end}.
// Always rejects unknown ids, a product of the other stage, batches on a line
// or quantity on a mixer, and a missing `end` (every reader states it,
// docs/model-decisions.md). Needs the instance's options and calendars.
RowRead read_row(const Instance& instance, const Field& field, RowCheck check);

// Adds up |amount| of the rows of one file; rejects the row that takes the
// total beyond kMaxTotalAmount (at its batches / quantity).
class AmountTotal {
public:
    void add(const Instance& instance, const Field& row_field, const Row& row);

private:
    std::int64_t total_ = 0;
};

// {resource, kind, start, end}; end > start.
Block read_block(const Instance& instance, const Field& field);

}  // namespace makepack::io
