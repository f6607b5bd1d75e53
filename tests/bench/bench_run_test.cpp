// End-to-end run of the side-by-side harness bench/run (Node, no packages of
// its own) on the tiny CP-SAT test instance: every configuration runs, every
// schedule is verified, and the tables and the plot are written.
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

const fs::path kSource = MAKEPACK_SOURCE_DIR;

const char* const kTinyInstance = R"(name: bench-tiny
horizon: 168
objective: {downtime: 1, changeover: 1}
mixers:
  - {id: M1, batch_size: 10000}
  - {id: M2, batch_size: 10000}
lines:
  - {id: L1, rate: 5000}
  - {id: L2, rate: 4000}
pastes:
  - {id: P1, batch_hours: {M1: 6, M2: 8}, downtime: {M1: 0.2, M2: 0.4}}
  - {id: P2, batch_hours: {M1: 7, M2: 5}, downtime: {M1: 0.5, M2: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 40000, downtime: {L1: 0.3, L2: 0.1}}
  - {id: S2, paste: P1, units_per_lb: 3, demand: 30000, downtime: {L1: 0.2, L2: 0.4}}
  - {id: S3, paste: P2, units_per_lb: 4, demand: 50000, downtime: {L1: 0.25, L2: 0.35}}
changeover: {mixers: 3, lines: 2}
calendar:
  lines: {shift_break: {every: 12, duration: 1, offset: 0}}
)";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("bench/run: every configuration runs, every schedule is verified, tables and plot are written") {
    TempDir dir;
    write_text(dir / "tiny.yaml", kTinyInstance);
    const fs::path out = dir / "results";
    const Run run = run_command({(kSource / "bench" / "run").string(), "--time-limit", "3", "--build",
                                 fs::path(MAKEPACK_BINARY).parent_path().string(), "--out", out.string(),
                                 (dir / "tiny.yaml").string()});
    REQUIRE_EXIT(run, 0);

    const auto csv = lines_of(read_text(out / "runs.csv"));
    REQUIRE(csv.size() == 5);  // header + makepack, makepack-1t, cpsat, cpsat-hint
    for (std::size_t k = 1; k < csv.size(); ++k) {
        INFO(csv[k]);
        CHECK(contains(csv[k], "tiny,"));
        CHECK(contains(csv[k], ",yes,"));  // verified by makepack verify
    }
    // The written schedules are there and pass the checker again.
    for (const char* config : {"makepack", "makepack-1t", "cpsat", "cpsat-hint"}) {
        const fs::path schedule = out / "schedules" / (std::string("tiny.") + config + ".yaml");
        REQUIRE(fs::exists(schedule));
        CHECK_EXIT(run_makepack({}, {"verify", (dir / "tiny.yaml").string(), schedule.string()}), 0);
    }
    const std::string md = read_text(out / "results.md");
    CHECK(contains(md, "| instance | makepack bound | makepack | makepack 1 thread | CP-SAT | CP-SAT + hint | CP-SAT bound | makepack / CP-SAT |"));
    CHECK(contains(md, "| tiny |"));
    CHECK(contains(md, "load average"));
    const std::string svg = read_text(out / "objective-vs-time.svg");
    CHECK(contains(svg, "<svg"));
    CHECK(contains(svg, "<path d=\"M"));
    CHECK(contains(svg, "lower bound"));
    CHECK(contains(read_text(out / "trajectories.csv"), "tiny,cpsat,"));
}

TEST_CASE("bench/run: a bad option is a usage error with exit code 2") {
    const Run run = run_command({(kSource / "bench" / "run").string(), "--configs", "makepack,nope"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "unknown nope"));
}
