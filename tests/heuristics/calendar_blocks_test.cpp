// place_calendar_blocks: maintenance chains that need room an eager choice
// takes away (issue 12), and a horizon of 10^7 hours. The checker's calendar
// rules are the referee for every placement.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/schedule_io.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
std::string data_file(const std::string& name) {
    return std::string(MAKEPACK_SOURCE_DIR) + "/tests/data/calendar/" + name;
}
// The instance with soft demand, so that a plan of calendar blocks alone is feasible.
Instance soft(const std::string& file) {
    std::ifstream in(data_file(file));
    std::stringstream text;
    text << in.rdbuf() << "\ndemand_soft: true\n";
    return parse_instance(text.str(), file);
}
std::vector<std::pair<int, int>> blocks_of(const Schedule& s, const Instance& in, const std::string& resource,
                                           BlockKind kind) {
    std::vector<std::pair<int, int>> out;
    for (const Block& b : s.blocks)
        if (in.resources[b.resource].id == resource && b.kind == kind) out.emplace_back(b.start, b.end);
    return out;
}
// Places the calendar; returns the blocks-only plan after checking it.
Schedule placed_and_checked(const Instance& in) {
    PlantTimeline timeline(in);
    const std::string why = place_calendar_blocks(timeline);
    INFO("placement failure: " << why);
    REQUIRE(why.empty());
    const Schedule plan = timeline.to_schedule();
    const CheckResult check = check_schedule(in, plan);
    INFO(violations_text(check));
    CHECK(check.feasible());
    return plan;
}
// Mini plant, mixer calendar as given, demand soft.
// The mini plant over `horizon` with this mixer calendar, soft demand.
Instance mini_with(const std::string& mixer_calendar, const std::string& extra = "", int horizon = 48,
                   const std::string& top = "") {
    std::string yaml = mini_plant_yaml(MiniPlant()
                                           .with_calendar("{mixers: " + mixer_calendar + extra + "}")
                                           .with_top("demand_soft: true\n" + top));
    yaml.replace(yaml.find("horizon: 48"), 11, "horizon: " + std::to_string(horizon));
    return parse_instance(yaml, "mini");
}
}  // namespace

TEST_CASE("calendar: maintenance due right after an outage goes at the outage's end (issue 12 repro)") {
    const Instance in = soft("maint-outage.yaml");
    const Schedule plan = placed_and_checked(in);
    // due 336 - 269 = 67; outage [2, 62): the room [62, 70) meets it; the
    // spare block of period [0, 168) then goes after it, not into that room.
    CHECK(blocks_of(plan, in, "M2", BlockKind::Maintenance) == std::vector<std::pair<int, int>>{{62, 70}});
    CHECK(blocks_of(plan, in, "M2", BlockKind::SpareCapacity) == std::vector<std::pair<int, int>>{{70, 84}, {322, 336}});
}

TEST_CASE("calendar: the greedy plans the issue 12 repro with hard demand") {
    const Instance in = load_instance(data_file("maint-outage.yaml"));
    REQUIRE(check_schedule(in, load_schedule(in, data_file("maint-outage.feasible-plan.yaml"))).feasible());
    const GreedyResult result = backward_greedy(in);
    INFO(result.failure);
    REQUIRE(result.schedule);
    CHECK(check_schedule(in, *result.schedule).feasible());
}

TEST_CASE("calendar: a maintenance whose due time is taken goes to the latest free room before it") {
    // every 50, 5 h, due_1 = 50; outage [46, 60): the latest start <= 50 is 41
    // (touching the outage); the chain goes on from 41: due 91, start 91.
    const Instance in = mini_with("{maintenance: {every: 50, duration: 5}}",
                                  ", outages: [{resource: M1, start: 46, end: 60}]", 100);
    const Schedule plan = placed_and_checked(in);
    CHECK(blocks_of(plan, in, "M1", BlockKind::Maintenance) == std::vector<std::pair<int, int>>{{41, 46}, {91, 96}});
}

TEST_CASE("calendar: a chain that must step over an outage with two short hops") {
    // every 10, 2 h, due_1 = 10 - 5 = 5; outage [8, 16). As late as possible
    // (5) leaves no start in [7, 15]. The only way over the outage: a block at
    // 6 (next due 16 = the outage's end), so one before it by 4: e.g. 4, 6, 16.
    const Instance in = mini_with("{maintenance: {every: 10, duration: 2, since_last: 5}}",
                                  ", outages: [{resource: M1, start: 8, end: 16}]");
    const Schedule plan = placed_and_checked(in);
    const auto maintenance = blocks_of(plan, in, "M1", BlockKind::Maintenance);
    REQUIRE(maintenance.size() >= 3);
    CHECK(maintenance[0].first <= 4);
    CHECK(maintenance[1] == std::pair{6, 8});
    CHECK(maintenance[2] == std::pair{16, 18});
}

