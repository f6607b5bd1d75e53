// Derived blocks (changeover, shift_break, outage) are not decisions; when a
// schedule lists them for display, or an instance carries them as fixed, they
// must equal the derived ones (MODEL.md 9.14).
#pragma once

#include "model/instance.hpp"

#include <span>
#include <utility>

namespace makepack {

using Interval = std::pair<int, int>;  // [first, second)

// A real shift break of the resource: [offset + k*every, +duration) for some k
// (MODEL.md 9.17), or that interval clipped to [0, horizon).
bool is_break_interval(const Instance& instance, int resource, int start, int end);
// An outage of the resource's calendar, exactly or clipped to [0, horizon).
bool is_outage_interval(const Instance& instance, int resource, int start, int end);
// True when `block` (of a derived kind) equals a derived block of its resource;
// `changeovers` are the resource's derived changeover intervals, sorted.
// Solver kinds (maintenance, spare_capacity) are never derived: false.
bool matches_derived(const Instance& instance, const Block& block, std::span<const Interval> changeovers);

}  // namespace makepack
