// time_mixer_forward (heuristics/mixer_forward_timing.hpp): rows as early as
// they go, spare and maintenance blocks as late as their rules allow, outages
// stepped over. Times worked out by hand below.
#include "heuristics/mixer_forward_timing.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

// One mixer: spare 14 h per 168 h, maintenance 8 h every 336 h (first due at
// 336), outage [400, 420); changeover 6 h; P1 10 h per batch, P2 20 h.
Instance mixer_plant() {
    return make_instance(R"(name: forward
horizon: 672
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 10}, downtime: {M1: 0.1}}
  - {id: P2, batch_hours: {M1: 20}, downtime: {M1: 0.2}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}
  - {id: S2, paste: P2, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}
changeover: {mixers: 6, lines: 1}
calendar:
  mixers: {maintenance: {every: 336, duration: 8}, spare_capacity: {every: 168, duration: 14}}
  outages: [{resource: M1, start: 400, end: 420, reason: repair}]
)",
                         "forward");
}

// One mixer, spare 14 h per 168 h, maintenance 8 h every 336 h, changeover
// 6 h; P1 takes `batch_hours` per batch; `extra` is added to the mixers' calendar.
Instance one_mixer_plant(int batch_hours, int horizon, const std::string& extra) {
    return make_instance("name: forward2\nhorizon: " + std::to_string(horizon) + R"(
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: )" + std::to_string(batch_hours) + R"(}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}
changeover: {mixers: 6, lines: 1}
calendar:
  mixers: {maintenance: {every: 336, duration: 8}, spare_capacity: {every: 168, duration: 14}}
  )" + extra + "\n",
                         "forward2");
}

std::vector<Block> blocks(const Instance& in, std::vector<std::tuple<BlockKind, int, int>> list) {
    std::vector<Block> out;
    for (auto [kind, start, end] : list) out.push_back(Block{*in.find_resource("M1"), kind, start, end});
    return out;
}

}  // namespace

TEST_CASE("forward timing: rows as early as they go, blocks as late as allowed") {
    const Instance in = mixer_plant();
    const int p1 = *in.find_product("P1"), p2 = *in.find_product("P2");
    const std::vector<SequencedRow> sequence{{p1, 16}, {p2, 5}, {p1, 5}};
    TimedSequence timed;
    REQUIRE(time_mixer_forward(in, *in.find_resource("M1"), sequence, timed));
    // 160 h + 6 h changeover leave no room for week 0's spare after it: spare first.
    // Week 1's spare and the maintenance (due 336) go in right before the
    // third row, which would otherwise leave room for neither.
    CHECK(timed.starts == std::vector<int>{14, 180, 308});
    CHECK(timed.ends == std::vector<int>{174, 280, 358});
    using enum BlockKind;
    CHECK(timed.blocks == blocks(in, {{SpareCapacity, 0, 14},
                                      {SpareCapacity, 286, 300},
                                      {Maintenance, 300, 308},
                                      {SpareCapacity, 364, 378},
                                      {SpareCapacity, 504, 518},
                                      {Maintenance, 636, 644}}));
    CHECK(timed.cost == doctest::Approx(160 * 0.1 + 100 * 0.2 + 50 * 0.1 + 3 * 6));
}

TEST_CASE("forward timing: a row that would overlap an outage starts after it") {
    const Instance in = mixer_plant();
    const int p1 = *in.find_product("P1"), p2 = *in.find_product("P2");
    const std::vector<SequencedRow> sequence{{p1, 16}, {p2, 5}, {p1, 5}, {p2, 3}};
    TimedSequence timed;
    REQUIRE(time_mixer_forward(in, *in.find_resource("M1"), sequence, timed));
    CHECK(timed.starts.back() == 420);  // [364, 430) would overlap [400, 420)
    CHECK(timed.ends.back() == 480);
    using enum BlockKind;
    CHECK(timed.blocks == blocks(in, {{SpareCapacity, 0, 14},
                                      {SpareCapacity, 286, 300},
                                      {Maintenance, 300, 308},
                                      {SpareCapacity, 486, 500},
                                      {SpareCapacity, 504, 518},
                                      {Maintenance, 636, 644}}));
}

