// Rule group 5: stated objective values (MODEL.md 8, 9.11), the text form of
// violations and the violation cap.
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// Tiny plant schedule: downtime 8.9, changeover 7, total 15.9, holding 38800 (weight 0).
Schedule stated(const Instance& in, std::optional<double> total, std::map<std::string, double> components) {
    Schedule s = tiny_plant_schedule(in);
    s.stated = StatedObjective{total, std::move(components)};
    return s;
}
}  // namespace

TEST_CASE("checker: stated objective values must match the recomputed ones") {
    const Instance in = tiny_plant();
    CHECK(check_schedule(in, stated(in, 15.9, {{"downtime", 8.9}, {"changeover", 7}})).feasible());
    CHECK(check_schedule(in, stated(in, 15.9, {{"holding", 38800}, {"lateness", 0}, {"changes", 0}})).feasible());
    CHECK(check_schedule(in, stated(in, 15.90005, {})).feasible());  // within 1e-4 absolute

    CHECK(rule_names(check_schedule(in, stated(in, 16.0, {}))) == "objective");
    CHECK(rule_names(check_schedule(in, stated(in, 15.9, {{"downtime", 9.0}}))) == "objective");
    CHECK(rule_names(check_schedule(in, stated(in, 15.9, {{"unmet", 1}}))) == "objective");
    CHECK(rule_names(check_schedule(in, stated(in, std::nullopt, {{"downtime", 8.9}}))) == "objective");
    // Not compared when asked not to.
    CHECK(check_schedule(in, stated(in, 16.0, {}), CheckOptions{false}).feasible());
}

TEST_CASE("checker: relative tolerance for large objective values") {
    // 1e6 units of demand on a slow line make a large downtime: 1e-6 relative applies.
    const Instance in = mini_plant(MiniPlant().with_objective("{downtime: 1, changeover: 1, holding: 1}"));
    // holding 22000 (500 lbs from 4 to 48), total 1.4 + 3 + 22000 = 22004.4
    Schedule s = mini_plant_schedule(in);
    s.stated = StatedObjective{22004.41, {}};  // off by 0.01 <= 1e-6 * 22004.4 = 0.022
    CHECK(check_schedule(in, s).feasible());
    s.stated = StatedObjective{22004.5, {}};  // off by 0.1
    CHECK(rule_names(check_schedule(in, s)) == "objective");
}

TEST_CASE("checker: violation text and the violation cap") {
    CHECK(to_string(Violation{"overlap", "L3", 120, 130, "row S5 overlaps maintenance [125,133)"}) ==
          "overlap L3 [120,130): row S5 overlaps maintenance [125,133)");
    CHECK(to_string(Violation{"storage", "", 12, 15, "too many"}) == "storage [12,15): too many");

    const Instance in = tiny_plant();
    Schedule s = tiny_plant_schedule(in);
    s.blocks.clear();  // missing maintenance on M1, four spare periods
    CheckResult all = check_schedule(in, s);
    CHECK(all.violations.size() == 5);
    CHECK(all.violation_count == 5);
    CheckOptions capped;
    capped.max_violations = 2;
    CheckResult some = check_schedule(in, s, capped);
    CHECK(some.violations.size() == 2);
    CHECK(some.violation_count == 5);
    CHECK_FALSE(some.feasible());
    capped.max_violations = 0;
    CHECK_FALSE(check_schedule(in, s, capped).feasible());
}
