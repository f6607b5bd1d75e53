// A fixed row (MODEL.md 6) whose changeover to a short-changeover successor
// just fits before an outage: the default changeover after it would run into
// the outage, so the start plans must give it a successor. Found by the sweep
// of bench/sweep/ on a `review --write-instance` file: every start plan said
// "internal: calendar blocks of M2 overlap", also with --allow-unmet.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "heuristics/dispatch/rules_dispatch.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
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

// The line analogue (found by the sweep on a `review --write-instance` file:
// fixed S4 row on L1, changeover S4->S5 3 h just before a fixed spare block,
// default 6 h; exit 3 although the review's plan verified): a line row of a
// SKU whose changeover fits becomes the successor, its paste made by the mixers.
std::string line_bridge_yaml() {
    std::string yaml = kBridgeYaml;
    yaml.replace(yaml.find("outages: [{resource: M1, start: 8, end: 30}]"), 44,
                 "outages: [{resource: L1, start: 18, end: 30}]");
    yaml.replace(yaml.find("lines: 1}"), 9, "lines: {default: 3, pairs: [[S1, S2, 0]]}}");
    yaml.replace(yaml.find("frozen_until: 8"), 15, "frozen_until: 18");
    yaml += "    - {resource: L1, product: S1, quantity: 1000, start: 8, end: 18}\n";
    return yaml;
}

// The start plans' plan of `in`, which must exist and be feasible.
Schedule checked_start_plan(const Instance& in) {
    const GreedyResult result = backward_greedy(in);
    INFO("greedy failure: " << result.failure);
    REQUIRE(result.schedule.has_value());
    const CheckResult r = check_schedule(in, *result.schedule);
    INFO(violations_text(r));
    CHECK(r.feasible());
    return *result.schedule;
}

// The start plans' first row on L1 from 18.
Row first_line_row_after_fixed(const Instance& in) {
    const Schedule plan = checked_start_plan(in);
    const int line = *in.find_resource("L1");
    const Row* first = nullptr;
    for (const Row& row : plan.rows)
        if (row.resource == line && row.start >= 18 && (!first || row.start < first->start)) first = &row;
    REQUIRE(first != nullptr);
    return *first;
}

TEST_CASE("start plans: a fixed line row ending at an outage gets a successor its changeover fits") {
    const Instance in = make_instance(line_bridge_yaml(), "bridge");
    CHECK(first_line_row_after_fixed(in).product == *in.find_product("S2"));
}

TEST_CASE("start plans: a line bridge prefers a SKU whose paste is in stock") {
    // S3 (paste P3, in stock) and S2 (paste P2, still to be made) both have a
    // 0-h changeover after S1: the bridge takes S3 and only what the stock covers.
    std::string yaml = line_bridge_yaml();
    yaml.replace(yaml.find("pairs: [[S1, S2, 0]]"), 20, "pairs: [[S1, S2, 0], [S1, S3, 0]]");
    yaml.replace(yaml.find("\nskus:"), 6,
                 "\n  - {id: P3, batch_hours: {M1: 4}, downtime: {M1: 0.1}, initial_stock: 300}\nskus:");
    yaml.replace(yaml.find("\nchangeover:"), 12,
                 "\n  - {id: S3, paste: P3, units_per_lb: 1, demand: 400, downtime: {L1: 0.1}}\nchangeover:");
    const Instance in = make_instance(yaml, "bridge");
    const Row next = first_line_row_after_fixed(in);
    CHECK(next.product == *in.find_product("S3"));
    CHECK(next.amount == 300);
}

TEST_CASE("start plans: a fixed line row no SKU can follow is named, not an internal error") {
    // S2, the only SKU with a short changeover after S1, cannot run on L1.
    std::string yaml = line_bridge_yaml();
    yaml.replace(yaml.find("downtime: {L1: 0.1}}\nchangeover"), 19, "downtime: {L2: 0.1}");
    yaml.replace(yaml.find("lines: [{id: L1, rate: 100}]"), 28, "lines: [{id: L1, rate: 100}, {id: L2, rate: 100}]");
    const Instance in = make_instance(yaml, "bridge");
    const GreedyResult result = backward_greedy(in);
    CHECK_FALSE(result.schedule.has_value());
    CHECK(result.failure.find("fixed row S1 on L1 [8, 18): its changeover runs into what follows at 18 and no SKU") !=
          std::string::npos);
    CHECK(result.failure.find("internal") == std::string::npos);
}

