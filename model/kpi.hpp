// Key figures of a schedule (thesis tables 4.16, A.25 and A.26): per resource,
// per paste and per SKU. Pure functions of Instance + Schedule, no printing
// (solver/report_tables prints them). Definitions: docs/cli.md, "KPI tables".
#pragma once

#include "model/schedule.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace makepack {

// One resource over [0, horizon). Hours are time units of the instance.
// Sums over rows and blocks are 64-bit: an infeasible plan may repeat a long
// row many times. Only well-formed rows (model/rules/row_shape.hpp) count.
struct ResourceKpi {
    int resource = -1;
    int rows = 0;
    std::int64_t production = 0;   // batches (mixer) or units (line)
    double lbs = 0;                // paste made (mixer) or consumed (line)
    std::int64_t work_hours = 0;            // nominal work of the rows (breaks excluded)
    double downtime_hours = 0;     // expected downtime: sum of work * downtime rate
    std::int64_t changeover_hours = 0;      // nominal changeover after every row (MODEL.md 9.3)
    std::int64_t maintenance_hours = 0;     // maintenance blocks of the schedule, clipped to [0, horizon)
    std::int64_t spare_hours = 0;           // spare-capacity blocks of the schedule, clipped
    std::int64_t outage_hours = 0;          // outages of the calendar, clipped
    int shift_break_hours = 0;     // break hours in [0, horizon)
    std::int64_t row_clock_hours = 0;       // clock time of the rows, [start, end): work + breaks inside
    std::int64_t changeover_clock_hours = 0;  // clock time of the changeovers, breaks inside included
    // Hours of [0, horizon) covered by no row, changeover, maintenance, spare
    // capacity, outage and no shift break.
    int idle_hours = 0;
};

// One paste: what the mixers made against what the lines took and the demand needs.
struct PasteKpi {
    int paste = -1;
    std::int64_t batches = 0;
    double initial_stock = 0;  // lbs at time 0
    double made = 0;           // lbs made by mixer rows
    double consumed = 0;       // lbs taken by the line rows of its SKUs
    double demand = 0;         // lbs the demand of its SKUs needs: sum of demand / units_per_lb
    double scrapped = 0;       // lbs scrapped by max_hold (FIFO, MODEL.md 4 and 9.7)
    double shortfall = 0;      // lbs line rows wanted but stock did not hold (0 when feasible)
    double leftover = 0;       // lbs left in stock at the horizon end
};

// One SKU: units packed against demand.
struct SkuKpi {
    int sku = -1;
    int rows = 0;
    std::int64_t produced = 0;  // units
    std::int64_t demand = 0;
    std::int64_t unmet = 0;     // max(0, demand - produced)
    std::int64_t over = 0;      // max(0, produced - demand)
    // Share of the demand packed: (demand - unmet) / demand, 1 without demand.
    // Overproduction counts no more than the demand, so a total never hides a short SKU.
    double fill_rate = 1;
    // unmet x Instance::unmet_penalty(sku) under soft demand (the SKU's part of
    // ObjectiveBreakdown::unmet_cost); 0 under hard demand, where unmet units
    // are a violation, not a cost.
    double unmet_cost = 0;
    std::optional<int> last_end;  // end of its last row
    std::optional<int> due;
    int lateness = 0;           // max(0, last_end - due); 0 without due or rows
};

// All SKUs together: the `total` row of the SKU table, the fill rate of
// `makepack solve` and of batch's summary.csv.
struct DemandTotals {
    std::int64_t demand = 0;
    std::int64_t packed = 0;      // units towards demand: sum of min(produced, demand)
    std::int64_t unmet = 0;       // demand - packed
    double unmet_cost = 0;
    double fill_rate = 1;         // packed / demand, 1 without demand
    int short_skus = 0;           // SKUs with unmet > 0
};
DemandTotals demand_totals(const std::vector<SkuKpi>& skus);

// The gap of a plan's objective to a lower bound: 100 * (objective - bound) /
// objective, never negative (solve, review, batch's summary.csv, --summary).
double gap_percent(double objective, double bound);

struct Kpis {
    std::vector<ResourceKpi> resources;  // by resource index
    std::vector<PasteKpi> pastes;        // by paste index
    std::vector<SkuKpi> skus;            // by SKU index - num_pastes
};

// Row ends are derived (instance.row_end), not taken from the file.
std::vector<ResourceKpi> resource_kpis(const Instance& instance, const Schedule& schedule);
std::vector<PasteKpi> paste_kpis(const Instance& instance, const Schedule& schedule);
std::vector<SkuKpi> sku_kpis(const Instance& instance, const Schedule& schedule);
Kpis compute_kpis(const Instance& instance, const Schedule& schedule);

// --- Added for `makepack report` (docs/report.md) ----------------------------

// Availability and utilisation of one resource over [0, horizon), after the
// thesis OEE availability rate (seed 001, formula 3.2: AR = OT / LT):
//   LT (loading time) = horizon - planned stops, the planned stops being the
//      union of shift breaks, maintenance and spare-capacity blocks;
//   equipment downtime = changeover (adjustment time) + expected unplanned
//      downtime (work x downtime rate, failure time) + outage hours outside
//      shift breaks (breakdowns, failure time);
//   OT (operating time) = LT - equipment downtime.
// Utilisation = work / available, available = LT - outage hours outside breaks:
// the hours the resource could work (= work + changeover + idle when feasible).
struct ResourceAvailability {
    int resource = -1;
    int planned_stop_hours = 0;      // |breaks u maintenance u spare| in [0, horizon)
    int loading_hours = 0;           // LT
    int outage_work_hours = 0;       // outage hours outside shift breaks
    int available_hours = 0;         // LT - outage_work_hours
    double equipment_downtime_hours = 0;  // changeover + expected downtime + outage_work_hours
    double operating_hours = 0;      // OT = LT - equipment downtime
    double utilisation = 0;          // work / available (0 when nothing is available)
    double availability = 0;         // OT / LT (0 when LT is 0)
};

// `kpis` are resource_kpis(instance, schedule) (same order).
std::vector<ResourceAvailability> resource_availability(const Instance& instance, const Schedule& schedule,
                                                        const std::vector<ResourceKpi>& kpis);

// The stock of one paste over time: the paste ledger's replay (lots enter
// at their mixer row's end, initial stock at 0; line rows take the oldest lots
// at their start; lots older than max_hold at a consumption are scrapped first).
struct StockStep {
    int time = 0;
    double lbs = 0;  // stock from `time` until the next step (after all events at `time`)
};
struct StockScrap {
    int time = 0;
    double lbs = 0;
};
struct PasteStock {
    int paste = -1;
    std::vector<StockStep> level;     // first step at time 0; one step per event time
    std::vector<StockScrap> scraps;   // when and how much max_hold scrapped
    double peak = 0;                  // highest level (held over an interval, after all events at a time)
    int peak_time = 0;                // first time the peak is reached
    double scrapped = 0;              // = PasteKpi::scrapped
    double leftover = 0;              // = PasteKpi::leftover
};
std::vector<PasteStock> paste_stock(const Instance& instance, const Schedule& schedule);

}  // namespace makepack
