// Rule group 2: FIFO paste lots, max_hold scrapping and holding (MODEL.md 4, 9.6-9.8).
#include "model/checker.hpp"
#include "model/rules/material_flow.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

TEST_CASE("checker: paste made at t is usable at t, not one hour before") {
    const Instance in = mini_plant();
    Schedule s = mini_plant_schedule(in);  // M1 P1 [0,4) makes 1000 lbs at 4; S1 starts at 4
    CHECK(check_schedule(in, s).feasible());
    // S1 from 3: [3,12) + break + [13,14); it needs 500 lbs at 3, none made yet.
    s.rows[1] = make_row(in, "L1", "S1", 1000, 3, 14);
    const CheckResult r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(rule_names(r) == "material");
}

TEST_CASE("checker: consumption takes the oldest lots first and needs enough in stock") {
    const Instance in = mini_plant();
    Schedule s = mini_plant_schedule(in);
    // 1000 lbs at 4. S1 x1000 takes 500 at 4, S1 x1200 takes 600 at 16: 100 short.
    // (S1 x1200: [16,24) + break + [25,29); changeover [29,30).)
    s.rows.push_back(make_row(in, "L1", "S1", 1200, 16, 29));
    CHECK(rule_names(check_schedule(in, s)) == "material");
    // A second batch [6,10) covers it.
    s.rows.push_back(make_row(in, "M1", "P1", 1, 6, 10));
    CHECK(check_schedule(in, s).feasible());
}

TEST_CASE("checker: max_hold - age equal to max_hold is usable, one more is scrapped") {
    const Instance in = mini_plant(MiniPlant().with_paste(", max_hold: 10"));
    Schedule s;
    s.rows = {make_row(in, "M1", "P1", 1, 0, 4),        // 1000 lbs at 4
              make_row(in, "L1", "S1", 500, 4, 9),      // 250 lbs at 4, changeover [9,10)
              make_row(in, "L1", "S1", 500, 14, 19)};   // 250 lbs at 14: age 10
    CheckResult r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
    CHECK(r.scrap_lbs == 0);
    // holding: 250*0 + 250*(14-4) + 500 left * (48-4) = 2500 + 22000
    CHECK(r.objective.holding == doctest::Approx(24500));
    CHECK(r.leftover_lbs == doctest::Approx(500));

    s.rows[2] = make_row(in, "L1", "S1", 500, 15, 20);  // age 11: the lot is scrapped, nothing left
    r = check_schedule(in, s);
    CHECK(rule_names(r) == "material");
    CHECK(r.scrap_lbs == doctest::Approx(750));
}

TEST_CASE("checker: holding lb-hours, scrap and leftover on a hand-computed example") {
    // 300 lbs initial stock at 0, max_hold 10.
    const Instance in = mini_plant(MiniPlant().with_paste(", initial_stock: 300, max_hold: 10"));
    Schedule s;
    s.rows = {make_row(in, "M1", "P1", 1, 6, 10),       // lot 1000 lbs at 10, changeover [10,12)
              make_row(in, "L1", "S1", 500, 2, 7),      // 250 lbs at 2 from the initial lot (age 2)
              make_row(in, "L1", "S1", 500, 12, 18)};   // starts in the break [12,13), works [13,18)
    // At 12 the initial lot (50 lbs left) is 12 h old > 10: scrapped; 250 lbs
    // come from the lot made at 10 (age 2); 750 lbs stay until 48.
    // holding = 250*2 (initial, consumed at 2) + 50*12 (initial, scrapped at 12)
    //         + 250*2 (lot@10, consumed at 12) + 750*38 (lot@10, to the horizon)
    //         = 500 + 600 + 500 + 28500 = 30100
    const CheckResult r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
    CHECK(r.objective.holding == doctest::Approx(30100));
    CHECK(r.scrap_lbs == doctest::Approx(50));
    CHECK(r.leftover_lbs == doctest::Approx(750));
}

TEST_CASE("checker: holding enters the total with its weight") {
    const Instance in = mini_plant(MiniPlant().with_objective("{downtime: 1, changeover: 1, holding: 0.001}"));
    const CheckResult r = check_schedule(in, mini_plant_schedule(in));
    // 500 lbs consumed at 4 (0 h) and 500 left from 4 to 48: 22000 lb-h.
    // downtime 4*0.1 + 10*0.1 = 1.4; changeover 2 + 1 = 3; total 1.4 + 3 + 22 = 26.4
    CHECK(r.objective.holding == doctest::Approx(22000));
    CHECK(r.objective.total == doctest::Approx(26.4));
}

TEST_CASE("checker: lbs tolerance absorbs floating noise only") {
    // 1/3 lbs per unit: 3 rows of 1000 units take 3 * 333.33.. = 1000 lbs of a 1000 lbs lot.
    const Instance in = make_instance(R"(name: thirds
horizon: 48
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 1000}]
pastes: [{id: P1, batch_hours: {M1: 1}, downtime: {M1: 0}}]
skus: [{id: S1, paste: P1, units_per_lb: 3, demand: 3000, downtime: {L1: 0}}]
changeover: {mixers: 0, lines: 0}
)");
    Schedule s;
    s.rows = {make_row(in, "M1", "P1", 1, 0, 1), make_row(in, "L1", "S1", 1000, 1, 2),
              make_row(in, "L1", "S1", 1000, 2, 3), make_row(in, "L1", "S1", 1000, 3, 4)};
    CHECK(check_schedule(in, s).feasible());
    s.rows.push_back(make_row(in, "L1", "S1", 1, 4, 5));  // 1/3 lbs more than there is
    CHECK(rule_names(check_schedule(in, s)) == "material");
}
