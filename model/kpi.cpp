#include "model/kpi.hpp"

#include "model/rules/row_shape.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <utility>

namespace makepack {

namespace {

using Interval = std::pair<int, int>;

int clipped_length(int start, int end, int horizon) {
    return std::max(0, std::min(end, horizon) - std::max(start, 0));
}

// The checker's notion (row_shape): rows it leaves out of every rule are left
// out of the figures too, and their work and end cannot overflow.
bool valid_row(const Instance& instance, const Row& row) { return well_formed(instance, row); }

// Rows of every resource, sorted by start (then end): the order changeovers follow.
std::vector<std::vector<Row>> rows_by_resource(const Instance& instance, const Schedule& schedule) {
    std::vector<std::vector<Row>> by_resource(instance.resources.size());
    for (const Row& row : schedule.rows) {
        if (!valid_row(instance, row)) continue;
        Row derived = row;
        derived.end = instance.row_end(row);
        by_resource[static_cast<std::size_t>(row.resource)].push_back(derived);
    }
    for (auto& rows : by_resource)
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
    return by_resource;
}

double fill_rate(std::int64_t packed, std::int64_t demand) {
    return demand > 0 ? static_cast<double>(packed) / static_cast<double>(demand) : 1.0;
}

// Hours of [0, horizon) covered by none of `busy` and by no shift break.
int idle_hours(std::vector<Interval> busy, int horizon, const WorkingTime& working) {
    for (auto& [a, b] : busy) {
        a = std::max(a, 0);
        b = std::min(b, horizon);
    }
    std::erase_if(busy, [](const Interval& iv) { return iv.second <= iv.first; });
    std::sort(busy.begin(), busy.end());
    int idle = 0;
    int cursor = 0;
    auto free_gap = [&](int a, int b) {
        if (b > a) idle += (b - a) - working.break_hours(a, b);
    };
    for (const auto& [a, b] : busy) {
        free_gap(cursor, a);
        cursor = std::max(cursor, b);
    }
    free_gap(cursor, horizon);
    return idle;
}

}  // namespace

std::vector<ResourceKpi> resource_kpis(const Instance& instance, const Schedule& schedule) {
    const int horizon = instance.horizon;
    const auto by_resource = rows_by_resource(instance, schedule);
    std::vector<ResourceKpi> result;
    result.reserve(instance.resources.size());
    for (std::size_t r = 0; r < instance.resources.size(); ++r) {
        const Resource& resource = instance.resources[r];
        const int ri = static_cast<int>(r);
        ResourceKpi kpi;
        kpi.resource = ri;
        std::vector<Interval> busy;

        const auto& rows = by_resource[r];
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Row& row = rows[i];
            const int work = instance.work(row);
            const int next = i + 1 < rows.size() ? rows[i + 1].product : -1;
            const int changeover = instance.changeover(row.product, next);
            const int changeover_end = instance.end_after(ri, row.end, changeover);
            ++kpi.rows;
            kpi.production += row.amount;
            kpi.lbs += instance.lbs(row);
            kpi.work_hours += work;
            kpi.downtime_hours += work * instance.option(row.product, ri)->downtime;
            kpi.changeover_hours += changeover;
            kpi.row_clock_hours += clipped_length(row.start, row.end, horizon);
            kpi.changeover_clock_hours += clipped_length(row.end, changeover_end, horizon);
            busy.emplace_back(row.start, row.end);
            busy.emplace_back(row.end, changeover_end);
        }
        for (const Block& block : schedule.blocks) {
            if (block.resource != ri) continue;
            if (block.kind == BlockKind::Maintenance) {
                kpi.maintenance_hours += clipped_length(block.start, block.end, horizon);
            } else if (block.kind == BlockKind::SpareCapacity) {
                kpi.spare_hours += clipped_length(block.start, block.end, horizon);
            } else {
                continue;  // derived kinds are counted from the rows and the calendar
            }
            busy.emplace_back(block.start, block.end);
        }
        for (const Outage& outage : resource.calendar.outages) {
            kpi.outage_hours += clipped_length(outage.start, outage.end, horizon);
            busy.emplace_back(outage.start, outage.end);
        }
        kpi.shift_break_hours = resource.working.break_hours(0, horizon);
        kpi.idle_hours = idle_hours(std::move(busy), horizon, resource.working);
        result.push_back(kpi);
    }
    return result;
}

