// A deliberately simple forward dispatch rule, written from MODEL.md alone and
// using only model/ (no heuristics/, no solver/): the independent witness that
// an instance has a plan, for issue 12's property test and feasibility bench.
//
// Calendar first (maintenance as late as its due time allows, spare capacity
// at the end of even and the start of odd periods, both around outages), then
// production group by group: a group (a paste with all its SKUs, or one SKU)
// gets whole batches on the mixers free first, then its SKUs' line rows as
// early as possible after the paste is ready, each row followed by room for
// its longest possible changeover. Material (FIFO, max_hold) and storage totes
// are replayed after each group; a group that breaks them is tried again with
// its mixer rows a day later. Several variants (group by paste or by SKU,
// order by due date or by size, split a SKU over several rows or not) run in
// turn; the first plan that passes check_schedule is returned. With soft
// demand a group that does not fit is left unmet and the variant packing the
// most units wins.
#pragma once

#include "model/schedule.hpp"

#include <optional>
#include <string>

namespace makepack::dispatch {

struct DispatchResult {
    std::optional<Schedule> schedule;  // set only if check_schedule accepts it
    std::string variant;               // which variant found it
    std::string failure;               // why not, when unset (each variant's reason)
    int rejected = 0;                  // variants whose plan the checker rejected: a bug here, must stay 0
};

DispatchResult dispatch_plan(const Instance& instance);

}  // namespace makepack::dispatch
