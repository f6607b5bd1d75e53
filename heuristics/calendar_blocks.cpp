#include "heuristics/calendar_blocks.hpp"

#include "heuristics/calendar_exact.hpp"
#include "heuristics/calendar_preferred.hpp"
#include "heuristics/fixed_row_bridge.hpp"
#include "model/bound/lower_bound.hpp"

#include <algorithm>
#include <iterator>

namespace makepack {

namespace {

std::string place_fixed_items(PlantTimeline& timeline) {
    const Instance& in = timeline.instance();
    const int n = static_cast<int>(in.resources.size());
    std::vector<std::vector<Block>> fixed(static_cast<std::size_t>(n));
    for (const Block& block : in.fixed_blocks)
        if (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity)
            fixed[static_cast<std::size_t>(block.resource)].push_back(block);
    for (int r = 0; r < n; ++r) {
        std::vector<Block> outages;
        for (const Outage& outage : in.resources[r].calendar.outages)
            outages.push_back(Block{r, BlockKind::Outage, outage.start, outage.end});
        if (!timeline.add_blocks(r, outages)) return "outages of " + in.resources[r].id + " overlap each other";
        if (timeline.add_blocks(r, fixed[static_cast<std::size_t>(r)])) continue;
        // Rare (an input error): one at a time to name the block.
        for (const Block& block : fixed[static_cast<std::size_t>(r)])
            if (!timeline.add_block(block))
                return std::string("fixed ") + to_string(block.kind) + " block on " + in.resources[r].id + " at " +
                       std::to_string(block.start) + " overlaps another fixed item";
    }
    for (const Row& row : in.fixed_rows) timeline.insert_row(row, Slot{row.resource, row.start, row.end, 0, 0});
    for (int r = 0; r < n; ++r)
        if (std::string why = bridge_fixed_changeovers(timeline, r); !why.empty()) return why;
    return {};
}

// What resource r still needs, around `busy` (what is already there).
CalendarNeeds needs_around(const Instance& in, int r, std::vector<Interval> busy) {
    const ResourceCalendar& calendar = in.resources[r].calendar;
    CalendarNeeds needs;
    needs.resource_id = in.resources[r].id;
    needs.horizon = in.horizon;
    needs.frozen_until = in.frozen_until;
    needs.maintenance = calendar.maintenance;
    needs.spare = calendar.spare;
    needs.spare_fixed.assign(static_cast<std::size_t>(needs.spare_periods()), 0);
    needs.fixed_busy = FreeTime(std::move(busy));
    for (const Block& b : in.fixed_blocks) {
        if (b.resource != r) continue;
        if (b.kind == BlockKind::Maintenance) needs.fixed_maintenance.push_back(b.start);
        if (b.kind == BlockKind::SpareCapacity && needs.spare) {
            const int k = b.start / needs.spare->every;
            if (k < needs.spare_periods() && b.end <= (k + 1) * needs.spare->every)
                needs.spare_fixed[static_cast<std::size_t>(k)] = 1;
        }
    }
    std::sort(needs.fixed_maintenance.begin(), needs.fixed_maintenance.end());
    return needs;
}

// What resource r still needs, around what the timeline already holds.
CalendarNeeds needs_of(const PlantTimeline& timeline, int r) {
    std::vector<Interval> busy;
    busy.reserve(timeline.items(r).size());
    for (const TimelineItem& item : timeline.items(r)) busy.push_back({item.start, item.occupied_end});
    return needs_around(timeline.instance(), r, std::move(busy));
}

// The preferred shape in its usual order, then with maintenance first (a
// spare block may have taken the only room before a due time), then exactly.
std::string place_resource(PlantTimeline& timeline, int r, const std::function<bool()>& should_stop) {
    const CalendarNeeds needs = needs_of(timeline, r);
    PreferredPlacement preferred = place_preferred(needs, PreferredOrder::SpareFirst, should_stop);
    if (preferred.failure == kCalendarStopped) return kCalendarStopped;
    std::optional<CalendarPlacement> placement = std::move(preferred.placement);
    if (!placement) {
        PreferredPlacement second = place_preferred(needs, PreferredOrder::MaintenanceFirst, should_stop);
        if (second.failure == kCalendarStopped) return kCalendarStopped;
        placement = std::move(second.placement);
    }
    if (!placement) {
        ExactPlacement exact = place_calendar_exactly(needs, should_stop);
        if (exact.outcome == ExactOutcome::Stopped) return kCalendarStopped;
        if (exact.outcome == ExactOutcome::Impossible) return preferred.failure;
        placement = std::move(exact.placement);
    }
    std::vector<Block> spare, maintenance, blocks;
    for (int start : placement->spare)
        spare.push_back(Block{r, BlockKind::SpareCapacity, start, start + needs.spare->duration});
    for (int start : placement->maintenance)
        maintenance.push_back(Block{r, BlockKind::Maintenance, start, start + needs.maintenance->duration});
    blocks.reserve(spare.size() + maintenance.size());
    std::merge(spare.begin(), spare.end(), maintenance.begin(), maintenance.end(), std::back_inserter(blocks),
               [](const Block& a, const Block& b) { return a.start < b.start; });  // by start: no sort in add_blocks
    if (!timeline.add_blocks(r, blocks)) return "internal: calendar blocks of " + needs.resource_id + " overlap";
    return {};
}

// Every row is followed by a changeover (MODEL.md 3) of at least the
// product's shortest one: a fixed row whose shortest changeover runs into the
// next fixed item (outage, fixed block or row) is in no plan. `busy[r]`: the
// fixed items of resource r by start (they do not overlap: the loader checks).
std::string fixed_changeover_impossible(const Instance& in, const std::vector<std::vector<Interval>>& busy) {
    for (const Row& row : in.fixed_rows) {
        const int changeover = min_changeover_after(in, row.product);
        if (changeover <= 0) continue;
        const int end = in.row_end(row);
        const int changeover_end = in.end_after(row.resource, end, changeover);
        const std::vector<Interval>& items = busy[static_cast<std::size_t>(row.resource)];
        const auto next = std::lower_bound(items.begin(), items.end(), end,
                                           [](const Interval& i, int t) { return i.start < t; });
        if (next != items.end() && next->start < changeover_end) {
            const Interval& item = *next;
            return "fixed row " + in.products[row.product].id + " on " + in.resources[row.resource].id + " [" +
                       std::to_string(row.start) + ", " + std::to_string(end) + "): even its shortest changeover (" +
                       std::to_string(changeover) + " h, to " + std::to_string(changeover_end) +
                       ") runs into the fixed item at " + std::to_string(item.start);
        }
    }
    return {};
}

}  // namespace

std::string calendar_impossible(const Instance& in, const std::function<bool()>& should_stop) {
    std::vector<std::vector<Interval>> busy(in.resources.size());
    for (std::size_t r = 0; r < in.resources.size(); ++r)
        for (const Outage& outage : in.resources[r].calendar.outages) busy[r].push_back({outage.start, outage.end});
    for (const Block& b : in.fixed_blocks)
        if (b.kind == BlockKind::Maintenance || b.kind == BlockKind::SpareCapacity)
            busy[static_cast<std::size_t>(b.resource)].push_back({b.start, b.end});
    for (const Row& row : in.fixed_rows) busy[static_cast<std::size_t>(row.resource)].push_back({row.start, row.end});
    for (auto& items : busy)
        std::sort(items.begin(), items.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
    if (std::string why = fixed_changeover_impossible(in, busy); !why.empty()) return why;
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r) {
        const CalendarNeeds needs = needs_around(in, r, std::move(busy[static_cast<std::size_t>(r)]));
        if (!needs.maintenance && !needs.spare) continue;
        const ExactPlacement exact = place_calendar_exactly(needs, should_stop);
        if (exact.outcome == ExactOutcome::Stopped) return {};
        if (exact.outcome == ExactOutcome::Placed) continue;
        // The preferred placement fails too; its message names the block and the window.
        const PreferredPlacement preferred = place_preferred(needs, PreferredOrder::SpareFirst, should_stop);
        return preferred.failure.empty() || preferred.failure == kCalendarStopped
                   ? "the maintenance and spare capacity of " + needs.resource_id + " cannot be placed"
                   : preferred.failure;
    }
    return {};
}

std::string place_calendar_blocks(PlantTimeline& timeline, const std::function<bool()>& should_stop) {
    if (std::string why = place_fixed_items(timeline); !why.empty()) return why;
    for (int r = 0; r < static_cast<int>(timeline.instance().resources.size()); ++r) {
        if (should_stop && should_stop()) return kCalendarStopped;
        std::string why = place_resource(timeline, r, should_stop);
        if (!why.empty() && why != kCalendarStopped && bridge_last_fixed_row_late(timeline, r))
            why = place_resource(timeline, r, should_stop);
        if (!why.empty() && why != kCalendarStopped && bridge_fixed_changeovers_late(timeline, r))
            if (std::string again = place_resource(timeline, r, should_stop); again.empty() || again == kCalendarStopped)
                why = again;
        if (!why.empty()) return why;
    }
    return {};
}

}  // namespace makepack
