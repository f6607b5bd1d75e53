#include "heuristics/calendar_blocks.hpp"

#include <algorithm>

namespace makepack {

namespace {

// Latest start in [lo, hi] of a free block of `length` on the resource; -1 if none.
int latest_free_start(const PlantTimeline& timeline, int resource, int lo, int hi, int length) {
    for (int start = hi; start >= lo; --start)
        if (timeline.is_free(resource, start, start + length)) return start;
    return -1;
}

std::string place_fixed_items(PlantTimeline& timeline) {
    const Instance& in = timeline.instance();
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r)
        for (const Outage& outage : in.resources[r].calendar.outages)
            if (!timeline.add_block(Block{r, BlockKind::Outage, outage.start, outage.end}))
                return "outages of " + in.resources[r].id + " overlap each other";
    for (const Block& block : in.fixed_blocks)
        if (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity)
            if (!timeline.add_block(block))
                return std::string("fixed ") + to_string(block.kind) + " block on " + in.resources[block.resource].id +
                       " at " + std::to_string(block.start) + " overlaps another fixed item";
    for (const Row& row : in.fixed_rows)
        timeline.insert_row(row, Slot{row.resource, row.start, row.end, 0, 0});
    return {};
}

// Latest start <= latest that touches another block (one interruption instead
// of two), unless that costs more than a day of the interval; else latest free.
int maintenance_start(const PlantTimeline& timeline, int r, int lo, int latest, int length) {
    const int plain = latest_free_start(timeline, r, lo, latest, length);
    if (plain < 0) return plain;
    for (int start = plain; start >= std::max(lo, plain - 24); --start) {
        if (!timeline.is_free(r, start, start + length)) continue;
        const bool touches = !timeline.is_free(r, start + length, start + length + 1) ||
                             (start > 0 && !timeline.is_free(r, start - 1, start));
        if (touches) return start;
    }
    return plain;
}

std::string place_maintenance(PlantTimeline& timeline, int r) {
    const Instance& in = timeline.instance();
    const auto& m = in.resources[r].calendar.maintenance;
    if (!m) return {};
    std::vector<Block> fixed;
    for (const Block& b : in.fixed_blocks)
        if (b.resource == r && b.kind == BlockKind::Maintenance) fixed.push_back(b);
    std::sort(fixed.begin(), fixed.end(), [](const Block& a, const Block& b) { return a.start < b.start; });
    int due = m->first_due();
    for (const Block& b : fixed)
        if (b.start <= due) due = b.start + m->every;
    while (due < in.horizon) {
        const int latest = std::min(due, in.horizon - m->duration);
        const int start = maintenance_start(timeline, r, in.frozen_until, latest, m->duration);
        if (start < 0)
            return "maintenance of " + in.resources[r].id + " due at " + std::to_string(due) +
                   " finds no free time between " + std::to_string(in.frozen_until) + " and " + std::to_string(latest);
        timeline.add_block(Block{r, BlockKind::Maintenance, start, start + m->duration});
        due = start + m->every;
    }
    return {};
}

// Spare blocks of neighbouring periods meet at their common boundary (period
// 0 at its start, 1 at its end, 2 at its start, ...), so rows get windows of
// about two periods instead of one.
std::string place_spare_capacity(PlantTimeline& timeline, int r) {
    const Instance& in = timeline.instance();
    const auto& spare = in.resources[r].calendar.spare;
    if (!spare) return {};
    const int periods = in.horizon / spare->every;
    for (int k = 0; k < periods; ++k) {
        const int period_start = k * spare->every, period_end = period_start + spare->every;
        const bool fixed = std::any_of(in.fixed_blocks.begin(), in.fixed_blocks.end(), [&](const Block& b) {
            return b.resource == r && b.kind == BlockKind::SpareCapacity && b.start >= period_start && b.end <= period_end;
        });
        if (fixed) continue;
        const int lo = std::max(period_start, in.frozen_until), hi = period_end - spare->duration;
        const bool at_end = k % 2 == 1 || k == periods - 1;
        const int preferred = at_end ? hi : lo;
        int start = -1;
        for (int distance = 0; start < 0 && distance <= hi - lo; ++distance)
            for (int candidate : {preferred - distance, preferred + distance})
                if (candidate >= lo && candidate <= hi && timeline.is_free(r, candidate, candidate + spare->duration)) {
                    start = candidate;
                    break;
                }
        if (start < 0)
            return "spare capacity of " + in.resources[r].id + " finds no free " + std::to_string(spare->duration) +
                   " h in [" + std::to_string(lo) + ", " + std::to_string(period_end) + ")";
        timeline.add_block(Block{r, BlockKind::SpareCapacity, start, start + spare->duration});
    }
    return {};
}

}  // namespace

std::string place_calendar_blocks(PlantTimeline& timeline) {
    if (std::string why = place_fixed_items(timeline); !why.empty()) return why;
    const int n = static_cast<int>(timeline.instance().resources.size());
    for (int r = 0; r < n; ++r)
        if (std::string why = place_spare_capacity(timeline, r); !why.empty()) return why;
    for (int r = 0; r < n; ++r)
        if (std::string why = place_maintenance(timeline, r); !why.empty()) return why;
    return {};
}

}  // namespace makepack
