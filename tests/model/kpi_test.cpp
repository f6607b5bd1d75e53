// KPI tables (model/kpi.hpp) on a tiny schedule computed by hand.
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"

#include <doctest/doctest.h>

#include <string>

namespace makepack {
namespace {

// One mixer, one line, two pastes, two SKUs over 48 hours.
//   M1 (no breaks): maintenance every 24 for 3 (due 24, then 24 after each start);
//                   outage [40,44); changeover 2 after every row.
//   L1: shift breaks [0,1) [12,13) [24,25) [36,37); spare 2 h in [0,24) and
//       [24,48); changeover 1 after every row.
const char* const kTinyInstance = R"(
name: tiny
start_date: 2023-01-01T00:00
time_unit: hour
horizon: 48
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.5}}
  - {id: P2, batch_hours: {M1: 3}, downtime: {M1: 0.25}, initial_stock: 500, max_hold: 10}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1500, due: 18, downtime: {L1: 0.1}}
  - {id: S2, paste: P2, units_per_lb: 1, demand: 400, downtime: {L1: 0.2}}
changeover: {mixers: 2, lines: 1}
calendar:
  mixers: {maintenance: {every: 24, duration: 3}}
  lines: {shift_break: {every: 12, duration: 1, offset: 0}, spare_capacity: {every: 24, duration: 2}}
  outages: [{resource: M1, start: 40, end: 44, reason: holiday}]
)";

struct Tiny {
    Instance instance;
    Schedule schedule;
};

Tiny tiny() {
    Tiny t{parse_instance(kTinyInstance, "tiny.yaml"), {}};
    const Instance& in = t.instance;
    auto r = [&](const char* id) { return *in.find_resource(id); };
    auto p = [&](const char* id) { return *in.find_product(id); };
    t.schedule.instance_name = "tiny";
    t.schedule.rows = {
        {r("M1"), p("P1"), 1, 0, 4},      // work 4, changeover to P2 [4,6)
        {r("M1"), p("P2"), 2, 6, 12},     // work 6, last changeover [12,14)
        {r("L1"), p("S1"), 1500, 4, 20},  // work 15, paused over [12,13); changeover [20,21)
        {r("L1"), p("S2"), 450, 21, 27},  // work 5, paused over [24,25); last changeover [27,28)
    };
    t.schedule.blocks = {
        {r("M1"), BlockKind::Maintenance, 20, 23},
        {r("M1"), BlockKind::Maintenance, 44, 47},  // due 20 + 24 = 44
        {r("L1"), BlockKind::SpareCapacity, 1, 3},
        {r("L1"), BlockKind::SpareCapacity, 30, 32},
    };
    return t;
}

TEST_CASE("kpi: per-resource hours of a hand-computed schedule") {
    const Tiny t = tiny();
    const auto kpis = resource_kpis(t.instance, t.schedule);
    REQUIRE(kpis.size() == 2);

    const ResourceKpi& m = kpis[static_cast<std::size_t>(*t.instance.find_resource("M1"))];
    CHECK(m.rows == 2);
    CHECK(m.production == 3);
    CHECK(m.lbs == doctest::Approx(3000));
    CHECK(m.work_hours == 10);
    CHECK(m.downtime_hours == doctest::Approx(4 * 0.5 + 6 * 0.25));
    CHECK(m.changeover_hours == 4);
    CHECK(m.maintenance_hours == 6);
    CHECK(m.spare_hours == 0);
    CHECK(m.outage_hours == 4);
    CHECK(m.shift_break_hours == 0);
    CHECK(m.row_clock_hours == 10);
    CHECK(m.changeover_clock_hours == 4);
    CHECK(m.idle_hours == 48 - (10 + 4 + 6 + 4));

    const ResourceKpi& l = kpis[static_cast<std::size_t>(*t.instance.find_resource("L1"))];
    CHECK(l.rows == 2);
    CHECK(l.production == 1950);
    CHECK(l.lbs == doctest::Approx(1500 / 2.0 + 450));
    CHECK(l.work_hours == 20);
    CHECK(l.downtime_hours == doctest::Approx(15 * 0.1 + 5 * 0.2));
    CHECK(l.changeover_hours == 2);
    CHECK(l.maintenance_hours == 0);
    CHECK(l.spare_hours == 4);
    CHECK(l.outage_hours == 0);
    CHECK(l.shift_break_hours == 4);
    CHECK(l.row_clock_hours == 16 + 6);
    CHECK(l.changeover_clock_hours == 2);
    // Free: [0,1) (a break), [3,4), [28,30), [32,48) less the break [36,37).
    CHECK(l.idle_hours == 0 + 1 + 2 + 15);

    // With no block over a break, the columns add up to the horizon.
    for (const ResourceKpi& k : kpis)
        CHECK(k.work_hours + k.changeover_hours + k.maintenance_hours + k.spare_hours + k.outage_hours +
                  k.shift_break_hours + k.idle_hours ==
              48);
}

