// Rolling review (MODEL.md 6): fixed items unchanged, nothing else before frozen_until.
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
const char* kFixedMixerRow = "fixed: {rows: [{resource: M1, product: P1, batches: 1, start: 0, end: 4}]}\n";
}

TEST_CASE("checker: fixed rows must appear unchanged") {
    const Instance in = mini_plant(MiniPlant().with_top(std::string("frozen_until: 4\n") + kFixedMixerRow));
    Schedule s = mini_plant_schedule(in);  // M1 P1 [0,4) as fixed; S1 at 4 >= frozen_until
    CHECK(check_schedule(in, s).feasible());

    // Moved by an hour: the fixed row is missing and the moved one starts
    // before frozen_until. (S1 follows to 5: [5,12) + break + [13,16).)
    s.rows = {make_row(in, "M1", "P1", 1, 1, 5), make_row(in, "L1", "S1", 1000, 5, 16)};
    CHECK(rule_names(check_schedule(in, s)) == "fixed,frozen");

    // Same start, other amount: changed too (2 batches, [0,8); S1 at 8 ends 19).
    s.rows = {make_row(in, "M1", "P1", 2, 0, 8), make_row(in, "L1", "S1", 1000, 8, 19)};
    CHECK(rule_names(check_schedule(in, s)) == "fixed,frozen");
}

TEST_CASE("checker: rows that are not fixed start at or after frozen_until") {
    const Instance in = mini_plant(MiniPlant().with_top(std::string("frozen_until: 6\n") + kFixedMixerRow));
    Schedule s = mini_plant_schedule(in);  // S1 at 4 < 6
    CHECK(rule_names(check_schedule(in, s)) == "frozen");
    s.rows[1] = make_row(in, "L1", "S1", 1000, 6, 17);  // [6,12) + break + [13,17)
    CHECK(check_schedule(in, s).feasible());
}

TEST_CASE("checker: fixed blocks must appear unchanged, other blocks not before frozen_until") {
    // Maintenance due_1 = 30; the fixed one at 6 resets due to 46: a second
    // one must start by 44.
    const Instance in = mini_plant(
        MiniPlant()
            .with_calendar("{mixers: {maintenance: {every: 40, duration: 4, since_last: 10}}, "
                           "lines: {shift_break: {every: 12, duration: 1, offset: 0}}}")
            .with_top("frozen_until: 8\n"
                      "fixed:\n"
                      "  rows: [{resource: M1, product: P1, batches: 1, start: 0, end: 4},\n"
                      "         {resource: L1, product: S1, quantity: 1000, start: 4, end: 15}]\n"
                      "  blocks: [{resource: M1, kind: maintenance, start: 6, end: 10}]\n"));
    Schedule s = mini_plant_schedule(in);
    s.blocks = {make_block(in, "M1", BlockKind::Maintenance, 6, 10), make_block(in, "M1", BlockKind::Maintenance, 40, 44)};
    CheckResult r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());

    s.blocks[0] = make_block(in, "M1", BlockKind::Maintenance, 7, 11);  // moved, and before 8
    CHECK(rule_names(check_schedule(in, s)) == "fixed,frozen");
    s.blocks[0] = make_block(in, "M1", BlockKind::Maintenance, 8, 12);  // moved, at frozen_until
    CHECK(rule_names(check_schedule(in, s)) == "fixed");
}
