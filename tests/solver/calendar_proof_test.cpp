// solve's exit 3 with a proof when the calendar itself cannot be placed
// (the sweep's case012: an outage over a mixer's whole first spare-capacity
// period; solve said "(unproved: time limit)" after 0.4 ms, also with
// --allow-unmet).
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace makepack;
using namespace makepack::fixtures;

TEST_CASE("solve: a spare period covered by an outage is 'cannot be scheduled (proof: calendar)', also with --allow-unmet") {
    TempDir dir;
    write_text(dir.path / "blocked.yaml",
               mini_plant_yaml(MiniPlant().with_calendar(
                   "{mixers: {spare_capacity: {every: 24, duration: 4}}, outages: [{resource: M1, start: 2, end: 24}]}")));
    for (const bool allow_unmet : {false, true}) {
        CAPTURE(allow_unmet);
        std::vector<std::string> args{"solve", "blocked.yaml", "-o", "plan.yaml", "--time-limit", "5", "--summary",
                                      "run.json", "--quiet"};
        if (allow_unmet) args.insert(args.end(), {"--allow-unmet", "1"});
        const Run run = run_makepack(dir.path, args);
        INFO(run.err);
        CHECK(run.exit_code == 3);
        CHECK(contains(run.err, "cannot be scheduled (proof: calendar): spare capacity of M1 finds no free 4 h in [0, 24)"));
        CHECK_FALSE(std::filesystem::exists(dir.path / "plan.yaml"));
        CHECK(contains(read_text(dir.path / "run.json"), R"("status": "infeasible")"));
    }
}

TEST_CASE("solve: demand the frozen past leaves no time for is 'cannot be scheduled (proof: frozen capacity)'") {
    // Found by a hand sweep of odd frozen_until values: frozen_until at the
    // horizon, nothing fixed, demand unpacked: '(unproved: time limit)'.
    TempDir dir;
    write_text(dir.path / "late.yaml", mini_plant_yaml(MiniPlant().with_top("frozen_until: 40\n")));
    const Run run = run_makepack(dir.path, {"solve", "late.yaml", "-o", "plan.yaml", "--time-limit", "1", "--summary",
                                            "run.json", "--partial", "partial.yaml"});
    INFO(run.err);
    CHECK(run.exit_code == 3);
    CHECK(contains(run.err, "cannot be scheduled (proof: frozen capacity): SKU S1 must still pack 1000 units beyond "
                            "its fixed rows, but its lines can pack at most 800 between frozen_until 40 and 48"));
    CHECK_FALSE(std::filesystem::exists(dir.path / "plan.yaml"));
    CHECK(std::filesystem::exists(dir.path / "partial.yaml"));  // what fits is still written
    CHECK(contains(read_text(dir.path / "run.json"), R"("status": "infeasible")"));
    // --allow-unmet: nothing must be packed, so a plan exists.
    CHECK_EXIT(run_makepack(dir.path, {"solve", "late.yaml", "-o", "plan.yaml", "--time-limit", "1", "-q",
                                       "--allow-unmet", "1"}), 0);
}

TEST_CASE("solve: fixed rows that break the material or storage rule before frozen_until are 'cannot be scheduled (proof: fixed rows)'") {
    // Found by the third sweep (bench/sweep/families.py, a review's fixed rows
    // under a shorter max_hold, initial stock or fewer totes): every start plan
    // broke the rule and solve said "(unproved: time limit)" after 0.2 s, also
    // on soft demand. Before frozen_until every row is fixed, so the stock and
    // totes there are the fixed rows' alone.
    const std::string fixed = "fixed:\n  rows:\n    - {resource: M1, product: P1, batches: 1, start: 0, end: 4}\n"
                              "    - {resource: L1, product: S1, quantity: 1000, start: 10, end: 21}\nfrozen_until: 12\n";
    // From frozen_until on, a lot the fixed rows make at t needs its totes at t:
    // nothing that ends by t can have used it (the sweep's fix007a: 7 fixed
    // batches of 20,000 lbs ending at 112, 66 totes of 2,000 lbs).
    const std::string fixed_lot = "fixed:\n  rows:\n    - {resource: M1, product: P1, batches: 3, start: 0, end: 12}\n"
                                  "frozen_until: 2\n";
    struct Case {
        const char* what;
        std::string fixed;
        std::string paste;
        std::string top;
        const char* says;
    };
    const Case cases[] = {
        {"max_hold scraps the fixed row's paste", fixed, ", max_hold: 2", "",
         "(proof: fixed rows): the fixed rows alone, before frozen_until 12: material P1 [10,21): row S1 on L1 at 10 "
         "needs 500 lbs, 0 lbs in stock"},
        {"initial stock and the fixed batch need 3 of 2 totes", fixed, ", initial_stock: 500",
         "storage: {totes: 2, tote_capacity: 500, static_totes_per_running_line: 0}\n",
         "(proof: fixed rows): the fixed rows alone, before frozen_until 12: storage [4,"},
        {"a fixed row's lot needs 3 of 2 totes when it is made, after frozen_until", fixed_lot, "",
         "storage: {totes: 2, tote_capacity: 1000, static_totes_per_running_line: 0}\n",
         "(proof: fixed rows): the fixed rows alone: at 12 their mixer rows ending then make 3 totes of paste (with "
         "their lines' static totes), more than the 2 of storage.totes"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        for (const bool soft : {false, true}) {
            CAPTURE(soft);
            TempDir dir;
            write_text(dir.path / "past.yaml",
                       mini_plant_yaml(MiniPlant().with_paste(c.paste).with_top(c.fixed + c.top + (soft ? "demand_soft: true\nunmet_penalty: 1\n" : ""))));
            const Run run = run_makepack(dir.path, {"solve", "past.yaml", "-o", "plan.yaml", "--time-limit", "1", "--summary",
                                                    "run.json", "--partial", "partial.yaml", "-q"});
            INFO(run.err);
            CHECK(run.exit_code == 3);
            CHECK(contains(run.err, c.says));
            CHECK_FALSE(std::filesystem::exists(dir.path / "plan.yaml"));
            CHECK_FALSE(std::filesystem::exists(dir.path / "partial.yaml"));
            CHECK(contains(read_text(dir.path / "run.json"), R"("status": "infeasible")"));
        }
    }
    // The same rows with the rule kept (no max_hold, 3 totes) have a plan.
    TempDir dir;
    write_text(dir.path / "ok.yaml",
               mini_plant_yaml(MiniPlant().with_paste(", initial_stock: 500").with_top(
                   fixed + "storage: {totes: 3, tote_capacity: 500, static_totes_per_running_line: 0}\n")));
    CHECK_EXIT(run_makepack(dir.path, {"solve", "ok.yaml", "-o", "plan.yaml", "--time-limit", "1", "-q"}), 0);
    write_text(dir.path / "lot.yaml",
               mini_plant_yaml(MiniPlant().with_top(
                   fixed_lot + "storage: {totes: 3, tote_capacity: 1000, static_totes_per_running_line: 0}\n")));
    CHECK_EXIT(run_makepack(dir.path, {"solve", "lot.yaml", "-o", "plan.yaml", "--time-limit", "1", "-q"}), 0);
}
