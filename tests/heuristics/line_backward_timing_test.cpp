// time_line_backward (heuristics/line_backward_timing.hpp): rows as late as
// they go, paused by shift breaks, around the line's blocks. Worked out by hand.
#include "heuristics/line_backward_timing.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

// One line at 10 units/h, changeover 2 h, SKUs of 100, 50 and 300 units
// (10, 5 and 30 h); `calendar` is the line stage's calendar.
Instance one_line_plant(const std::string& calendar) {
    return make_instance(R"(name: backward
horizon: 100
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 10}]
pastes:
  - {id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 50, downtime: {L1: 0.1}}
  - {id: S3, paste: P1, units_per_lb: 1, demand: 300, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 2}
calendar:
  lines: )" + calendar + "\n",
                         "backward");
}

// Shift breaks [12k, 12k+1).
Instance line_plant() { return one_line_plant("{shift_break: {every: 12, duration: 1, offset: 0}}"); }

// No breaks; a 5 h spare block in each 50 h period.
Instance spare_line_plant() { return one_line_plant("{spare_capacity: {every: 50, duration: 5}}"); }

}  // namespace

TEST_CASE("backward timing: spare blocks go in as late as their period allows, when a row would leave no room") {
    const Instance in = spare_line_plant();
    const int l1 = *in.find_resource("L1");
    const int s1 = *in.find_product("S1"), s2 = *in.find_product("S2"), s3 = *in.find_product("S3");
    const std::vector<SequencedRow> sequence{{s3, 300}, {s1, 100}, {s2, 50}};
    TimedSequence timed;
    REQUIRE(time_line_backward(in, l1, sequence, std::vector<std::pair<int, int>>{}, true, timed));
    // S2 [93, 98) + 2, S1 [81, 91) + 2; S3 (30 + 2 h) would start at 49 and leave
    // period [50, 100) no room for its spare: the spare takes [76, 81), S3 [44, 74) + 2.
    // Period [0, 50)'s spare goes right before S3.
    CHECK(timed.starts == std::vector<int>{44, 81, 93});
    CHECK(timed.ends == std::vector<int>{74, 91, 98});
    const Block spare1{l1, BlockKind::SpareCapacity, 76, 81}, spare0{l1, BlockKind::SpareCapacity, 39, 44};
    CHECK(timed.blocks == std::vector<Block>{spare1, spare0});
    // Without placing them, the same rows pack to the horizon.
    REQUIRE(time_line_backward(in, l1, sequence, std::vector<std::pair<int, int>>{}, false, timed));
    CHECK(timed.starts == std::vector<int>{49, 81, 93});
    CHECK(timed.blocks.empty());
}

TEST_CASE("backward timing: rows as late as they go, over breaks, around a block") {
    const Instance in = line_plant();
    const int l1 = *in.find_resource("L1");
    const int s1 = *in.find_product("S1"), s2 = *in.find_product("S2"), s3 = *in.find_product("S3");
    const std::vector<SequencedRow> sequence{{s3, 300}, {s1, 100}, {s2, 50}};
    const std::vector<std::pair<int, int>> blocks{{50, 60}};
    TimedSequence timed;
    REQUIRE(time_line_backward(in, l1, sequence, blocks, false, timed));
    // S2: 5 h + 2 h changeover end at 100 over the break at 96: start 92, end 98.
    // S1: 10 + 2 h end at 92 over the break at 84: start 79, end 90.
    // S3: 30 + 2 h would start at 44 and cross the block [50, 60): it ends by 50 instead,
    // over the breaks at 24, 36 and 48: start 15, work ends 47, changeover [47, 50).
    CHECK(timed.starts == std::vector<int>{15, 79, 92});
    CHECK(timed.ends == std::vector<int>{47, 90, 98});
    CHECK(timed.cost == doctest::Approx(0.1 * (30 + 10 + 5) + 3 * 2));
}

TEST_CASE("backward timing: rows that do not fit after time 0 are refused") {
    const Instance in = line_plant();
    const int l1 = *in.find_resource("L1"), s3 = *in.find_product("S3");
    TimedSequence timed;
    const std::vector<std::pair<int, int>> none;
    // 4 x (30 h + 2 h) = 128 working hours > the 100 - 9 break hours of the horizon.
    CHECK_FALSE(time_line_backward(in, l1, std::vector<SequencedRow>(4, SequencedRow{s3, 300}), none, false, timed));
    CHECK(time_line_backward(in, l1, std::vector<SequencedRow>(2, SequencedRow{s3, 300}), none, false, timed));
}

TEST_CASE("backward timing: a fixed block where the spare would go counts as no room for it") {
    const Instance in = spare_line_plant();
    const int l1 = *in.find_resource("L1");
    const int s2 = *in.find_product("S2"), s3 = *in.find_product("S3");
    const std::vector<std::pair<int, int>> maintenance{{50, 58}};
    TimedSequence timed;
    REQUIRE(time_line_backward(in, l1, std::vector<SequencedRow>{{s3, 300}, {s2, 50}}, maintenance, true, timed));
    // S2 [93, 98) + 2. S3 (30 + 2 h) ending at 93 would start at 61, and period
    // [50, 100)'s spare would then have only [50, 61), where the block is: the
    // spare takes [88, 93), and S3, no longer fitting between the block and the
    // spare, goes before the block: [18, 48) + 2, period [0, 50)'s spare before it.
    CHECK(timed.starts == std::vector<int>{18, 93});
    CHECK(timed.ends == std::vector<int>{48, 98});
    const Block spare1{l1, BlockKind::SpareCapacity, 88, 93}, spare0{l1, BlockKind::SpareCapacity, 13, 18};
    CHECK(timed.blocks == std::vector<Block>{spare1, spare0});
}
