// Rule group 3: tote capacity over the whole plant (MODEL.md 4, 9.9), only
// when the instance has a `storage` section.
#pragma once

#include "model/rules/material_flow.hpp"
#include "model/rules/violation_sink.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace makepack {

// At every event time t in [0, horizon):
//   sum over pastes of ceil(held_p(t) / tote_capacity)
//   + static_totes_per_running_line * (lines running a row at t) <= totes,
// held_p(t) = lbs made by t (initial stock included) - lbs of line rows ended
// by t - lbs scrapped by t. A line row holds its paste until it ends and runs
// over [start, end), shift breaks included.
// `rows`: every well-formed row of the plant; `scraps_by_paste[p]`: the
// scrap events of paste p from check_paste_flow (empty span = none).
// Does nothing without instance.storage. `excess`, if given, receives the
// tote-hours over the limit (sum over time of max(0, in use - totes); 0 when
// the rule holds; exact only if the sink never stops the walk early): how far
// a plan is from keeping the rule, for constructions that must repair it.
void check_storage(const Instance& instance, std::span<const Row> rows,
                   std::span<const std::vector<LbsEvent>> scraps_by_paste, ViolationSink& sink,
                   double* excess = nullptr);

// Counts at or above this are saturated: it exceeds every accepted `totes`
// (at most 1e9), and any number of pastes times it still fits in 64 bits.
inline constexpr std::int64_t kToteCountCap = std::int64_t{1} << 32;

// Totes for `lbs` of one paste: ceil(q - min(1e-9 * max(1, q), 1e-3)) with
// q = lbs / tote_capacity, so 3.0000000001 totes count as 3 but 3e9 + 1 lbs
// never count as 3e9 totes; at most kToteCountCap (5e9 lbs in 1-lb totes is
// not an int); at least 1 for any paste held (a 1e12-lb tote holding 10 lbs).
std::int64_t totes_for(double lbs, double tote_capacity);

}  // namespace makepack
