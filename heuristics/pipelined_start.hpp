// A start plan for soft-demand plants that cannot pack all of their demand
// (issue 12): the lines are filled with few long rows (a SKU in one row where
// a line has room), and the mixers make each row's paste while the rows
// before it run -- a pipeline between the two stages.
//
// Why: the insertion greedy and the repairs place what fits where room is
// left, so on a full plant a SKU ends up in many short rows, each paying a
// whole changeover of the bottleneck (an overloaded thesis-size plant's best
// 10-s plans had 80+ line rows for 32 SKUs; docs/unmet-demand.md). Here the
// row set is chosen first, against the hours the stages have, and only then
// timed: each line's rows start with the SKUs that need the least paste per
// hour, so the lines start while the mixers build stock.
#pragma once

#include "heuristics/timeline.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace makepack {

// Whether the construction applies: wherever demand may stay unmet (soft
// demand, or the search's relaxed copy of a hard plant whose start is short).
bool pipelined_start_applies(const Instance& instance);

// How the pipeline trades line waiting against mixer hours.
struct PipelineVariant {
    // Each line's first row packs what this many batches make (0: the whole
    // piece), so the line starts while the mixers make the next rows' paste.
    int starter_batches = 1;
    // Hours of waiting a second (third...) mixer row for one line row must
    // save to be made: each costs a changeover of the mixers' time.
    double another_mixer_hours = 12;
    // Hours charged per batch for each hour a mixer is slower at the paste
    // than its fastest mixer (where the mixers bind, slow batches lose units).
    double slow_batch_weight = 1;
    // SKUs are allocated by price per bottleneck hour; false: in the
    // instance's order (hard demand's relaxed copy tries both: which SKUs the
    // full lines leave out decides how much the waits for paste cost).
    bool by_price = true;
};

// The settings a start plan tries, each a separate construction: four; with
// hard demand (the relaxed copy) each also in the instance's SKU order.
std::vector<PipelineVariant> pipeline_variants(const Instance& instance);

// `calendar`: the timeline with its calendar blocks placed. The plan may
// break a rule the construction does not model (the caller checks it).
std::optional<Schedule> pipelined_start(const PlantTimeline& calendar, const PipelineVariant& variant,
                                        const std::function<bool()>& should_stop = {});

}  // namespace makepack
