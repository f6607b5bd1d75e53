// Rule group 3: totes (MODEL.md 4, 9.9).
#include "model/checker.hpp"
#include "model/rules/storage.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
Instance mini_with_storage(int totes, int static_totes = 1) {
    return mini_plant(MiniPlant().with_top("storage: {totes: " + std::to_string(totes) +
                                    ", tote_capacity: 250, static_totes_per_running_line: " +
                                    std::to_string(static_totes) + "}\n"));
}
// Two batches of 1000 lbs at 4 and 12; S1 runs [4,15), paused over the break [12,13).
//   t=4 : 1000 lbs held (S1's 500 stay until it ends) -> 4 totes + 1 line = 5
//   t=12: 2000 lbs -> 8 totes + 1 line (paused, still running)         = 9
//   t=15: S1 ended, 1500 lbs -> 6 totes, no line                      = 6
Schedule two_batches(const Instance& in) {
    Schedule s;
    s.rows = {make_row(in, "M1", "P1", 1, 0, 4), make_row(in, "M1", "P1", 1, 8, 12),
              make_row(in, "L1", "S1", 1000, 4, 15)};
    return s;
}
}  // namespace

TEST_CASE("checker: storage at the limit is accepted, one tote over is rejected") {
    const Instance at_limit = mini_with_storage(9);
    const CheckResult ok = check_schedule(at_limit, two_batches(at_limit));
    INFO(violations_text(ok));
    CHECK(ok.feasible());

    // The peak at 12 only exceeds 8 because the paused line row still counts.
    const Instance over = mini_with_storage(8);
    const CheckResult r = check_schedule(over, two_batches(over));
    CHECK(rule_names(r) == "storage");
    REQUIRE(r.violations.size() == 1);
    CHECK(r.violations[0].start == 12);
    CHECK(r.violations[0].end == 15);

    // Without static totes the peak is 8.
    const Instance no_static = mini_with_storage(8, 0);
    CHECK(check_schedule(no_static, two_batches(no_static)).feasible());
}

TEST_CASE("checker: paste stays in its totes until the line row ends") {
    // One batch: at 4 the 1000 lbs fill 4 totes although S1 took 500 of them;
    // with the line's static tote that is 5.
    const Instance five = mini_with_storage(5);
    CHECK(check_schedule(five, mini_plant_schedule(five)).feasible());
    const Instance four = mini_with_storage(4);
    CHECK(rule_names(check_schedule(four, mini_plant_schedule(four))) == "storage");
}

TEST_CASE("checker: totes are rounded up with a tolerance") {
    CHECK(totes_for(0, 250) == 0);
    CHECK(totes_for(1e-9, 250) == 0);          // floating residue of an emptied stock
    CHECK(totes_for(750, 250) == 3);
    CHECK(totes_for(750.000000025, 250) == 3);  // 3.0000000001 totes
    CHECK(totes_for(750.5, 250) == 4);
    CHECK(totes_for(1, 250) == 1);
}

TEST_CASE("checker: no storage section means unlimited storage") {
    const Instance in = mini_plant();
    CHECK(check_schedule(in, two_batches(in)).feasible());
}

// Issue 13, case 1: 5e9 lbs in 1-lb totes is not an int. The count once
// wrapped negative and the plan passed; now it saturates and is rejected.
TEST_CASE("checker: tote counts beyond 32 bits are a storage violation, not an overflow") {
    const auto plant = [](const std::string& batch_size, const std::string& storage) {
        // Soft: with hard demand the loader refuses a batch no storage holds (check_batch_totes).
        std::string yaml = mini_plant_yaml(MiniPlant().with_top("storage: " + storage + "\ndemand_soft: true\n"));
        yaml.replace(yaml.find("batch_size: 1000"), 16, "batch_size: " + batch_size);
        return make_instance(yaml, "mini");
    };
    for (const Instance& in : {plant("5000000000", "{totes: 1000, tote_capacity: 1}"),
                               plant("5000", "{totes: 1000000000, tote_capacity: 0.000001}"),
                               plant("1e15", "{totes: 1000, tote_capacity: 0.000001}")}) {
        const CheckResult r = check_schedule(in, mini_plant_schedule(in));
        INFO(violations_text(r));
        CHECK(rule_names(r) == "storage");
        REQUIRE_FALSE(r.violations.empty());
        CHECK(r.violations[0].start == 4);  // the batch arrives at 4
    }
    CHECK(totes_for(5e9, 1) == kToteCountCap);
    CHECK(totes_for(3e9, 1) == 3'000'000'000LL);  // exact below the cap
    CHECK(totes_for(1e15, 1e-6) == kToteCountCap);
    CHECK(totes_for(1e300, 1e-300) == kToteCountCap);  // inf saturates too
}