TEST_CASE("kpi: paste made against paste needed, FIFO with max_hold scrapping") {
    const Tiny t = tiny();
    const auto kpis = paste_kpis(t.instance, t.schedule);
    REQUIRE(kpis.size() == 2);
    const PasteKpi& p1 = kpis[0];
    CHECK(t.instance.products[static_cast<std::size_t>(p1.paste)].id == "P1");
    CHECK(p1.batches == 1);
    CHECK(p1.made == doctest::Approx(1000));
    CHECK(p1.initial_stock == doctest::Approx(0));
    CHECK(p1.consumed == doctest::Approx(750));
    CHECK(p1.demand == doctest::Approx(750));
    CHECK(p1.scrapped == doctest::Approx(0));
    CHECK(p1.shortfall == doctest::Approx(0));
    CHECK(p1.leftover == doctest::Approx(250));

    // P2: the initial 500 lbs are 21 h old when S2 starts at 21 (> max_hold 10):
    // scrapped; S2 takes 450 of the 2000 lbs made at 12.
    const PasteKpi& p2 = kpis[1];
    CHECK(p2.batches == 2);
    CHECK(p2.made == doctest::Approx(2000));
    CHECK(p2.initial_stock == doctest::Approx(500));
    CHECK(p2.consumed == doctest::Approx(450));
    CHECK(p2.demand == doctest::Approx(400));
    CHECK(p2.scrapped == doctest::Approx(500));
    CHECK(p2.shortfall == doctest::Approx(0));
    CHECK(p2.leftover == doctest::Approx(1550));
}

TEST_CASE("kpi: units packed against demand per SKU") {
    Tiny t = tiny();
    auto kpis = sku_kpis(t.instance, t.schedule);
    REQUIRE(kpis.size() == 2);
    CHECK(t.instance.products[static_cast<std::size_t>(kpis[0].sku)].id == "S1");
    CHECK(kpis[0].rows == 1);
    CHECK(kpis[0].produced == 1500);
    CHECK(kpis[0].demand == 1500);
    CHECK(kpis[0].unmet == 0);
    CHECK(kpis[0].over == 0);
    CHECK(kpis[0].last_end == 20);
    CHECK(kpis[0].due == 18);
    CHECK(kpis[0].lateness == 2);
    CHECK(kpis[1].produced == 450);
    CHECK(kpis[1].over == 50);
    CHECK(kpis[1].unmet == 0);
    CHECK(kpis[1].last_end == 27);
    CHECK(!kpis[1].due);
    CHECK(kpis[1].lateness == 0);

    SUBCASE("a SKU without rows: all unmet, its paste untouched") {
        t.schedule.rows.pop_back();  // S2's row
        kpis = sku_kpis(t.instance, t.schedule);
        CHECK(kpis[1].rows == 0);
        CHECK(kpis[1].produced == 0);
        CHECK(kpis[1].unmet == 400);
        CHECK(!kpis[1].last_end);
        const auto pastes = paste_kpis(t.instance, t.schedule);
        CHECK(pastes[1].consumed == doctest::Approx(0));
        CHECK(pastes[1].scrapped == doctest::Approx(0));  // scrapping happens only at a consumption
        CHECK(pastes[1].leftover == doctest::Approx(2500));
    }
}

TEST_CASE("kpi: a short stock is reported, not hidden") {
    Tiny t = tiny();
    t.schedule.rows[2].start = 0;  // S1 before P1 is made: 750 lbs short
    const auto pastes = paste_kpis(t.instance, t.schedule);
    CHECK(pastes[0].shortfall == doctest::Approx(750));
    CHECK(pastes[0].leftover == doctest::Approx(1000));
}

