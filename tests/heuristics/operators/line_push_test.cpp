// insert_pushing (heuristics/operators/line_push.hpp): a row goes into a full
// line by moving the rows in its way, later first, and only earlier (pulling
// the rows before it) when the horizon stops that.
#include "heuristics/operators/line_push.hpp"
#include "heuristics/search_state.hpp"
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

// One mixer, one line (10 units/h), no calendar; 1 h changeover everywhere.
// The paste is made at [0, 5), so every line row from 5 on has it.
Instance line_plant(int horizon) {
    return make_instance("name: push\nhorizon: " + std::to_string(horizon) + R"(
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 10}]
pastes:
  - {id: P1, batch_hours: {M1: 5}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}
  - {id: S3, paste: P1, units_per_lb: 1, demand: 50, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)", "push");
}

// S1 at [10, 20), S2 at [21, 31); S3 is missing (the demand rule says so until it is inserted).
Schedule two_rows(const Instance& in) {
    Schedule s;
    s.instance_name = in.name;
    const int m1 = *in.find_resource("M1"), l1 = *in.find_resource("L1");
    s.rows = {Row{m1, *in.find_product("P1"), 1, 0, 5}, Row{l1, *in.find_product("S1"), 100, 10, 20},
              Row{l1, *in.find_product("S2"), 100, 21, 31}};
    return s;
}

// The plant above with the two rows; S3 goes right before S2 (rows from 21 on).
struct LinePlan {
    explicit LinePlan(int horizon)
        : in(line_plant(horizon)), context(in), state(context, PlantTimeline::from_schedule(in, two_rows(in))) {}
    bool insert_s3(std::int64_t units) {
        return ops::insert_pushing(state, *in.find_resource("L1"), *in.find_product("S3"), units, 21, 10);
    }
    // The line's rows as (product id, start), in time order.
    std::vector<std::pair<std::string, int>> line_rows() const {
        std::vector<std::pair<std::string, int>> out;
        for (const Row& row : state.timeline().rows_on(*in.find_resource("L1")))
            out.emplace_back(in.products[row.product].id, row.start);
        return out;
    }
    bool feasible() { return state.revalidate() && check_schedule(in, state.to_schedule(), CheckOptions{false}).feasible(); }

    Instance in;
    RuleContext context;
    SearchState state;
};

using Rows = std::vector<std::pair<std::string, int>>;

}  // namespace

TEST_CASE("line push: the rows in the way move later, none earlier") {
    // S3 (5 h) right before S2: it takes S2's place after S1's changeover, S2 moves on.
    LinePlan plan(100);
    REQUIRE(plan.insert_s3(50));
    CHECK(plan.line_rows() == Rows{{"S1", 10}, {"S3", 21}, {"S2", 27}});
    CHECK(plan.feasible());
}

TEST_CASE("line push: at the horizon the rows before are pulled earlier instead") {
    // Horizon 36: S2 pushed to [27, 37) would end after it. So S2 is packed
    // last ([25, 35), its changeover to 36), S3 right before it ([19, 24)),
    // and S1, in the way, is pulled earlier to [8, 18).
    LinePlan plan(36);
    REQUIRE(plan.insert_s3(50));
    CHECK(plan.line_rows() == Rows{{"S1", 8}, {"S3", 19}, {"S2", 25}});
    CHECK(plan.feasible());
}

TEST_CASE("line push: no room on the line at all is reported, not forced") {
    // Horizon 32 (S2 and its changeover end there): 10 h of S3 and S1, S2 with
    // their changeovers need 33 hours.
    LinePlan plan(32);
    CHECK_FALSE(plan.insert_s3(100));
}
