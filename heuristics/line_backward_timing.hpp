// One line's rows in a given order, each as late as it can go, around the
// line's blocks (maintenance, spare capacity, outages), which stay where they
// are. A line row takes its paste at its start, so the later the lines run,
// the more time the mixers have; with nothing held against lateness (no due
// dates) a line row's time changes no cost.
#pragma once

#include "heuristics/mixer_forward_timing.hpp"

#include <span>
#include <utility>

namespace makepack {

// `blocks`: [start, end) of the line's fixed blocks, by start. With
// `place_spares`, the line's spare-capacity blocks are not among them: each
// goes in as late as its period allows once a row would leave it no room
// (into out.blocks). False if the rows do not fit between 0 and the horizon.
bool time_line_backward(const Instance& in, int line, std::span<const SequencedRow> sequence,
                        std::span<const std::pair<int, int>> blocks, bool place_spares, TimedSequence& out);

}  // namespace makepack