// Soft demand, S1 priced at 10 per unmet unit (the instance's price is 3);
// S1 packs 1200 of 1500, S2 450 of 400 (50 over).
Tiny tiny_soft_short(bool soft) {
    std::string text = kTinyInstance;
    text.replace(text.find("due: 18,"), 8, "due: 18, unmet_penalty: 10,");
    if (soft) text += "demand_soft: true\nunmet_penalty: 3\n";
    Tiny t = tiny();
    t.instance = parse_instance(text, "tiny.yaml");
    t.schedule.rows[2].amount = 1200;
    return t;
}

TEST_CASE("kpi: fill rate and unmet cost per SKU and in total") {
    const Tiny t = tiny_soft_short(true);
    const auto kpis = sku_kpis(t.instance, t.schedule);
    REQUIRE(kpis.size() == 2);
    CHECK(kpis[0].unmet == 300);
    CHECK(kpis[0].fill_rate == doctest::Approx(0.8));
    CHECK(kpis[0].unmet_cost == doctest::Approx(3000));  // the SKU's own price, not the instance's 3
    CHECK(kpis[1].unmet == 0);
    CHECK(kpis[1].over == 50);
    CHECK(kpis[1].fill_rate == 1);  // over-production fills no more than the demand
    CHECK(kpis[1].unmet_cost == 0);

    const DemandTotals totals = demand_totals(kpis);
    CHECK(totals.demand == 1900);
    CHECK(totals.packed == 1600);  // 1200 + 400, not + 450
    CHECK(totals.unmet == 300);
    CHECK(totals.fill_rate == doctest::Approx(1600.0 / 1900.0));
    CHECK(totals.unmet_cost == doctest::Approx(3000));
    CHECK(totals.short_skus == 1);
    // The same price the objective charges.
    CHECK(check_schedule(t.instance, t.schedule).objective.unmet_cost == doctest::Approx(totals.unmet_cost));

    SUBCASE("hard demand: the same fill rate, unmet units are a violation, not a cost") {
        const Tiny hard = tiny_soft_short(false);
        const auto hard_kpis = sku_kpis(hard.instance, hard.schedule);
        CHECK(hard_kpis[0].fill_rate == doctest::Approx(0.8));
        CHECK(hard_kpis[0].unmet_cost == 0);
        CHECK(demand_totals(hard_kpis).fill_rate == doctest::Approx(1600.0 / 1900.0));
    }
    SUBCASE("everything packed: fill rate exactly 1") {
        const Tiny full = tiny();
        const DemandTotals all = demand_totals(sku_kpis(full.instance, full.schedule));
        CHECK(all.fill_rate == 1);
        CHECK(all.unmet == 0);
        CHECK(all.short_skus == 0);
    }
}

TEST_CASE("kpi: the hand-computed schedule is feasible and its objective matches the KPIs") {
    const Tiny t = tiny();
    const CheckResult check = check_schedule(t.instance, t.schedule);
    std::string violations;
    for (const Violation& v : check.violations) violations += to_string(v) + "\n";
    INFO(violations);
    CHECK(check.feasible());
    const auto kpis = resource_kpis(t.instance, t.schedule);
    double downtime = 0;
    int changeover = 0;
    for (const ResourceKpi& k : kpis) {
        downtime += k.downtime_hours;
        changeover += k.changeover_hours;
    }
    CHECK(check.objective.downtime == doctest::Approx(downtime));
    CHECK(check.objective.changeover == doctest::Approx(changeover));
    CHECK(check.objective.total == doctest::Approx(6.0 + 6.0));
}

}  // namespace
}  // namespace makepack

TEST_CASE("kpi: gap to a lower bound, in percent of the objective, never negative") {
    CHECK(makepack::gap_percent(125, 100) == doctest::Approx(20));
    CHECK(makepack::gap_percent(100, 100) == 0);
    CHECK(makepack::gap_percent(90, 100) == 0);  // a plan below the bound shows no negative gap
    CHECK(makepack::gap_percent(0, 0) == 0);
}
