// The lower bound under soft demand (docs/bound.md): unmet units priced per
// SKU, min_fill's required units never unmet, and the capacity LP's shares
// capped at what one resource can make. Hand-computed on the mini plant:
//   M1 (1000 lbs/batch) P1 4 h/batch downtime 0.1, changeover 2;
//   L1 (100 units/h) S1 1000 units, 2 units/lb, downtime 0.1, changeover 1.
#include "model/bound/capacity_lp.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
Instance soft_mini(const std::string& sku_extra) {
    return mini_plant(MiniPlant().with_sku(sku_extra).with_top("demand_soft: true\nunmet_penalty: 1\n"));
}
double objective(const Instance& in, const Schedule& s) {
    const CheckResult c = check_schedule(in, s);
    INFO(violations_text(c));
    REQUIRE(c.feasible());
    return c.objective.total;
}
}  // namespace

TEST_CASE("unmet bound: a SKU priced below its production cost is left unmet") {
    // S1's own price 0.001: all unmet costs 1.0; making it costs 2.0 (line)
    // + 2.2 (paste, fractional batch). The instance's price 1 would give 4.2,
    // above the empty plan's 1.0.
    const Instance in = soft_mini(", unmet_penalty: 0.001");
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.bound == doctest::Approx(1.0));
    Schedule none;
    none.instance_name = in.name;
    CHECK(b.bound <= objective(in, none) + 1e-9);
    CHECK(b.bound <= objective(in, mini_plant_schedule(in)) + 1e-9);
}

TEST_CASE("unmet bound: min_fill's share must be made") {
    // min_fill 0.5: 500 units must be packed (line >= 1 changeover + 500 * 0.001
    // downtime, the other 500 at min(0.001 unmet, 0.001 downtime) each = 2.0)
    // from 250 lbs of paste (one batch: 0.4 + 2 = 2.4). The plan below makes
    // exactly that: 4.4, so the bound is optimal.
    const Instance in = soft_mini(", unmet_penalty: 0.001, min_fill: 0.5");
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.mixers.trivial == doctest::Approx(2.4));
    CHECK(b.lines.trivial == doctest::Approx(2.0));
    CHECK(b.bound == doctest::Approx(4.4));
    Schedule half;
    half.instance_name = in.name;
    half.rows = {make_row(in, "M1", "P1", 1, 0, 4), make_row(in, "L1", "S1", 500, 4, 9)};
    CHECK(objective(in, half) == doctest::Approx(4.4));
    // Lateness: the 500 required units end at 5 at the earliest (break [0,1)... the
    // lines' first working hours), so a due time of 2 is missed even under soft demand.
    const Instance due = mini_plant(MiniPlant()
                                        .with_sku(", unmet_penalty: 0.001, min_fill: 0.5, due: 2")
                                        .with_objective("{downtime: 1, changeover: 1, lateness: 1}")
                                        .with_top("demand_soft: true\nunmet_penalty: 1\n"));
    CHECK(compute_lower_bound(due).lateness > 0);
}

TEST_CASE("unmet bound: min_fill that cannot fit is proven infeasible") {
    // 4000 of 5000 units required on one line of 100 units/h in 20 hours.
    const Instance in = make_instance(R"(name: tight
horizon: 20
demand_soft: true
unmet_penalty: 1
mixers: [{id: M1, batch_size: 100000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 2}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 5000, min_fill: 0.8, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)");
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.infeasible);
    CHECK(b.reason.find("min_fill") != std::string::npos);
    // Without min_fill it is a plan like any other: making nothing costs 5000.
    const Instance free = make_instance(R"(name: free
horizon: 20
demand_soft: true
unmet_penalty: 1
mixers: [{id: M1, batch_size: 100000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 2}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 5000, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)");
    const LowerBound fb = compute_lower_bound(free);
    CHECK_FALSE(fb.infeasible);
    CHECK(fb.bound <= 5000);
}

TEST_CASE("unmet bound: a resource makes at most whole rows in its hours") {
    const Instance in = mini_plant();
    const int p1 = *in.find_product("P1"), s1 = *in.find_product("S1");
    const int m1 = *in.find_resource("M1"), l1 = *in.find_resource("L1");
    // 30 h - changeover 2 = 28 h: 7 batches of 4 h (+ the paste tolerance).
    CHECK(max_amount(in, p1, m1, 30) == doctest::Approx(7000).epsilon(1e-5));
    CHECK(max_amount(in, p1, m1, 5) == 0);  // 3 h: not one batch
    // 30 h - changeover 1 = 29 whole hours of 100 units.
    CHECK(max_amount(in, s1, l1, 30) == doctest::Approx(2900));
    CHECK(max_amount(in, s1, l1, 1.5) == 0);
}

TEST_CASE("unmet bound: cheapest cover fills the cheapest shares first") {
    CHECK(cheapest_cover({{3, 0.5}, {1, 0.25}, {2}}) == doctest::Approx(0.25 * 1 + 0.75 * 2));
    CHECK(cheapest_cover({{-1, 0.4}, {5}}) == doctest::Approx(-0.4 + 0.6 * 5));
    CHECK(std::isinf(cheapest_cover({{1, 0.3}, {2, 0.3}})));
}
