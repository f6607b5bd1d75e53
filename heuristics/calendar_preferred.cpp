#include "heuristics/calendar_preferred.hpp"

#include <algorithm>

namespace makepack {

namespace {

bool stop_now(int count, const std::function<bool()>& should_stop) {
    return count % 4096 == 4095 && should_stop && should_stop();
}

FreeTime with_blocks(const CalendarNeeds& needs, const std::vector<int>& starts, int length) {
    std::vector<Interval> busy = needs.fixed_busy.busy();
    busy.reserve(busy.size() + starts.size());
    for (int s : starts) busy.push_back({s, s + length});
    return FreeTime(std::move(busy));
}

// Spare blocks of neighbouring periods meet at their common boundary (period
// 0 at its start, 1 at its end, 2 at its start, ...), so rows get windows of
// about two periods instead of one. Periods are disjoint, so each looks only
// at `free`.
std::string place_spare(const CalendarNeeds& needs, const FreeTime& free, std::vector<int>& out,
                        const std::function<bool()>& should_stop) {
    if (!needs.spare) return {};
    const int every = needs.spare->every, length = needs.spare->duration, periods = needs.spare_periods();
    for (int k = 0; k < periods; ++k) {
        if (stop_now(k, should_stop)) return kCalendarStopped;
        if (!needs.spare_needed(k)) continue;
        const int period_start = k * every, period_end = period_start + every;
        const int lo = std::max(period_start, needs.frozen_until), hi = period_end - length;
        const bool at_end = k % 2 == 1 || k == periods - 1;
        const int start = free.nearest_start(lo, hi, length, at_end ? hi : lo);
        if (start < 0 && lo > hi)  // frozen_until leaves the period too little time
            return "spare capacity of " + needs.resource_id + " for the period [" + std::to_string(period_start) +
                   ", " + std::to_string(period_end) + ") has no fixed block and frozen_until " +
                   std::to_string(needs.frozen_until) + " leaves it less than " + std::to_string(length) + " h";
        if (start < 0)
            return "spare capacity of " + needs.resource_id + " finds no free " + std::to_string(length) + " h in [" +
                   std::to_string(lo) + ", " + std::to_string(period_end) + ")";
        out.push_back(start);
    }
    return {};
}

// Latest start in [lo, latest] that touches another block (one interruption
// instead of two), unless that costs more than a day or an eighth of the
// interval (a short interval would otherwise gain a block); else the latest
// free. `last` is the maintenance block placed before (not in `free`).
int maintenance_start(const FreeTime& free, Interval last, int lo, int latest, int length, int every) {
    const int plain = free.latest_start(lo, latest, length);
    if (plain < 0) return plain;
    const auto busy_at = [&](int t) { return free.busy_at(t) || (t >= last.start && t < last.end); };
    for (int start = plain; start >= std::max(lo, plain - std::min(24, every / 8)); --start) {
        if (!free.is_free(start, start + length)) continue;
        if (busy_at(start + length) || (start > 0 && busy_at(start - 1))) return start;
    }
    return plain;
}

// Each block as late as its due time allows, searched after the previous one
// (fixed blocks that meet their due time are links of the chain too); where the
// due time is taken, the latest free room before it, and the chain continues
// from that actual start (MODEL.md 3).
std::string place_maintenance(const CalendarNeeds& needs, const FreeTime& free, std::vector<int>& out,
                              const std::function<bool()>& should_stop) {
    if (!needs.maintenance) return {};
    const Maintenance& m = *needs.maintenance;
    long long due = m.first_due();
    int lo = needs.frozen_until;
    Interval last{-1, -1};
    std::size_t f = 0;
    for (int count = 0;; ++count) {
        if (stop_now(count, should_stop)) return kCalendarStopped;
        for (; f < needs.fixed_maintenance.size() && needs.fixed_maintenance[f] <= due; ++f) {
            due = static_cast<long long>(needs.fixed_maintenance[f]) + m.every;
            lo = std::max(lo, needs.fixed_maintenance[f] + m.duration);
        }
        if (due >= needs.horizon) return {};
        const int latest = static_cast<int>(std::min<long long>(due, needs.horizon - m.duration));
        const int start = maintenance_start(free, last, lo, latest, m.duration, m.every);
        if (start < 0)
            return "maintenance of " + needs.resource_id + " due at " + std::to_string(due) +
                   " finds no free time between " + std::to_string(lo) + " and " + std::to_string(latest);
        out.push_back(start);
        last = {start, start + m.duration};
        due = static_cast<long long>(start) + m.every;
        lo = last.end;
    }
}

}  // namespace

PreferredPlacement place_preferred(const CalendarNeeds& needs, PreferredOrder order,
                                   const std::function<bool()>& should_stop) {
    CalendarPlacement out;
    std::string why;
    if (order == PreferredOrder::SpareFirst) {
        why = place_spare(needs, needs.fixed_busy, out.spare, should_stop);
        if (why.empty() && needs.maintenance)
            why = place_maintenance(needs, with_blocks(needs, out.spare, needs.spare ? needs.spare->duration : 0),
                                    out.maintenance, should_stop);
    } else {
        why = place_maintenance(needs, needs.fixed_busy, out.maintenance, should_stop);
        if (why.empty() && needs.spare)
            why = place_spare(needs, with_blocks(needs, out.maintenance, needs.maintenance ? needs.maintenance->duration : 0),
                              out.spare, should_stop);
    }
    if (!why.empty()) return {std::nullopt, why};
    return {std::move(out), {}};
}

}  // namespace makepack