std::vector<PasteKpi> paste_kpis(const Instance& instance, const Schedule& schedule) {
    std::vector<PasteKpi> result(static_cast<std::size_t>(instance.num_pastes));
    struct Event {
        int time;
        int order;  // 0 = a lot arrives, 1 = a line row takes paste (MODEL.md 9.6: made at t, usable at t)
        double lbs;
    };
    std::vector<std::vector<Event>> events(result.size());
    for (int p = 0; p < instance.num_pastes; ++p) {
        PasteKpi& kpi = result[static_cast<std::size_t>(p)];
        const Product& paste = instance.products[static_cast<std::size_t>(p)];
        kpi.paste = p;
        kpi.initial_stock = paste.initial_stock;
        for (int sku : paste.skus) {
            const Product& s = instance.products[static_cast<std::size_t>(sku)];
            kpi.demand += static_cast<double>(s.demand) / s.units_per_lb;
        }
        if (paste.initial_stock > 0) events[static_cast<std::size_t>(p)].push_back({0, 0, paste.initial_stock});
    }
    for (const Row& row : schedule.rows) {
        if (!valid_row(instance, row)) continue;
        if (instance.is_mixer(row.resource)) {
            if (row.product >= instance.num_pastes) continue;
            PasteKpi& kpi = result[static_cast<std::size_t>(row.product)];
            kpi.batches += row.amount;
            kpi.made += instance.lbs(row);
            events[static_cast<std::size_t>(row.product)].push_back({instance.row_end(row), 0, instance.lbs(row)});
        } else {
            const int paste = instance.products[static_cast<std::size_t>(row.product)].paste;
            if (paste < 0 || paste >= instance.num_pastes) continue;
            result[static_cast<std::size_t>(paste)].consumed += instance.lbs(row);
            events[static_cast<std::size_t>(paste)].push_back({row.start, 1, instance.lbs(row)});
        }
    }
    // FIFO stock of lots (time made, lbs): scrap lots older than max_hold at a
    // consumption, then take the oldest first.
    for (std::size_t p = 0; p < result.size(); ++p) {
        PasteKpi& kpi = result[p];
        const std::optional<int> max_hold = instance.products[p].max_hold;
        auto& list = events[p];
        std::stable_sort(list.begin(), list.end(), [](const Event& a, const Event& b) {
            return a.time != b.time ? a.time < b.time : a.order < b.order;
        });
        std::deque<std::pair<int, double>> lots;
        for (const Event& event : list) {
            if (event.order == 0) {
                lots.emplace_back(event.time, event.lbs);
                continue;
            }
            if (max_hold) {
                while (!lots.empty() && event.time - lots.front().first > *max_hold) {
                    kpi.scrapped += lots.front().second;
                    lots.pop_front();
                }
            }
            double wanted = event.lbs;
            while (wanted > 0 && !lots.empty()) {
                const double take = std::min(wanted, lots.front().second);
                wanted -= take;
                lots.front().second -= take;
                if (lots.front().second <= 1e-9) lots.pop_front();
            }
            if (wanted > 1e-6) kpi.shortfall += wanted;
        }
        for (const auto& lot : lots) kpi.leftover += lot.second;
    }
    return result;
}

