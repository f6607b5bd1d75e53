#include "model/kpi.hpp"

#include "model/paste_ledger.hpp"
#include "model/rules/row_shape.hpp"

#include <algorithm>
#include <cmath>
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

// One ledger per paste: its initial stock, a lot at each mixer row's end, a
// use at each of its SKUs' line row starts.
std::vector<PasteLedger> paste_ledgers(const Instance& instance, const Schedule& schedule) {
    std::vector<PasteLedger> ledgers(static_cast<std::size_t>(instance.num_pastes));
    for (std::size_t p = 0; p < ledgers.size(); ++p) ledgers[p].reset(instance.products[p]);
    for (const Row& row : schedule.rows) {
        if (!valid_row(instance, row)) continue;
        if (instance.is_mixer(row.resource)) {
            if (row.product >= instance.num_pastes) continue;
            ledgers[static_cast<std::size_t>(row.product)].add_lot(instance.row_end(row), instance.lbs(row));
        } else {
            const int paste = instance.products[static_cast<std::size_t>(row.product)].paste;
            if (paste < 0 || paste >= instance.num_pastes) continue;
            ledgers[static_cast<std::size_t>(paste)].add_use(row.start, instance.lbs(row));
        }
    }
    return ledgers;
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
    std::vector<PasteLedger> ledgers = paste_ledgers(instance, schedule);
    for (int p = 0; p < instance.num_pastes; ++p) {
        PasteKpi& kpi = result[static_cast<std::size_t>(p)];
        const Product& paste = instance.products[static_cast<std::size_t>(p)];
        kpi.paste = p;
        kpi.initial_stock = paste.initial_stock;
        for (int sku : paste.skus) {
            const Product& s = instance.products[static_cast<std::size_t>(sku)];
            kpi.demand += static_cast<double>(s.demand) / s.units_per_lb;
        }
    }
    for (const Row& row : schedule.rows) {
        if (!valid_row(instance, row)) continue;
        if (instance.is_mixer(row.resource)) {
            if (row.product >= instance.num_pastes) continue;
            PasteKpi& kpi = result[static_cast<std::size_t>(row.product)];
            kpi.batches += row.amount;
            kpi.made += instance.lbs(row);
        } else {
            const int paste = instance.products[static_cast<std::size_t>(row.product)].paste;
            if (paste < 0 || paste >= instance.num_pastes) continue;
            result[static_cast<std::size_t>(paste)].consumed += instance.lbs(row);
        }
    }
    for (std::size_t p = 0; p < result.size(); ++p) {
        // The checker's walk: shortfall is what its material rule reports.
        const LedgerTotals totals = ledgers[p].replay(instance.horizon);
        result[p].scrapped = totals.scrap_lbs;
        result[p].shortfall = totals.short_lbs;
        result[p].leftover = totals.leftover_lbs;
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

double gap_percent(double objective, double bound) {
    return std::max(0.0, 100.0 * (objective - bound) / std::max(1e-9, objective));
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
    std::vector<PasteLedger> ledgers = paste_ledgers(instance, schedule);
    std::vector<PasteStock> result(ledgers.size());
    for (std::size_t p = 0; p < ledgers.size(); ++p) {
        struct Steps {
            PasteStock& stock;
            void scrapped(int time, double lbs) {
                if (!stock.scraps.empty() && stock.scraps.back().time == time) stock.scraps.back().lbs += lbs;
                else stock.scraps.push_back({time, lbs});
            }
            void level(int time, double lbs) {
                if (std::abs(lbs) < kLbsSlack) lbs = 0;
                if (stock.level.back().time == time) stock.level.back().lbs = lbs;
                else stock.level.push_back({time, lbs});
                if (lbs > stock.peak + kLbsSlack) {
                    stock.peak = lbs;
                    stock.peak_time = time;
                }
            }
        };
        PasteStock& stock = result[p];
        stock.paste = static_cast<int>(p);
        stock.level.push_back({0, 0});
        Steps steps{stock};
        const LedgerTotals totals = ledgers[p].replay(steps, instance.horizon);
        stock.scrapped = totals.scrap_lbs;
        stock.leftover = totals.leftover_lbs;
    }
    return result;
}

}  // namespace makepack
