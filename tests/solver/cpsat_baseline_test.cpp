// End-to-end run of the CP-SAT baseline (bench/cpsat/solve.mjs, Node + the
// or-tools-wasm package) on a tiny instance: a makepack greedy schedule as the
// hint, a 20 s limit, and `makepack verify` on what it wrote. Needs node and
// bench/cpsat/node_modules (scripts/setup.sh installs them); without them the
// test fails and says what is missing -- never a silent skip.
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

const fs::path kBaseline = kSource / "bench" / "cpsat";

// What the baseline needs and is missing; empty when all is there.
std::string missing_prerequisites() {
    std::string missing;
    if (std::system("command -v node >/dev/null 2>&1") != 0) missing += "node (Node.js 20) is not on PATH; ";
    if (!fs::exists(kBaseline / "node_modules" / "or-tools-wasm" / "package.json") ||
        !fs::exists(kBaseline / "node_modules" / "js-yaml" / "package.json"))
        missing += "bench/cpsat/node_modules is not installed ((cd bench/cpsat && npm ci)); ";
    return missing;
}

void require_prerequisites() {
    const std::string missing = missing_prerequisites();
    if (missing.empty()) return;
    if (std::getenv("CI") != nullptr) FAIL("CP-SAT baseline prerequisites missing in CI: " << missing);
    FAIL("CP-SAT baseline prerequisites missing: " << missing << "run scripts/setup.sh --for test");
}

Run node_baseline(std::vector<std::string> args) {
    args.insert(args.begin(), {"node", (kBaseline / "solve.mjs").string()});
    return run_command(args);
}

}  // namespace

// Both cases time the JavaScript model (not instrumented) and check its plans
// with `makepack verify`, which the sanitizer builds test elsewhere: they run
// in the Release suite only (19 s of the ASan run's CPU).
TEST_CASE("cpsat baseline: a hinted 20 s solve of a tiny instance writes a schedule makepack verify accepts" *
          doctest::skip(kSanitizedBuild)) {
    require_prerequisites();
    TempDir dir;
    const fs::path instance = dir.path / "tiny.yaml";
    const fs::path greedy = dir.path / "greedy.yaml";
    const fs::path out = dir.path / "cpsat.yaml";
    write_text(instance, cpsat_tiny_yaml());

    const Run solve = run_command({MAKEPACK_BINARY, "solve", instance.string(), "-o", greedy.string(), "--quiet"});
    INFO("makepack solve stdout:\n" << solve.out << "\nstderr:\n" << solve.err);
    REQUIRE(solve.exit_code == 0);

    const Run cpsat = node_baseline({instance.string(), "-o", out.string(), "--time-limit", "20", "--hint",
                                     greedy.string(), "--verify-with", MAKEPACK_BINARY});
    INFO("solve.mjs stdout:\n" << cpsat.out << "\nstderr:\n" << cpsat.err);
    CHECK(cpsat.exit_code == 0);
    REQUIRE(fs::exists(out));
    CHECK(cpsat.out.find("\"verified\":true") != std::string::npos);

    const Run verify = run_command({MAKEPACK_BINARY, "verify", instance.string(), out.string()});
    INFO("makepack verify stdout:\n" << verify.out << "\nstderr:\n" << verify.err);
    CHECK(verify.exit_code == 0);
    // No temporary file is left beside the output.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(dir.path))
        if (entry.path().filename().string().rfind(".cpsat.yaml.tmp", 0) == 0) ++files;
    CHECK(files == 0);
}

// The classes it refused before: storage (totes), a positive holding weight and
// a changeover matrix whose circuits exceed --max-arcs (here 3 arcs: each mixer
// keeps one product). 17 totes of 2000 lbs: P1's whole need (30000 lbs) held at
// once would take 15 totes plus one per running line.
TEST_CASE("cpsat baseline: storage, holding and restricted changeover circuits give a verified plan" *
          doctest::skip(kSanitizedBuild)) {
    require_prerequisites();
    TempDir dir;
    const fs::path instance = dir.path / "plant.yaml";
    const fs::path out = dir.path / "cpsat.yaml";
    std::string yaml = cpsat_tiny_yaml();
    const auto replace = [&yaml](const std::string& from, const std::string& to) {
        const std::size_t at = yaml.find(from);
        REQUIRE(at != std::string::npos);
        yaml.replace(at, from.size(), to);
    };
    replace("objective: {downtime: 1, changeover: 1}", "objective: {downtime: 1, changeover: 1, holding: 0.0001}");
    replace("changeover: {mixers: 3, lines: 2}", "changeover: {mixers: {default: 3, pairs: [[P1, P2, 1]]}, lines: 2}");
    write_text(instance, yaml + "storage: {totes: 17, tote_capacity: 2000}\n");
    const Run cpsat = node_baseline({instance.string(), "-o", out.string(), "--time-limit", "60", "--max-arcs", "3",
                                     "--verify-with", MAKEPACK_BINARY});
    INFO("solve.mjs stdout:\n" << cpsat.out << "\nstderr:\n" << cpsat.err);
    CHECK(cpsat.exit_code == 0);
    CHECK(cpsat.out.find("\"verified\":true") != std::string::npos);
    CHECK(cpsat.err.find("keeps at most 1 candidate rows") != std::string::npos);
    // holding is stated exactly: CP-SAT's objective is the checker's
    CHECK(cpsat.err.find("differs from the recomputed") == std::string::npos);
    CHECK(cpsat.err.find("rounded") == std::string::npos);
    REQUIRE(fs::exists(out));
    const Run verify = run_command({MAKEPACK_BINARY, "verify", instance.string(), out.string()});
    INFO("makepack verify stdout:\n" << verify.out << "\nstderr:\n" << verify.err);
    CHECK(verify.exit_code == 0);
}