std::vector<SkuKpi> sku_kpis(const Instance& instance, const Schedule& schedule) {
    std::vector<SkuKpi> result(static_cast<std::size_t>(instance.num_skus()));
    for (int s = 0; s < instance.num_skus(); ++s) {
        SkuKpi& kpi = result[static_cast<std::size_t>(s)];
        const Product& sku = instance.products[static_cast<std::size_t>(instance.num_pastes + s)];
        kpi.sku = instance.num_pastes + s;
        kpi.demand = sku.demand;
        kpi.due = sku.due;
    }
    for (const Row& row : schedule.rows) {
        if (!valid_row(instance, row) || instance.is_mixer(row.resource) || row.product < instance.num_pastes) continue;
        SkuKpi& kpi = result[static_cast<std::size_t>(row.product - instance.num_pastes)];
        ++kpi.rows;
        kpi.produced += row.amount;
        const int end = instance.row_end(row);
        kpi.last_end = kpi.last_end ? std::max(*kpi.last_end, end) : end;
    }
    for (SkuKpi& kpi : result) {
        kpi.unmet = std::max<std::int64_t>(0, kpi.demand - kpi.produced);
        kpi.over = std::max<std::int64_t>(0, kpi.produced - kpi.demand);
        kpi.fill_rate = fill_rate(kpi.demand - kpi.unmet, kpi.demand);
        if (instance.demand_soft) kpi.unmet_cost = static_cast<double>(kpi.unmet) * instance.unmet_penalty(kpi.sku);
        if (kpi.due && kpi.last_end) kpi.lateness = std::max(0, *kpi.last_end - *kpi.due);
    }
    return result;
}

DemandTotals demand_totals(const std::vector<SkuKpi>& skus) {
    DemandTotals totals;
    for (const SkuKpi& k : skus) {
        totals.demand += k.demand;
        totals.unmet += k.unmet;
        totals.unmet_cost += k.unmet_cost;
        if (k.unmet > 0) ++totals.short_skus;
    }
    totals.packed = totals.demand - totals.unmet;
    totals.fill_rate = fill_rate(totals.packed, totals.demand);
    return totals;
}

Kpis compute_kpis(const Instance& instance, const Schedule& schedule) {
    return Kpis{resource_kpis(instance, schedule), paste_kpis(instance, schedule), sku_kpis(instance, schedule)};
}

// --- Added for `makepack report` ---------------------------------------------

namespace {

// Sorted, merged, clipped to [0, horizon).
std::vector<Interval> merged(std::vector<Interval> intervals, int horizon) {
    for (auto& [a, b] : intervals) {
        a = std::max(a, 0);
        b = std::min(b, horizon);
    }
    std::erase_if(intervals, [](const Interval& iv) { return iv.second <= iv.first; });
    std::sort(intervals.begin(), intervals.end());
    std::vector<Interval> result;
    for (const Interval& iv : intervals) {
        if (!result.empty() && iv.first <= result.back().second)
            result.back().second = std::max(result.back().second, iv.second);
        else
            result.push_back(iv);
    }
    return result;
}

// Hours of `a` (merged) outside `b` (merged) and outside shift breaks.
int working_hours_outside(const std::vector<Interval>& a, const std::vector<Interval>& b, const WorkingTime& working) {
    int hours = 0;
    for (const auto& [start, end] : a) {
        int cursor = start;
        for (const auto& [bs, be] : b) {
            if (be <= cursor) continue;
            if (bs >= end) break;
            if (bs > cursor) hours += (bs - cursor) - working.break_hours(cursor, bs);
            cursor = std::max(cursor, be);
            if (cursor >= end) break;
        }
        if (cursor < end) hours += (end - cursor) - working.break_hours(cursor, end);
    }
    return hours;
}

}  // namespace

std::vector<ResourceAvailability> resource_availability(const Instance& instance, const Schedule& schedule,
                                                        const std::vector<ResourceKpi>& kpis) {
    const int horizon = instance.horizon;
    std::vector<ResourceAvailability> result;
    result.reserve(kpis.size());
    for (const ResourceKpi& kpi : kpis) {
        ResourceAvailability a;
        a.resource = kpi.resource;
        if (kpi.resource < 0 || kpi.resource >= static_cast<int>(instance.resources.size())) {
            result.push_back(a);
            continue;
        }
        const Resource& resource = instance.resources[static_cast<std::size_t>(kpi.resource)];
        std::vector<Interval> planned, outages;
        for (const Block& block : schedule.blocks)
            if (block.resource == kpi.resource &&
                (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity))
                planned.emplace_back(block.start, block.end);
        for (const Outage& outage : resource.calendar.outages) outages.emplace_back(outage.start, outage.end);
        planned = merged(std::move(planned), horizon);
        outages = merged(std::move(outages), horizon);
        // Planned stops = breaks u maintenance u spare = breaks + (maintenance u spare outside breaks).
        const int planned_outside_breaks = working_hours_outside(planned, {}, resource.working);
        a.planned_stop_hours = resource.working.break_hours(0, horizon) + planned_outside_breaks;
        a.loading_hours = horizon - a.planned_stop_hours;
        a.outage_work_hours = working_hours_outside(outages, planned, resource.working);
        a.available_hours = a.loading_hours - a.outage_work_hours;
        a.equipment_downtime_hours = kpi.changeover_hours + kpi.downtime_hours + a.outage_work_hours;
        a.operating_hours = a.loading_hours - a.equipment_downtime_hours;
        a.utilisation = a.available_hours > 0 ? kpi.work_hours / static_cast<double>(a.available_hours) : 0.0;
        a.availability = a.loading_hours > 0 ? a.operating_hours / a.loading_hours : 0.0;
        result.push_back(a);
    }
    return result;
}

