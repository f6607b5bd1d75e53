// One mixer's rows in a given order, each as early as it can go. The
// maintenance chain and the spare-capacity blocks go in as late as their rules
// allow (a block placed early would delay every row after it), outages are
// stepped over. Where nothing is held against time (no max_hold, no storage,
// no holding cost), paste made earlier is never worse, so this is the timing
// that leaves the line rows the most paste.
#pragma once

#include "model/instance.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace makepack {

// A row before it is timed: a paste and batches on a mixer, a SKU and units on a line.
struct SequencedRow {
    int product = -1;
    std::int64_t amount = 0;
    bool operator==(const SequencedRow&) const = default;
};

struct TimedSequence {
    std::vector<int> starts, ends;  // per row of the sequence
    std::vector<Block> blocks;      // maintenance and spare capacity
    double cost = 0;                // weighted downtime + changeover of the rows
};

// Times `sequence` on `mixer` from time 0; false if it does not fit in the
// horizon with the calendar rules (MODEL.md 3). Outages come from the instance.
bool time_mixer_forward(const Instance& in, int mixer, std::span<const SequencedRow> sequence, TimedSequence& out);

}  // namespace makepack
