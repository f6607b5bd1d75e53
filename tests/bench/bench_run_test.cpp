// End-to-end run of the side-by-side harness bench/run (Node, no packages of
// its own) on the CP-SAT-sized test instance: every configuration runs, every
// schedule is verified, and the tables and the plot are written.
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

// Its time goes to CP-SAT (wasm, not instrumented) and to fixed time limits:
// it runs in the Release suite only; the sanitizer builds test the makepack
// commands it calls elsewhere.
TEST_CASE("bench/run: every configuration runs, every schedule is verified, tables and plot are written" *
          doctest::skip(kSanitizedBuild)) {
    TempDir dir;
    write_text(dir / "tiny.yaml", cpsat_tiny_yaml());
    const fs::path out = dir / "results";
    // 8 s: CP-SAT (wasm) needs 3-7 s for its first plan on a loaded 2-core machine.
    const Run run = run_command({(kSource / "bench" / "run").string(), "--time-limit", "8", "--build",
                                 fs::path(MAKEPACK_BINARY).parent_path().string(), "--out", out.string(),
                                 (dir / "tiny.yaml").string()});
    REQUIRE_EXIT(run, 0);

    const auto csv = lines_of(read_text(out / "runs.csv"));
    REQUIRE(csv.size() == 5);  // header + makepack, makepack-1t, cpsat, cpsat-hint
    // CP-SAT (wasm) may find no plan in 8 s when the machine is loaded (seen
    // unhinted at load 8-12, hinted at load 14): then its row must say so and
    // nothing is written; the makepack rows always have a verified plan
    // (tests/solver/cpsat_baseline_test.cpp requires CP-SAT's plans, at 20 s).
    std::set<std::string> unplanned;
    for (std::size_t k = 1; k < csv.size(); ++k) {
        INFO(csv[k]);
        CHECK(contains(csv[k], "tiny,"));
        bool planned = true;
        for (const char* config : {"cpsat", "cpsat-hint"}) {
            if (contains(csv[k], std::string("tiny,") + config + ",cpsat,") && contains(csv[k], ",NO_SOLUTION,")) {
                CHECK(contains(csv[k], "no feasible schedule found in"));
                unplanned.insert(config);
                planned = false;
            }
        }
        if (planned) CHECK(contains(csv[k], ",yes,"));  // verified by makepack verify
    }
    // The written schedules are there and pass the checker again.
    for (const char* config : {"makepack", "makepack-1t", "cpsat", "cpsat-hint"}) {
        const fs::path schedule = out / "schedules" / (std::string("tiny.") + config + ".yaml");
        if (unplanned.count(config)) {
            CHECK_FALSE(fs::exists(schedule));
            continue;
        }
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
    // A CP-SAT run's improvements are traced when it found a plan.
    if (unplanned.size() < 2) CHECK(contains(read_text(out / "trajectories.csv"), "tiny,cpsat"));
    CHECK(contains(read_text(out / "trajectories.csv"), "tiny,makepack,"));
}

TEST_CASE("bench/run: a bad option is a usage error with exit code 2") {
    const Run run = run_command({(kSource / "bench" / "run").string(), "--configs", "makepack,nope"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "unknown nope"));
}
