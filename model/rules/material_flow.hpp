// Rule group 2: one paste's FIFO stock (MODEL.md 4, 9.6-9.8), replayed by the
// paste ledger (model/paste_ledger.hpp), which also holds the max_hold rule.
#pragma once

#include "model/instance.hpp"
#include "model/tolerance.hpp"
#include "model/rules/violation_sink.hpp"

#include <span>
#include <vector>

namespace makepack {

struct LbsEvent {
    int time = 0;
    double lbs = 0;
};

struct PasteFlow {
    double scrap_lbs = 0;     // lots removed by max_hold
    double leftover_lbs = 0;  // in stock at the horizon end
    double holding = 0;       // lb-hours from making to consumption, scrapping or horizon end
    std::vector<LbsEvent> scraps;  // when and how much was scrapped (the storage group needs it)
};

// Lots: initial_stock at 0, n * batch_size at each mixer row's end. Each line
// row takes quantity / units_per_lb lbs at its start, oldest lots first; paste
// made at t is usable at t. With max_hold, lots older than max_hold at a
// consumption are scrapped first (age == max_hold is usable). A consumption
// that finds too little paste is a "material" violation and takes what there is.
// `mixer_rows`: the paste's rows; `line_rows`: rows of SKUs filled with it;
// both well formed (row_shape.hpp), any order.
PasteFlow check_paste_flow(const Instance& instance, int paste, std::span<const Row> mixer_rows,
                           std::span<const Row> line_rows, ViolationSink& sink);

}  // namespace makepack
