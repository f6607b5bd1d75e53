// Rule group 1, calendar blocks: the maintenance chain (MODEL.md 3, 9.5) and
// spare capacity (MODEL.md 3, 9.4).
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// Mini plant with mixer maintenance every 40 h, 4 h long, since_last 10:
// due_1 = 30. M1 is busy [0,4) + changeover [4,6).
Instance maintained_mini() {
    return mini_plant(MiniPlant().with_calendar("{mixers: {maintenance: {every: 40, duration: 4, since_last: 10}}, "
                                   "lines: {shift_break: {every: 12, duration: 1, offset: 0}}}"));
}
CheckResult with_maintenance(const Instance& in, std::vector<std::pair<int, int>> blocks) {
    Schedule s = mini_plant_schedule(in);
    for (auto [start, end] : blocks) s.blocks.push_back(make_block(in, "M1", BlockKind::Maintenance, start, end));
    return check_schedule(in, s);
}
Schedule tiny_without(const Instance& in, const Block& removed) {
    Schedule s = tiny_plant_schedule(in);
    std::erase(s.blocks, removed);
    return s;
}
}  // namespace

TEST_CASE("checker: maintenance at its due time is accepted, one hour late is rejected") {
    const Instance in = maintained_mini();
    CHECK(with_maintenance(in, {{30, 34}}).feasible());  // due_1 = 30; due_2 = 70 >= 48
    CHECK(rule_names(with_maintenance(in, {{31, 35}})) == "maintenance");
    CHECK(rule_names(with_maintenance(in, {})) == "maintenance");          // due 30 < 48: required
    CHECK(rule_names(with_maintenance(in, {{20, 23}})) == "maintenance");  // 3 h instead of 4
    CHECK(rule_names(with_maintenance(in, {{20, 25}})) == "maintenance");  // 5 h instead of 4
}

TEST_CASE("checker: every maintenance resets the due time of the next one") {
    const Instance in = maintained_mini();
    // Early at 6: due_2 = 46 < 48, so a second one must start by min(46, 48 - 4) = 44.
    CHECK(rule_names(with_maintenance(in, {{6, 10}})) == "maintenance");
    CHECK(with_maintenance(in, {{6, 10}, {44, 48}}).feasible());
    CHECK(with_maintenance(in, {{6, 10}, {30, 34}}).feasible());  // 30 <= 46, then due 70
    // Starting at 45 meets due 46 but cannot end by the horizon.
    CHECK(rule_names(with_maintenance(in, {{6, 10}, {45, 49}})) == "horizon");
    // Extra maintenance is allowed while the chain holds: 20 <= 30, 26 <= 60.
    CHECK(with_maintenance(in, {{20, 24}, {26, 30}}).feasible());
    // Chain broken between two blocks: 6 -> due 46, next at 47 is late.
    CHECK(rule_names(with_maintenance(in, {{6, 10}, {47, 51}})) == "horizon,maintenance");
}

TEST_CASE("checker: maintenance on a resource without a maintenance calendar is rejected") {
    const Instance in = tiny_plant();  // M2: {maintenance: null}; lines have none
    for (const char* resource : {"M2", "L1"}) {
        Schedule s = tiny_plant_schedule(in);
        s.blocks.push_back(make_block(in, resource, BlockKind::Maintenance, 40, 44));
        CHECK(rule_names(check_schedule(in, s)) == "maintenance");
    }
}

TEST_CASE("checker: exactly one spare capacity block inside each full period") {
    const Instance in = tiny_plant();  // lines: 2 h per 24 h; periods [0,24) and [24,48)
    const Block first = make_block(in, "L1", BlockKind::SpareCapacity, 0, 2);
    const Block second = make_block(in, "L1", BlockKind::SpareCapacity, 30, 32);

    Schedule s = tiny_without(in, second);  // period [24,48) has none
    CHECK(rule_names(check_schedule(in, s)) == "spare-capacity");

    s = tiny_without(in, first);  // straddles 24: not inside a period, and [0,24) has none
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 23, 25));
    CheckResult r = check_schedule(in, s);
    CHECK(rule_names(r) == "spare-capacity");
    CHECK(r.violations.size() == 2);
    s = tiny_without(in, first);  // ends exactly at the period end
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 22, 24));
    CHECK(check_schedule(in, s).feasible());

    s = tiny_plant_schedule(in);  // two in [24,48)
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 40, 42));
    CHECK(rule_names(check_schedule(in, s)) == "spare-capacity");

    s = tiny_without(in, second);  // 3 h instead of 2
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 30, 33));
    CHECK(rule_names(check_schedule(in, s)) == "spare-capacity");

    s = tiny_plant_schedule(in);  // mixers have no spare capacity calendar
    s.blocks.push_back(make_block(in, "M2", BlockKind::SpareCapacity, 0, 2));
    CHECK(rule_names(check_schedule(in, s)) == "spare-capacity");
}

TEST_CASE("checker: no spare capacity outside the full periods") {
    // Every 20 h on a 48 h horizon: full periods [0,20) and [20,40); [40,48) is partial.
    const Instance in = mini_plant(MiniPlant().with_calendar("{lines: {shift_break: {every: 12, duration: 1, offset: 0}, "
                                                "spare_capacity: {every: 20, duration: 2}}}"));
    Schedule s = mini_plant_schedule(in);  // L1 busy [4,15) + changeover [15,16)
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 0, 2));
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 20, 22));
    CheckResult r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, 42, 44));
    CHECK(rule_names(check_schedule(in, s)) == "spare-capacity");
}