TEST_CASE("calendar_impossible: a fixed row whose shortest changeover runs into an outage is a proof") {
    // No pair shortens S1's changeover (3 h): it always runs into the outage at 18.
    std::string yaml = line_bridge_yaml();
    yaml.replace(yaml.find("pairs: [[S1, S2, 0]]"), 20, "pairs: [[S1, S2, 2]]");
    const Instance in = make_instance(yaml, "bridge");
    CHECK(calendar_impossible(in) ==
          "fixed row S1 on L1 [8, 18): even its shortest changeover (2 h, to 20) runs into the fixed item at 18");
    // With the 0-h pair a successor exists (the bridge above): no proof.
    CHECK(calendar_impossible(make_instance(line_bridge_yaml(), "bridge")).empty());
}

TEST_CASE("start plans: maintenance due right after a fixed row's short changeover gets its place") {
    // Found by the sweep (review --write-instance at 224: fixed P2 row on M1
    // [154, 264), P2->P2 2 h, maintenance due at 266): the row's changeover to
    // the resource's end (default 3 h here) took the maintenance's only room,
    // and every start plan said "maintenance of M1 due at 10 finds no free
    // time". The row now gets a late successor of a 2-h changeover.
    const Instance in = make_instance(R"(name: due-after-fixed
horizon: 60
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
changeover: {mixers: {default: 3, pairs: [[P1, P1, 2]]}, lines: 1}
calendar:
  M1: {maintenance: {every: 30, duration: 4, since_last: 20}}
frozen_until: 8
fixed:
  rows:
    - {resource: M1, product: P1, batches: 1, start: 4, end: 8}
)", "due-after-fixed");
    bool maintenance_at_10 = false;
    for (const Block& b : checked_start_plan(in).blocks)
        maintenance_at_10 = maintenance_at_10 || (b.kind == BlockKind::Maintenance && b.start == 10);
    CHECK(maintenance_at_10);
    CHECK(calendar_impossible(in).empty());
}

namespace {
// The sweep instance tests/data/sweep/FILE: neither start (backward greedy,
// rules dispatch) fails with `failure`, every plan they make keeps every
// rule, and at least one makes one.
void start_plans_without(const std::string& file, const std::string& failure) {
    const Instance in = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/tests/data/sweep/" + file);
    const GreedyResult greedy = backward_greedy(in);
    const GreedyResult rules = rules_dispatch(in);
    INFO("greedy: " << greedy.failure << "; rules: " << rules.failure);
    CHECK(greedy.failure.find(failure) == std::string::npos);
    CHECK(rules.failure.find(failure) == std::string::npos);
    for (const GreedyResult* result : {&greedy, &rules})
        if (result->schedule) CHECK(check_schedule(in, *result->schedule).feasible());
    CHECK((greedy.schedule || rules.schedule));
}
}  // namespace

TEST_CASE("start plans: a line bridge without paste in stock waits for a mixer to make it") {
    // tests/data/sweep/fixed-bridge-no-paste-{224,336}.yaml (README there): the
    // bridge after L3's fixed S7 row went at frozen_until with no P5 in stock
    // and none makeable by then; every start plan broke the material rule and
    // solve exited 3 although the review's plan verified. At 336 a mixer's
    // maintenance is due too: the bridge now also leaves room for the mixer's
    // calendar blocks.
    for (const char* t : {"224", "336"}) {
        CAPTURE(t);
        start_plans_without(std::string("fixed-bridge-no-paste-") + t + ".yaml", "material");
    }
}

TEST_CASE("start plans: a bridge at frozen_until that takes a due maintenance's room goes late instead") {
    // tests/data/sweep/fixed-bridge-maintenance-due.yaml (README there).
    start_plans_without("fixed-bridge-maintenance-due.yaml", "finds no free time");
}