TEST_CASE("calendar: maintenance and spare share the only room of a period in the one order that works") {
    // Spare every 50 h, 30 h long; maintenance every 80, 10 h, due_1 = 25; outage
    // [40, 60). Period [0, 50) has room [0, 40) for both: only maintenance [0, 10)
    // + spare [10, 40) (spare first at 0 leaves no start <= 25; maintenance at its
    // due 25 splits the room). Period [50, 100): room [60, 100), the second
    // maintenance is due by 80: only maintenance [60, 70) + spare [70, 100).
    const Instance in = mini_with("{maintenance: {every: 80, duration: 10, since_last: 55}, "
                                  "spare_capacity: {every: 50, duration: 30}}",
                                  ", outages: [{resource: M1, start: 40, end: 60}]", 100);
    const Schedule plan = placed_and_checked(in);
    CHECK(blocks_of(plan, in, "M1", BlockKind::Maintenance) == std::vector<std::pair<int, int>>{{0, 10}, {60, 70}});
    CHECK(blocks_of(plan, in, "M1", BlockKind::SpareCapacity) == std::vector<std::pair<int, int>>{{10, 40}, {70, 100}});
}

TEST_CASE("calendar: fixed maintenance blocks are links of the chain, also after frozen_until") {
    // every 20, 2 h, due_1 = 20. Fixed [10, 12) (due 30) and [28, 30) (due 48,
    // kept from a previous plan after frozen_until 15): nothing to place
    // before 48; then 48 <= min(48, 58) -> [48, 50).
    const Instance in = mini_with("{maintenance: {every: 20, duration: 2}}", "", 60,
                                  "frozen_until: 15\nfixed: {blocks: [{resource: M1, kind: maintenance, start: 10, end: 12}, "
                                  "{resource: M1, kind: maintenance, start: 28, end: 30}]}\n");
    const Schedule plan = placed_and_checked(in);
    CHECK(blocks_of(plan, in, "M1", BlockKind::Maintenance) ==
          std::vector<std::pair<int, int>>{{10, 12}, {28, 30}, {48, 50}});
}

TEST_CASE("calendar: no room before the due time is reported") {
    const Instance in = mini_with("{maintenance: {every: 40, duration: 4, since_last: 20}}",
                                  ", outages: [{resource: M1, start: 0, end: 30}]");
    PlantTimeline timeline(in);
    CHECK(place_calendar_blocks(timeline) == "maintenance of M1 due at 20 finds no free time between 0 and 20");
}

TEST_CASE("calendar: a spare period frozen_until leaves too short says so") {
    // Found by the sweep (frozen_until alone, no fixed spare block): it said
    // "finds no free 4 h in [22, 24)" where the rule's reason is the freeze.
    const Instance in = mini_with("{spare_capacity: {every: 24, duration: 4}}", "", 48, "frozen_until: 22\n");
    const std::string why =
        "spare capacity of M1 for the period [0, 24) has no fixed block and frozen_until 22 leaves it less than 4 h";
    PlantTimeline timeline(in);
    CHECK(place_calendar_blocks(timeline) == why);
    CHECK(calendar_impossible(in) == why);  // solve's "(proof: calendar)"
}

TEST_CASE("calendar: a horizon of 10^7 hours takes well under a second per resource, and stops when asked") {
    const Instance in = soft("horizon-max-1e7.yaml");
    const auto begin = std::chrono::steady_clock::now();
    const Schedule plan = placed_and_checked(in);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    CHECK(plan.blocks.size() > 300000);
    CHECK(seconds < 10);  // it was minutes with a vector insert and a scan per block

    int polls = 0;
    PlantTimeline timeline(in);
    CHECK(place_calendar_blocks(timeline, [&] { return ++polls > 3; }) == "stopped");
    CHECK(polls == 4);
}

TEST_CASE("calendar: one greedy construction over a horizon of 10^7 hours takes seconds, not minutes") {
    // ~90,000 blocks and a handful of rows per resource: each slot query used
    // to rescan the items for the rows around every gap (quadratic).
    const Instance in = soft("horizon-max-1e7.yaml");
    GreedyOptions options;
    options.first_feasible = true;
    const auto begin = std::chrono::steady_clock::now();
    const GreedyResult result = backward_greedy(in, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    INFO(result.failure);
    REQUIRE(result.schedule);
    CHECK(result.schedule->rows.size() >= 5);
    CHECK(seconds < 10);
}
