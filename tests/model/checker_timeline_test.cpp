// Rule group 1 (one resource's timeline): eligibility, amount, stated ends,
// shift-break pauses, changeovers, overlap, horizon, listed derived blocks.
// Expected values are worked out by hand in the comments.
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
CheckResult check(const Instance& in, const Schedule& s, CheckOptions options = {}) {
    return check_schedule(in, s, options);
}
void replace_row(const Instance& in, Schedule& s, const std::string& resource, const std::string& product, Row row) {
    for (Row& r : s.rows)
        if (r.resource == *in.find_resource(resource) && r.product == *in.find_product(product)) {
            r = row;
            return;
        }
    FAIL("no such row");
}
void replace_block(Schedule& s, const Block& old_block, const Block& new_block) {
    for (Block& b : s.blocks)
        if (b == old_block) {
            b = new_block;
            return;
        }
    FAIL("no such block");
}
}  // namespace

TEST_CASE("checker: the fixture schedules are feasible, with hand-computed objectives") {
    const Instance tiny = tiny_plant();
    const CheckResult r = check(tiny, tiny_plant_schedule(tiny));
    INFO(violations_text(r));
    CHECK(r.feasible());
    // downtime: M1 P1 4*0.1 + M1 P2 5*0.3 + L1 S1 10*0.1 + L1 S2 4*0.5 + L2 S3 16*0.25
    //         = 0.4 + 1.5 + 1.0 + 2.0 + 4.0 = 8.9
    CHECK(r.objective.downtime == doctest::Approx(8.9));
    // changeover: M1 2 + 2, L1 1 + 1, L2 1 (the last row of each resource included)
    CHECK(r.objective.changeover == doctest::Approx(7));
    CHECK(r.objective.total == doctest::Approx(15.9));
    // P1: 1000 lbs at 4; S1 takes 500 at 4, S2 takes 400 at 16; 100 left:
    //     0 + 400*12 + 100*(48-4) = 9200. P2: 1000 at 11; S3 takes 200 at 11;
    //     800*(48-11) = 29600.
    CHECK(r.objective.holding == doctest::Approx(38800));
    CHECK(r.leftover_lbs == doctest::Approx(900));
    CHECK(r.scrap_lbs == 0);

    const Instance mini = mini_plant();
    const CheckResult m = check(mini, mini_plant_schedule(mini));
    INFO(violations_text(m));
    CHECK(m.feasible());
}

