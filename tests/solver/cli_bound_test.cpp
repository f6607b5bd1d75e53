// End-to-end runs of `makepack bound` (MAKEPACK_BINARY): report, JSON, exit codes.
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {


}  // namespace

TEST_CASE("cli bound: report on oakhill-4w and -6w (the optimum)") {
    TempDir dir;
    Run run = run_makepack(dir.path, {"bound", (kInstances / "oakhill-4w.yaml").string()});
    CHECK_EXIT(run, 0);
    CHECK(contains(run.out, "Lower bound 900.31"));
    CHECK(contains(run.out, "trivial"));
    CHECK(contains(run.out, "capacitated"));
    CHECK(contains(run.out, "Time "));
    CHECK(run.err.empty());

    run = run_makepack(dir.path, {"bound", (kInstances / "oakhill-6w.yaml").string(), "--resources"});
    CHECK_EXIT(run, 0);
    CHECK(contains(run.out, "Lower bound 1428.47"));
    CHECK(contains(run.out, "available"));
    CHECK(contains(run.out, "M1"));
}

TEST_CASE("cli bound: --json") {
    TempDir dir;
    const Run run = run_makepack(dir.path, {"bound", (kInstances / "oakhill-4w.yaml").string(), "--json"});
    CHECK_EXIT(run, 0);
    CHECK(run.out.front() == '{');
    CHECK(contains(run.out, "\"instance\": \"oakhill-4w\""));
    CHECK(contains(run.out, "\"status\": \"bound\""));
    CHECK(contains(run.out, "\"trivial\": "));
    CHECK(contains(run.out, "\"capacitated\": "));
    CHECK(contains(run.out, "\"seconds\": "));
    std::smatch match;
    REQUIRE(std::regex_search(run.out, match, std::regex(R"("bound": ([0-9.]+))")));
    CHECK(std::stod(match[1].str()) == doctest::Approx(900.31).epsilon(1e-9));
}

TEST_CASE("cli bound: sibling runs and successors on a plant with a changeover matrix (bench/medium)") {
    TempDir dir;
    const std::string medium = (kInstances / "bench" / "medium.yaml").string();
    // Without the coupled mixers LP (~20 s here; docs/bound.md 8).
    Run run = run_makepack(dir.path, {"bound", medium, "--coupled", "0"});
    CHECK_EXIT(run, 0);
    CHECK(contains(run.out, "Lower bound 3370.94 (mixers: successors, lines: coupled)"));
    CHECK(contains(run.out, "sibling runs"));
    CHECK(contains(run.out, "successors"));
    CHECK(contains(run.out, "coupled"));
    CHECK(contains(run.out, "best per stage"));
    run = run_makepack(dir.path, {"bound", medium, "--json", "--coupled", "0"});
    CHECK_EXIT(run, 0);
    std::smatch match;
    REQUIRE(std::regex_search(run.out, match, std::regex(R"("sibling_runs": ([0-9.]+))")));
    CHECK(std::stod(match[1].str()) == doctest::Approx(2127.59).epsilon(1e-6));
    // With the lines' hours priced (docs/bound.md 13).
    REQUIRE(std::regex_search(run.out, match, std::regex(R"("lines": \{[^}]*"coupled": ([0-9.]+))")));
    CHECK(std::stod(match[1].str()) == doctest::Approx(2131.714).epsilon(1e-6));
    REQUIRE(std::regex_search(run.out, match, std::regex(R"("stagewise": ([0-9.]+))")));
    CHECK(std::stod(match[1].str()) == doctest::Approx(3370.9483).epsilon(1e-6));
    // The mixers' successor assignment (docs/bound.md 5): 1239.23 against 1225.69 of the capacity LP.
    REQUIRE(std::regex_search(run.out, match, std::regex(R"("successors": ([0-9.]+))")));
    CHECK(std::stod(match[1].str()) == doctest::Approx(1239.23).epsilon(1e-5));
}

TEST_CASE("cli bound: an infeasible instance exits 3") {
    TempDir dir;
    const fs::path instance = dir.path / "overloaded.yaml";
    std::ofstream(instance) << R"(name: overloaded
horizon: 20
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 2}, downtime: {M1: 0.1}}]
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)";
    Run run = run_makepack(dir.path, {"bound", instance.string()});
    CHECK_EXIT(run, 3);
    CHECK(contains(run.out, "Infeasible"));
    CHECK(contains(run.err, "infeasible"));
    run = run_makepack(dir.path, {"bound", instance.string(), "--json"});
    CHECK_EXIT(run, 3);
    CHECK(contains(run.out, "\"status\": \"infeasible\""));
    CHECK(contains(run.out, "\"bound\": null"));
}

TEST_CASE("cli bound: bad usage and bad input exit 2") {
    TempDir dir;
    const std::string oakhill = (kInstances / "oakhill-4w.yaml").string();
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"bound"},
             {"bound", oakhill, "--bogus"},
             {"bound", oakhill, "extra.yaml"},
             {"bound", oakhill, "--time-limit", "0"},
             {"bound", oakhill, "--time-limit", "soon"},
             {"bound", "no-such-instance.yaml"},
             {"bound", (kSource / "tests" / "data" / "cli" / "malformed.yaml").string()},
         }) {
        std::string joined;
        for (const auto& arg : args) joined += " " + arg;
        CAPTURE(joined);
        const Run run = run_makepack(dir.path, args);
        CHECK_EXIT(run, 2);
        CHECK(run.out.empty());
        CHECK_FALSE(run.err.empty());
    }
}

TEST_CASE("cli bound: --help") {
    TempDir dir;
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"bound", "--help"}, {"help", "bound"}}) {
        const Run run = run_makepack(dir.path, args);
        CHECK_EXIT(run, 0);
        CHECK(contains(run.out, "Usage: makepack bound"));
        CHECK(contains(run.out, "Examples:"));
        CHECK(contains(run.out, "Exit codes:"));
        CHECK(contains(run.out, "--json"));
    }
    const Run run = run_makepack(dir.path, {"--help"});
    CHECK(contains(run.out, "bound"));
}
