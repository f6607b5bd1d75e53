// Fixed rows (MODEL.md 6) that alone break the tote limit (MODEL.md 4) until
// a line uses their paste up: found by the sweep on a `review --write-instance`
// file (a fixed 24-batch mixer row holding 240 of 413 totes): every start plan
// failed ("storage [359,672): 537 totes in use ... only 413 available") and
// solve exited 3, although the review's plan verified. The dispatch kept a
// row only if the tote limit then held, which no single row could achieve;
// it now keeps a row that does not add tote-hours over the limit.
#include "heuristics/dispatch/rules_dispatch.hpp"
#include "heuristics/storage_guard.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// P1's 8 totes from 8, P2's 6 from 20 and P3's 5 from 30 exceed the 10 totes
// unless S1 uses P1 up before 20 and S2 uses P2 up before 30 (S1 on L1 [8, 16)
// holds 8 + 1 running-line tote, S2 [20, 26) 6 + 1): no single row repairs it.
const char* kFillYaml = R"(name: fixed-fill-storage
horizon: 60
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 1000}]
pastes:
  - {id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}}
  - {id: P2, batch_hours: {M1: 1}, downtime: {M1: 0.1}}
  - {id: P3, batch_hours: {M1: 1}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 8000, downtime: {L1: 0.1}}
  - {id: S2, paste: P2, units_per_lb: 1, demand: 6000, downtime: {L1: 0.2}}
  - {id: S3, paste: P3, units_per_lb: 1, demand: 5000, downtime: {L1: 0.2}}
changeover: {mixers: 1, lines: 1}
storage: {totes: 10, tote_capacity: 1000}
frozen_until: 8
fixed:
  rows:
    - {resource: M1, product: P1, batches: 8, start: 0, end: 8}
    - {resource: M1, product: P2, batches: 6, start: 14, end: 20}
    - {resource: M1, product: P3, batches: 5, start: 25, end: 30}
)";

// The rules dispatch plans `in` and its plan keeps every rule.
GreedyResult check_dispatch_plan(const Instance& in) {
    GreedyResult result = rules_dispatch(in);
    INFO("dispatch failure: " << result.failure);
    REQUIRE(result.schedule.has_value());
    const CheckResult r = check_schedule(in, *result.schedule);
    INFO(violations_text(r));
    CHECK(r.feasible());
    return result;
}
}  // namespace

TEST_CASE("storage_excess: tote-hours over the limit of the fixed rows alone") {
    const Instance in = make_instance(kFillYaml, "fill");
    PlantTimeline timeline(in);
    REQUIRE(place_calendar_blocks(timeline).empty());
    // 14 totes over [20, 30), 19 over [30, 60): 4 * 10 + 9 * 30 tote-hours over the limit.
    CHECK(storage_excess(timeline) == doctest::Approx(310));
    CHECK_FALSE(storage_holds(timeline));
    const int l1 = *in.find_resource("L1");
    const int s1 = *in.find_product("S1");
    auto slot = timeline.earliest_slot(l1, s1, in.work(s1, l1, 8000), 8, in.horizon);
    REQUIRE(slot.has_value());
    timeline.insert_row(Row{l1, s1, 8000, 0, 0}, *slot);
    // P1 used up by 16: 11 totes over [30, 60) still (S1 alone does not repair it).
    CHECK(storage_excess(timeline) == doctest::Approx(30));
    CHECK_FALSE(storage_holds(timeline));
    const int s2 = *in.find_product("S2");
    slot = timeline.earliest_slot(l1, s2, in.work(s2, l1, 6000), 20, in.horizon);
    REQUIRE(slot.has_value());
    timeline.insert_row(Row{l1, s2, 6000, 0, 0}, *slot);
    CHECK(storage_excess(timeline) == 0);
    CHECK(storage_holds(timeline));
}

TEST_CASE("rules dispatch: fixed rows that alone break the tote limit get their paste used up") {
    const Instance in = make_instance(kFillYaml, "fill");
    CHECK(check_dispatch_plan(in).shortfall == 0);
}

TEST_CASE("rules dispatch: paste of fixed rows is used from when it is made, before the tote limit breaks") {
    // tests/data/sweep/fixed-rows-fill-storage.yaml (README there): the
    // dispatch stepped a row's start towards the fixed rows' paste in doubling
    // steps (224, 225, 227, ..., 287, 351) and overshot the window [330, 392)
    // in which using it keeps the limit, so every start broke it and solve
    // exited 3. It now starts where the paste is: the start (as solve's
    // portfolio runs it, hard demand relaxed) keeps every rule, and the search
    // packs the rest.
    Instance in = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/tests/data/sweep/fixed-rows-fill-storage.yaml");
    in.relax_hard_demand = true;
    check_dispatch_plan(in);
}

TEST_CASE("rules dispatch: with max_hold 0, a fixed lot is used when it is made (the ready-first pass)") {
    // tests/data/sweep/fixed-rows-hold0-soft.yaml (README there): only a P1 row
    // starting exactly at 24 keeps the tote limit at 70. The stock profile sets
    // max_hold aside (the aged initial stock looked usable from 0), the steps
    // from 20 went 21, 23, 27 and both lines took P4's SKUs first, so every
    // start broke the limit; solve exited 3 on soft demand.
    const Instance in = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/tests/data/sweep/fixed-rows-hold0-soft.yaml");
    check_dispatch_plan(in);
}

TEST_CASE("rules dispatch: a row that would hold a fixed lot past the next one is split (the ready-first pass)") {
    // tests/data/sweep/fixed-rows-split-for-totes.yaml (README there).
    const Instance in = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/tests/data/sweep/fixed-rows-split-for-totes.yaml");
    check_dispatch_plan(in);
}