std::vector<PasteStock> paste_stock(const Instance& instance, const Schedule& schedule) {
    struct Event {
        int time;
        int order;  // 0 = a lot arrives, 1 = a line row takes paste (as paste_kpis)
        double lbs;
    };
    const auto pastes = static_cast<std::size_t>(instance.num_pastes);
    std::vector<std::vector<Event>> events(pastes);
    std::vector<PasteStock> result(pastes);
    for (std::size_t p = 0; p < pastes; ++p) {
        result[p].paste = static_cast<int>(p);
        if (instance.products[p].initial_stock > 0) events[p].push_back({0, 0, instance.products[p].initial_stock});
    }
    for (const Row& row : schedule.rows) {
        if (!valid_row(instance, row)) continue;
        if (instance.is_mixer(row.resource)) {
            if (row.product >= instance.num_pastes) continue;
            events[static_cast<std::size_t>(row.product)].push_back({instance.row_end(row), 0, instance.lbs(row)});
        } else {
            const int paste = instance.products[static_cast<std::size_t>(row.product)].paste;
            if (paste < 0 || paste >= instance.num_pastes) continue;
            events[static_cast<std::size_t>(paste)].push_back({row.start, 1, instance.lbs(row)});
        }
    }
    for (std::size_t p = 0; p < pastes; ++p) {
        PasteStock& stock = result[p];
        const std::optional<int> max_hold = instance.products[p].max_hold;
        auto& list = events[p];
        std::stable_sort(list.begin(), list.end(), [](const Event& a, const Event& b) {
            return a.time != b.time ? a.time < b.time : a.order < b.order;
        });
        std::deque<std::pair<int, double>> lots;
        double level = 0;
        stock.level.push_back({0, 0});
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Event& event = list[i];
            if (event.order == 0) {
                lots.emplace_back(event.time, event.lbs);
                level += event.lbs;
            } else {
                double scrapped_now = 0;
                if (max_hold) {
                    while (!lots.empty() && event.time - lots.front().first > *max_hold) {
                        scrapped_now += lots.front().second;
                        lots.pop_front();
                    }
                }
                if (scrapped_now > 0) {
                    stock.scrapped += scrapped_now;
                    level -= scrapped_now;
                    if (!stock.scraps.empty() && stock.scraps.back().time == event.time)
                        stock.scraps.back().lbs += scrapped_now;
                    else
                        stock.scraps.push_back({event.time, scrapped_now});
                }
                double wanted = event.lbs;
                while (wanted > 0 && !lots.empty()) {
                    const double take = std::min(wanted, lots.front().second);
                    wanted -= take;
                    level -= take;
                    lots.front().second -= take;
                    if (lots.front().second <= 1e-9) lots.pop_front();
                }
            }
            // One step per event time, after all its events.
            if (i + 1 < list.size() && list[i + 1].time == event.time) continue;
            if (std::abs(level) < 1e-6) level = 0;
            if (stock.level.back().time == event.time)
                stock.level.back().lbs = level;
            else
                stock.level.push_back({event.time, level});
            if (level > stock.peak + 1e-9) {
                stock.peak = level;
                stock.peak_time = event.time;
            }
        }
        for (const auto& lot : lots) stock.leftover += lot.second;
    }
    return result;
}

}  // namespace makepack