TEST_CASE("forward timing: what cannot fit is refused") {
    const Instance in = mixer_plant();
    const int m1 = *in.find_resource("M1"), p2 = *in.find_product("P2");
    TimedSequence timed;
    // 380 h in one row spans a whole week, whose spare block would have to be inside it.
    CHECK_FALSE(time_mixer_forward(in, m1, std::vector<SequencedRow>{{p2, 19}}, timed));
    // 35 rows of 20 h with their changeovers need more than the horizon.
    CHECK_FALSE(time_mixer_forward(in, m1, std::vector<SequencedRow>(35, SequencedRow{p2, 1}), timed));
    // An empty mixer still gets its blocks: the maintenance due at 336 right
    // before week 2's spare, the next one (due 664) at 664.
    REQUIRE(time_mixer_forward(in, m1, std::vector<SequencedRow>{}, timed));
    using enum BlockKind;
    CHECK(timed.blocks == blocks(in, {{SpareCapacity, 0, 14},
                                      {SpareCapacity, 168, 182},
                                      {Maintenance, 328, 336},
                                      {SpareCapacity, 336, 350},
                                      {SpareCapacity, 504, 518},
                                      {Maintenance, 664, 672}}));
}

TEST_CASE("forward timing: a maintenance due just before a period the next row must wait for goes in right away") {
    // First maintenance due at 166; P1 11 h per batch.
    const Instance in = one_mixer_plant(11, 504, "M1: {maintenance: {since_last: 170}}");
    const int p1 = *in.find_product("P1");
    TimedSequence timed;
    REQUIRE(time_mixer_forward(in, *in.find_resource("M1"), std::vector<SequencedRow>{{p1, 13}, {p1, 18}}, timed));
    // Row 1 (143 + 6 h) after week 0's spare: [14, 157), free at 163. Row 2
    // (198 + 6 h) from 163 would leave week 1 no room for its spare, so it waits
    // for week 1 -- but the maintenance due at 166 comes first, at 163, then the
    // spare [171, 185), then the row. (It used to be put at 160, before the
    // mixer was free, and the timing failed.)
    CHECK(timed.starts == std::vector<int>{14, 185});
    CHECK(timed.ends == std::vector<int>{157, 383});
    using enum BlockKind;
    CHECK(timed.blocks == blocks(in, {{SpareCapacity, 0, 14},
                                      {Maintenance, 163, 171},
                                      {SpareCapacity, 171, 185},
                                      {SpareCapacity, 389, 403},
                                      {Maintenance, 496, 504}}));
}

TEST_CASE("forward timing: a row that would leave a later period no room for its spare and a maintenance due in it waits") {
    // Maintenance due at 320; P1 10 h per batch.
    const Instance in = one_mixer_plant(10, 672, "M1: {maintenance: {since_last: 16}}");
    const int p1 = *in.find_product("P1");
    TimedSequence timed;
    REQUIRE(time_mixer_forward(in, *in.find_resource("M1"), std::vector<SequencedRow>{{p1, 13}, {p1, 16}}, timed));
    // Row 1 [0, 130) + 6; row 2 (160 + 6 h) after week 0's spare [136, 150)
    // would be free at 316, and week 1 would then need the maintenance (due
    // 320) and its spare in [316, 336): 22 h in 20. So row 2 waits for week 1:
    // spare, maintenance (still due), then [190, 350).
    CHECK(timed.starts == std::vector<int>{0, 190});
    CHECK(timed.ends == std::vector<int>{130, 350});
    using enum BlockKind;
    CHECK(timed.blocks == blocks(in, {{SpareCapacity, 136, 150},
                                      {SpareCapacity, 168, 182},
                                      {Maintenance, 182, 190},
                                      {SpareCapacity, 356, 370},
                                      {SpareCapacity, 504, 518},
                                      {Maintenance, 518, 526}}));
}

TEST_CASE("forward timing: a maintenance due inside an outage goes before the outage") {
    // No spare blocks; maintenance every 200 h, first due at 200; outage [190, 210); P1 10 h per batch.
    const Instance in = one_mixer_plant(
        10, 500, "M1: {spare_capacity: null, maintenance: {every: 200}}\n  outages: [{resource: M1, start: 190, end: 210, reason: repair}]");
    const int p1 = *in.find_product("P1");
    TimedSequence timed;
    REQUIRE(time_mixer_forward(in, *in.find_resource("M1"), std::vector<SequencedRow>{{p1, 18}, {p1, 2}}, timed));
    // The maintenance due at 200 cannot overlap the outage: it is due at 182.
    // Row 1 (180 + 6 h) does not fit before it, nor after it and before the
    // outage: maintenance [182, 190), and row 1 after the outage -- after the
    // next maintenance, since row 1 would end past its due time 382: [210, 218),
    // row 1 [218, 398). Row 2 would end past 410: maintenance [404, 412) first.
    // (The outage used to be ignored there: row 1 went first, and the
    // maintenance had nowhere to go.)
    CHECK(timed.starts == std::vector<int>{218, 412});
    CHECK(timed.ends == std::vector<int>{398, 432});
    using enum BlockKind;
    CHECK(timed.blocks == blocks(in, {{Maintenance, 182, 190}, {Maintenance, 210, 218}, {Maintenance, 404, 412}}));
}
