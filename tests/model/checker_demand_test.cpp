// Rule group 4: demand, due dates, lateness, unmet and overproduction (MODEL.md 5, 9.10, 9.12).
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// Mini plant schedule with S1 x`units` from 4 (units/100 h of work, break at 12).
Schedule mini_with_units(const Instance& in, long long units, int end) {
    Schedule s = mini_plant_schedule(in);
    s.rows[1] = make_row(in, "L1", "S1", units, 4, end);
    return s;
}
}  // namespace

TEST_CASE("checker: hard demand short is rejected") {
    const Instance in = mini_plant();
    // 900 units: 9 h, [4,12) + break + [13,14).
    const CheckResult r = check_schedule(in, mini_with_units(in, 900, 14));
    INFO(violations_text(r));
    CHECK(rule_names(r) == "demand");
    CHECK(r.objective.unmet == 0);
}

TEST_CASE("checker: soft demand short is accepted and costs unmet units") {
    const Instance in = mini_plant(MiniPlant().with_top("demand_soft: true\nunmet_penalty: 2\n"));
    const CheckResult r = check_schedule(in, mini_with_units(in, 900, 14));
    INFO(violations_text(r));
    CHECK(r.feasible());
    CHECK(r.objective.unmet == doctest::Approx(100));
    // downtime 4*0.1 + 9*0.1 = 1.3; changeover 2 + 1 = 3; unmet 100 * 2
    CHECK(r.objective.total == doctest::Approx(204.3));

    // objective.unmet overrides unmet_penalty (MODEL.md 9.10).
    const Instance weighted = mini_plant(MiniPlant().with_objective("{downtime: 1, changeover: 1, unmet: 5}").with_top("demand_soft: true\nunmet_penalty: 2\n"));
    CHECK(check_schedule(weighted, mini_with_units(weighted, 900, 14)).objective.total == doctest::Approx(504.3));

    // No rows at all: everything unmet, no lateness.
    Schedule empty;
    const Instance due = mini_plant(MiniPlant().with_sku(", due: 10").with_top("demand_soft: true\nunmet_penalty: 2\n"));
    const CheckResult none = check_schedule(due, empty);
    CHECK(none.feasible());
    CHECK(none.objective.unmet == doctest::Approx(1000));
    CHECK(none.objective.lateness == 0);
    CHECK(none.objective.total == doctest::Approx(2000));
}

TEST_CASE("checker: a hard due time binds every row of the SKU") {
    // S1 ends at 15.
    const Instance late = mini_plant(MiniPlant().with_sku(", due: 14, due_hard: true"));
    CHECK(rule_names(check_schedule(late, mini_plant_schedule(late))) == "due");
    const Instance on_time = mini_plant(MiniPlant().with_sku(", due: 15, due_hard: true"));
    CHECK(check_schedule(on_time, mini_plant_schedule(on_time)).feasible());

    // Instance-wide due_hard, and a SKU's own setting wins (MODEL.md 9.12).
    const Instance global = mini_plant(MiniPlant().with_sku(", due: 14").with_top("due_hard: true\n"));
    CHECK(rule_names(check_schedule(global, mini_plant_schedule(global))) == "due");
    const Instance overridden = mini_plant(MiniPlant().with_sku(", due: 14, due_hard: false").with_top("due_hard: true\n"));
    const CheckResult soft_due = check_schedule(overridden, mini_plant_schedule(overridden));
    CHECK(soft_due.feasible());
    CHECK(soft_due.objective.lateness == doctest::Approx(1));

    // Soft demand does not relax a hard due time.
    const Instance soft = mini_plant(MiniPlant().with_sku(", due: 14, due_hard: true").with_top("demand_soft: true\n"));
    CHECK(rule_names(check_schedule(soft, mini_plant_schedule(soft))) == "due");
}

TEST_CASE("checker: lateness is the end of the SKU's last row past its due time") {
    const Instance in = mini_plant(MiniPlant().with_sku(", due: 10").with_objective("{downtime: 1, changeover: 1, lateness: 2}"));
    CheckResult r = check_schedule(in, mini_plant_schedule(in));  // S1 ends at 15
    CHECK(r.feasible());
    CHECK(r.objective.lateness == doctest::Approx(5));
    // downtime 0.4 + 1.0; changeover 3; lateness 5 * 2
    CHECK(r.objective.total == doctest::Approx(14.4));

    // Two rows: [4,9) and [10,16) ([10,12) + break + [13,16)); the last ends at 16.
    Schedule s = mini_plant_schedule(in);
    s.rows[1] = make_row(in, "L1", "S1", 500, 4, 9);
    s.rows.push_back(make_row(in, "L1", "S1", 500, 10, 16));
    r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
    CHECK(r.objective.lateness == doctest::Approx(6));

    const Instance early = mini_plant(MiniPlant().with_sku(", due: 40"));
    CHECK(check_schedule(early, mini_plant_schedule(early)).objective.lateness == 0);
}

TEST_CASE("checker: overproduction counts units above demand") {
    const Instance in = mini_plant(MiniPlant().with_objective("{downtime: 1, changeover: 1, overproduction: 0.5}"));
    // 1100 units: 11 h, [4,12) + break + [13,16); 550 lbs of the 1000 made.
    const CheckResult r = check_schedule(in, mini_with_units(in, 1100, 16));
    INFO(violations_text(r));
    CHECK(r.feasible());
    CHECK(r.objective.overproduction == doctest::Approx(100));
    // downtime 0.4 + 11*0.1 = 1.5; changeover 3; overproduction 100 * 0.5
    CHECK(r.objective.total == doctest::Approx(54.5));
}
