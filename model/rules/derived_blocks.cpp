#include "model/rules/derived_blocks.hpp"

#include <algorithm>

namespace makepack {
namespace {

long long floor_div(long long a, long long b) {
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

// Equal to [start, end) itself or to its part inside the horizon.
bool same_or_clipped(const Instance& instance, long long start, long long end, int listed_start, int listed_end) {
    if (listed_start == start && listed_end == end) return true;
    const long long clipped_start = std::max<long long>(start, 0);
    const long long clipped_end = std::min<long long>(end, instance.horizon);
    return clipped_start < clipped_end && listed_start == clipped_start && listed_end == clipped_end;
}

}  // namespace

bool is_break_interval(const Instance& instance, int resource, int start, int end) {
    const auto& breaks = instance.resources[static_cast<std::size_t>(resource)].calendar.breaks;
    if (!breaks || breaks->duration <= 0 || breaks->every <= 0) return false;
    // The break whose period holds `start`; a clipped break starting at 0 is the
    // one that straddles 0, which this also finds.
    const long long k = floor_div(static_cast<long long>(start) - breaks->offset, breaks->every);
    const long long break_start = breaks->offset + k * breaks->every;
    return same_or_clipped(instance, break_start, break_start + breaks->duration, start, end);
}

bool is_outage_interval(const Instance& instance, int resource, int start, int end) {
    for (const Outage& outage : instance.resources[static_cast<std::size_t>(resource)].calendar.outages)
        if (same_or_clipped(instance, outage.start, outage.end, start, end)) return true;
    return false;
}

bool matches_derived(const Instance& instance, const Block& block, std::span<const Interval> changeovers) {
    switch (block.kind) {
        case BlockKind::Changeover:
            return std::binary_search(changeovers.begin(), changeovers.end(), Interval{block.start, block.end});
        case BlockKind::ShiftBreak: return is_break_interval(instance, block.resource, block.start, block.end);
        case BlockKind::Outage: return is_outage_interval(instance, block.resource, block.start, block.end);
        case BlockKind::Maintenance:
        case BlockKind::SpareCapacity: return false;
    }
    return false;
}

}  // namespace makepack
