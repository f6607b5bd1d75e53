// Solver-placed calendar blocks of one resource: the maintenance chain
// (MODEL.md 3, 9.5) and spare capacity (MODEL.md 3, 9.4). Overlap with other
// items, the horizon and frozen/fixed are checked by the resource timeline.
#pragma once

#include "model/instance.hpp"
#include "model/rules/violation_sink.hpp"

#include <span>

namespace makepack {

// `blocks`: the resource's maintenance blocks sorted by start. Each block is
// exactly `duration` long and starts at or before its due time; every block
// resets the due time to its start + every; the chain must reach the horizon.
void check_maintenance_chain(const Instance& instance, int resource, std::span<const Block> blocks,
                             ViolationSink& sink);

// `blocks`: the resource's spare_capacity blocks sorted by start. Exactly one
// block of exactly `duration` inside each full period [k*every, (k+1)*every)
// ending within the horizon, none elsewhere.
void check_spare_capacity(const Instance& instance, int resource, std::span<const Block> blocks,
                          ViolationSink& sink);

}  // namespace makepack
