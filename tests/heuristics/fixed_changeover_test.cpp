// A fixed row (MODEL.md 6) whose changeover to a short-changeover successor
// just fits before an outage: the default changeover after it would run into
// the outage, so the start plans must give it a successor. Found by the sweep
// of bench/sweep/ on a `review --write-instance` file: every start plan said
// "internal: calendar blocks of M2 overlap", also with --allow-unmet.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "model/checker.hpp"
#include "tests/support/greedy_plan.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
const char* kBridgeYaml = R"(name: bridge
horizon: 96
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.1}}
  - {id: P2, batch_hours: {M1: 4}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
  - {id: S2, paste: P2, units_per_lb: 1, demand: 500, downtime: {L1: 0.1}}
changeover: {mixers: {default: 3, pairs: [[P1, P2, 0]]}, lines: 1}
calendar:
  outages: [{resource: M1, start: 8, end: 30}]
frozen_until: 8
fixed:
  rows:
    - {resource: M1, product: P1, batches: 1, start: 4, end: 8}
)";
}  // namespace

TEST_CASE("start plans: a fixed mixer row ending at an outage gets a successor its changeover fits") {
    const Instance in = make_instance(kBridgeYaml, "bridge");
    // The row right after the fixed one on M1 is P2 (changeover 0).
    const Schedule s = feasible_greedy_plan(in);
    int next_after_fixed = -1;
    for (const Row& row : s.rows)
        if (row.resource == 0 && row.start >= 8 && (next_after_fixed < 0 || row.start < s.rows[next_after_fixed].start))
            next_after_fixed = static_cast<int>(&row - s.rows.data());
    REQUIRE(next_after_fixed >= 0);
    CHECK(s.rows[next_after_fixed].product == *in.find_product("P2"));
}

TEST_CASE("start plans: a fixed line row whose changeover runs into an outage is named, not an internal error") {
    std::string yaml = kBridgeYaml;
    yaml.replace(yaml.find("outages: [{resource: M1, start: 8, end: 30}]"), 44,
                 "outages: [{resource: L1, start: 18, end: 30}]");
    yaml.replace(yaml.find("lines: 1}"), 9, "lines: {default: 3, pairs: [[S1, S2, 0]]}}");
    yaml.replace(yaml.find("frozen_until: 8"), 15, "frozen_until: 18");
    yaml += "    - {resource: L1, product: S1, quantity: 1000, start: 8, end: 18}\n";
    const Instance in = make_instance(yaml, "bridge");
    const GreedyResult result = backward_greedy(in);
    CHECK_FALSE(result.schedule.has_value());
    CHECK(result.failure.find("fixed row S1 on L1 [8, 18): its changeover runs into what follows at 18") !=
          std::string::npos);
    CHECK(result.failure.find("internal") == std::string::npos);
}

// The sweep's case012: an outage over M3's whole first spare-capacity period.
// Every start plan failed within a millisecond and solve said "(unproved: time
// limit)"; the exact calendar placement proves that no plan exists.
TEST_CASE("calendar_impossible: a spare period covered by an outage is a proof; a free one is not") {
    std::string yaml = mini_plant_yaml(MiniPlant().with_calendar(
        "{mixers: {spare_capacity: {every: 24, duration: 4}}, outages: [{resource: M1, start: 2, end: 24}]}"));
    CHECK(calendar_impossible(make_instance(yaml, "mini")) == "spare capacity of M1 finds no free 4 h in [0, 24)");
    yaml.replace(yaml.find("start: 2, end: 24"), 17, "start: 4, end: 24");
    CHECK(calendar_impossible(make_instance(yaml, "mini")).empty());
    // A fixed row is busy without the changeover after it (a relaxation): [4, 8) still takes the spare block.
    yaml.replace(yaml.find("start: 4, end: 24"), 17, "start: 8, end: 24");
    yaml += "frozen_until: 4\nfixed:\n  rows:\n    - {resource: M1, product: P1, batches: 1, start: 0, end: 4}\n";
    CHECK(calendar_impossible(make_instance(yaml, "mini")).empty());
}