TEST_CASE("checker: eligibility of rows") {
    const Instance in = tiny_plant();
    // Rows that are not well formed are left out of the other rules, so only
    // the eligibility rule fires.
    for (const Row& bad : {make_row(in, "L1", "S3", 800, 30, 40),   // S3 has no downtime entry for L1
                           make_row(in, "M2", "P2", 1, 30, 35),     // P2 has no batch_hours for M2
                           make_row(in, "M1", "S1", 1, 30, 31),     // a SKU on a mixer
                           make_row(in, "L1", "P1", 1, 30, 31)}) {  // a paste on a line
        Schedule s = tiny_plant_schedule(in);
        s.rows.push_back(bad);
        const CheckResult r = check(in, s);
        INFO(violations_text(r));
        CHECK(rule_names(r) == "eligibility");
    }
    // P1 on M2 is eligible: 2 batches * 3 h = [30,36) is accepted (the extra
    // 1000 lbs are simply left over).
    Schedule s = tiny_plant_schedule(in);
    s.rows.push_back(make_row(in, "M2", "P1", 2, 30, 36));
    const CheckResult r = check(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
}

TEST_CASE("checker: amount must be at least 1") {
    const Instance in = tiny_plant();
    Schedule s = tiny_plant_schedule(in);
    s.rows.push_back(make_row(in, "L1", "S1", 0, 40, 40));
    CHECK(rule_names(check(in, s)) == "amount");
}

TEST_CASE("checker: stated row end must equal the derived end") {
    const Instance in = tiny_plant();
    Schedule s = tiny_plant_schedule(in);
    // S1 x1000 on L1 from 4: 10 h of work, paused over the break [12,13): ends at 15, not 16.
    replace_row(in, s, "L1", "S1", make_row(in, "L1", "S1", 1000, 4, 16));
    CHECK(rule_names(check(in, s)) == "row-end");
    // Without comparing stated values, the derived end is used and the plan is fine.
    CHECK(check(in, s, CheckOptions{false}).feasible());
}

TEST_CASE("checker: a row may start inside a shift break - everything ends by the horizon") {
    const Instance in = mini_plant();
    Schedule s = mini_plant_schedule(in);
    // Breaks at [36,37): a row started at 36 works [37,47) and ends at 47, its
    // changeover [47,48) ends exactly at the horizon.
    replace_row(in, s, "L1", "S1", make_row(in, "L1", "S1", 1000, 36, 47));
    CHECK(check(in, s).feasible());
    replace_row(in, s, "L1", "S1", make_row(in, "L1", "S1", 1000, 37, 47));
    CHECK(check(in, s).feasible());
    // From 38 the row ends at 48 (allowed) but the last changeover [48,49) does not fit.
    replace_row(in, s, "L1", "S1", make_row(in, "L1", "S1", 1000, 38, 48));
    const CheckResult r = check(in, s);
    INFO(violations_text(r));
    CHECK(rule_names(r) == "horizon");
}

TEST_CASE("checker: rows and blocks start at 0 or later and end by the horizon") {
    const Instance in = tiny_plant();
    Schedule s = tiny_plant_schedule(in);
    // M1 P1 from -1: [-1,3), changeover [3,5), lot at 3 (still before S1 at 4).
    replace_row(in, s, "M1", "P1", make_row(in, "M1", "P1", 1, -1, 3));
    CHECK(rule_names(check(in, s)) == "horizon");

    s = tiny_plant_schedule(in);
    // An extra maintenance [46,50) keeps the chain but ends after 48.
    s.blocks.push_back(make_block(in, "M1", BlockKind::Maintenance, 46, 50));
    CHECK(rule_names(check(in, s)) == "horizon");
}

TEST_CASE("checker: changeover after every row, default or directed matrix pair") {
    // Pair S1 -> S2 takes 3 h: after S1 ends at 15 the changeover is [15,18)
    // and S2 at 16 collides with it.
    const Instance pair = tiny_plant(TinyPlant().with_changeover("{mixers: 2, lines: {default: 1, pairs: [[S1, S2, 3]]}}"));
    Schedule s = tiny_plant_schedule(pair);
    const CheckResult r = check(pair, s);
    INFO(violations_text(r));
    CHECK(rule_names(r) == "changeover");
    // S2 at 18 (4 h, [18,22)), last changeover [22,23) before spare [30,32): fine.
    replace_row(pair, s, "L1", "S2", make_row(pair, "L1", "S2", 400, 18, 22));
    const CheckResult moved = check(pair, s);
    INFO(violations_text(moved));
    CHECK(moved.feasible());
    // changeover: M1 2 + 2, L1 3 + 1 (the last one uses the default), L2 1 = 9.
    CHECK(moved.objective.changeover == doctest::Approx(9));
    CHECK(moved.objective.total == doctest::Approx(8.9 + 9));

    // Pairs are directed: S2 -> S1 does not apply to S1 followed by S2.
    const Instance reverse = tiny_plant(TinyPlant().with_changeover("{mixers: 2, lines: {default: 1, pairs: [[S2, S1, 3]]}}"));
    const CheckResult base = check(reverse, tiny_plant_schedule(reverse));
    INFO(violations_text(base));
    CHECK(base.feasible());
    CHECK(base.objective.changeover == doctest::Approx(7));
}

TEST_CASE("checker: changeover pauses over shift breaks but counts nominal hours") {
    // Line changeover 2 h. S1 x1100 from 1 works [1,12) = 11 h and ends at 12;
    // its changeover starts in the break [12,13), works [13,15) and ends at 15.
    // Paste comes from initial stock (1000 lbs >= 550 + 50).
    const Instance co2 = make_instance(
        R"(name: co2
horizon: 48
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 4}, downtime: {M1: 0}, initial_stock: 1000}]
skus: [{id: S1, paste: P1, units_per_lb: 2, demand: 1100, downtime: {L1: 0}}]
changeover: {mixers: 2, lines: 2}
calendar: {lines: {shift_break: {every: 12, duration: 1, offset: 0}}}
)");
    Schedule s;
    s.rows = {make_row(co2, "L1", "S1", 1100, 1, 12), make_row(co2, "L1", "S1", 100, 15, 16)};
    CheckResult r = check(co2, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
    CHECK(r.objective.changeover == doctest::Approx(4));  // 2 + 2 nominal, not 3 + 2 of clock time
    s.rows[1] = make_row(co2, "L1", "S1", 100, 14, 15);   // inside the stretched changeover [12,15)
    r = check(co2, s);
    CHECK(rule_names(r) == "changeover");
}

