// review's own input checks (freeze_previous_plan) know field paths only; the
// CLI now finds their line and column in the file. Found by the sweep: a
// review of an instance carrying frozen_until said "x.yaml:0:0: frozen_until".
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>

using namespace makepack;
using namespace makepack::fixtures;

TEST_CASE("review: its errors on INSTANCE and PLAN fields carry line and column") {
    TempDir dir;
    write_text(dir.path / "plant.yaml", mini_plant_yaml());
    REQUIRE_EXIT(run_makepack(dir.path, {"solve", "plant.yaml", "-o", "plan.yaml", "--time-limit", "1", "-q"}), 0);
    // INSTANCE with frozen_until (the last line of the file).
    const std::string frozen = mini_plant_yaml() + "frozen_until: 3\n";
    write_text(dir.path / "frozen.yaml", frozen);
    const int line = static_cast<int>(std::count(frozen.begin(), frozen.end(), '\n'));
    Run run = run_makepack(dir.path, {"review", "frozen.yaml", "--previous", "plan.yaml", "--freeze-until", "5",
                                      "-o", "out.yaml", "-q"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "frozen.yaml:" + std::to_string(line) + ":15: frozen_until: the instance of a review"));
    // PLAN's mixer row, which an outage of INSTANCE now overlaps: at that row of plan.yaml.
    std::smatch m;
    const std::string plan = read_text(dir.path / "plan.yaml");
    REQUIRE(std::regex_search(plan, m, std::regex(R"(\{resource: M1, product: P1, batches: \d+, start: (\d+))")));
    const int start = std::stoi(m[1]);
    write_text(dir.path / "down.yaml",
               mini_plant_yaml(MiniPlant().with_calendar(
                   "{lines: {shift_break: {every: 12, duration: 1, offset: 0}}, outages: [{resource: M1, start: " +
                   std::to_string(start) + ", end: " + std::to_string(start + 1) + "}]}")));
    run = run_makepack(dir.path, {"review", "down.yaml", "--previous", "plan.yaml", "--freeze-until",
                                  std::to_string(start + 1), "-o", "out.yaml", "-q"});
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "plan.yaml:"));
    CHECK_FALSE(contains(run.err, "plan.yaml:0:0"));
    CHECK(contains(run.err, "overlaps the outage"));
}