TEST_CASE("checker: nothing overlaps on a resource (half-open intervals)") {
    const Instance in = tiny_plant();
    const Block l1_spare = make_block(in, "L1", BlockKind::SpareCapacity, 0, 2);
    Schedule s = tiny_plant_schedule(in);
    replace_block(s, l1_spare, make_block(in, "L1", BlockKind::SpareCapacity, 3, 5));  // S1 starts at 4
    CHECK(rule_names(check(in, s)) == "overlap");
    s = tiny_plant_schedule(in);
    replace_block(s, l1_spare, make_block(in, "L1", BlockKind::SpareCapacity, 2, 4));  // ends where S1 starts
    CHECK(check(in, s).feasible());

    // The outage L2 [30,34) is occupied too.
    const Block l2_spare = make_block(in, "L2", BlockKind::SpareCapacity, 34, 36);
    s = tiny_plant_schedule(in);
    replace_block(s, l2_spare, make_block(in, "L2", BlockKind::SpareCapacity, 33, 35));
    CHECK(rule_names(check(in, s)) == "overlap");

    // Maintenance on M1 [12,16) meets the changeover [11,13) after P2.
    const Block maintenance = make_block(in, "M1", BlockKind::Maintenance, 20, 24);
    s = tiny_plant_schedule(in);
    replace_block(s, maintenance, make_block(in, "M1", BlockKind::Maintenance, 12, 16));
    CHECK(rule_names(check(in, s)) == "changeover");
    s = tiny_plant_schedule(in);
    replace_block(s, maintenance, make_block(in, "M1", BlockKind::Maintenance, 13, 17));
    CHECK(check(in, s).feasible());

    // Two rows overlapping.
    s = tiny_plant_schedule(in);
    // S2 from 14: 4 h, no break in [14,18).
    replace_row(in, s, "L1", "S2", make_row(in, "L1", "S2", 400, 14, 18));
    const CheckResult r = check(in, s);
    INFO(violations_text(r));
    CHECK(rule_names(r) == "changeover,overlap");  // S2 meets S1 [4,15) and its changeover [15,16)
}

TEST_CASE("checker: listed derived blocks must match the derived ones") {
    const Instance in = tiny_plant();
    Schedule s = tiny_plant_schedule(in);
    s.blocks.push_back(make_block(in, "L1", BlockKind::Changeover, 15, 16));  // after S1
    s.blocks.push_back(make_block(in, "L1", BlockKind::Changeover, 20, 21));  // after the last row S2
    s.blocks.push_back(make_block(in, "M1", BlockKind::Changeover, 11, 13));
    s.blocks.push_back(make_block(in, "L1", BlockKind::ShiftBreak, 12, 13));
    s.blocks.push_back(make_block(in, "L2", BlockKind::ShiftBreak, 36, 37));
    s.blocks.push_back(make_block(in, "L2", BlockKind::Outage, 30, 34));
    const CheckResult ok = check(in, s);
    INFO(violations_text(ok));
    CHECK(ok.feasible());

    for (const Block& bad : {make_block(in, "L1", BlockKind::Changeover, 15, 17),
                             make_block(in, "L1", BlockKind::Changeover, 21, 22),
                             make_block(in, "L1", BlockKind::ShiftBreak, 12, 14),
                             make_block(in, "L1", BlockKind::ShiftBreak, 11, 12),
                             make_block(in, "M1", BlockKind::ShiftBreak, 12, 13),  // mixers have no breaks
                             make_block(in, "L2", BlockKind::Outage, 30, 33),
                             make_block(in, "L1", BlockKind::Outage, 30, 34)}) {
        Schedule t = tiny_plant_schedule(in);
        t.blocks.push_back(bad);
        const CheckResult r = check(in, t);
        INFO(to_string(bad.kind), " [", bad.start, ",", bad.end, ")");
        CHECK(rule_names(r) == "derived-block");
    }
}

TEST_CASE("checker: absurd rows and blocks are reported, not crashed on") {
    const Instance in = tiny_plant();
    Schedule s = tiny_plant_schedule(in);
    const int big = 2'000'000'000;
    s.rows.push_back(make_row(in, "L1", "S1", 4'000'000'000'000'000'000LL, 40, 41));  // work beyond any horizon
    s.rows.push_back(make_row(in, "M1", "P1", 1'000'000'000, 40, 41));
    s.rows.push_back(make_row(in, "L2", "S1", 1, big, big));
    s.rows.push_back(make_row(in, "L2", "S1", 1, -big, -big));
    s.rows.push_back(make_row(in, "L1", "S1", -5, 40, 41));
    s.rows.push_back(Row{-1, 0, 1, 0, 1});
    s.rows.push_back(Row{0, 99, 1, 0, 1});
    s.blocks.push_back(make_block(in, "M1", BlockKind::Maintenance, big, -big));
    s.blocks.push_back(make_block(in, "L1", BlockKind::SpareCapacity, -big, big));
    s.blocks.push_back(make_block(in, "L1", BlockKind::ShiftBreak, -big, big));
    s.blocks.push_back(Block{7, BlockKind::Maintenance, 0, 4});
    const CheckResult r = check_schedule(in, s);
    CHECK_FALSE(r.feasible());
    CHECK(rule_names(r) == "amount,changeover,derived-block,eligibility,horizon,maintenance,overlap,spare-capacity");
}
