// `makepack solve --summary FILE.json` (solver/solve/run_summary.hpp, docs/cli.md
// "Run summary"): the JSON text itself, and an end-to-end solve whose summary
// agrees with the schedule it wrote.
#include "solver/solve/run_summary.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <utility>

namespace fs = std::filesystem;
using namespace makepack;
using namespace makepack::fixtures;

namespace {

// The number after "key": in the summary (the writer puts one field per line).
double json_number_field(const std::string& json, const std::string& key) {
    std::smatch m;
    const std::regex field("\"" + key + "\": (-?[0-9.eE+-]+)");
    REQUIRE_MESSAGE(std::regex_search(json, m, field), "no number field " << key << " in\n" << json);
    return std::stod(m[1].str());
}

}  // namespace

TEST_CASE("run summary: JSON escapes text, writes null for what is unknown") {
    RunSummary s;
    s.status = "no-plan";
    s.instance = "a \"quoted\" name";
    s.instance_file = "dir\\file.yaml";
    s.message = "line one\nline two\ttab \x01";
    s.facts.version = "0.1.0";
    const std::string json = run_summary_json(s);
    CHECK(contains(json, R"("instance": "a \"quoted\" name")"));
    CHECK(contains(json, R"("instance_file": "dir\\file.yaml")"));
    CHECK(contains(json, R"("message": "line one\nline two\ttab \u0001")"));
    CHECK(contains(json, R"("objective": null)"));
    CHECK(contains(json, R"("bound": null)"));
    CHECK(contains(json, R"("gap_percent": null)"));
    CHECK(contains(json, R"("time_to_first": null)"));
}

TEST_CASE("run summary: the instance hash is FNV-1a of the file's bytes") {
    TempDir dir;
    write_text(dir.path / "a.txt", "a");
    CHECK(instance_file_hash((dir.path / "a.txt").string()) == "fnv1a64:af63dc4c8601ec8c");  // FNV-1a 64 of "a"
    CHECK(instance_file_hash((dir.path / "missing.txt").string()).empty());
}

TEST_CASE("solve --summary: a reproducible run's facts agree with the schedule written") {
    TempDir dir;
    write_text(dir.path / "tiny.yaml", cpsat_tiny_yaml());
    const Run run = run_makepack(dir.path, {"solve", "tiny.yaml", "-o", "plan.yaml", "--threads", "1", "--seed", "3",
                                            "--iterations", "200", "--summary", "run.json", "--quiet"});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    const std::string json = read_text(dir.path / "run.json");
    INFO(json);
    CHECK(contains(json, R"("status": "solved")"));
    CHECK(contains(json, R"("instance": "cpsat-tiny")"));
    CHECK(contains(json, "\"instance_hash\": \"" + instance_file_hash((dir.path / "tiny.yaml").string()) + "\""));
    CHECK(json_number_field(json, "seed") == 3);
    CHECK(json_number_field(json, "threads") == 1);
    CHECK(json_number_field(json, "time_to_first") <= json_number_field(json, "time_to_best"));
    // the objective is the written schedule's: its total and its components
    const Run verify = run_makepack(dir.path, {"verify", "tiny.yaml", "plan.yaml"});
    REQUIRE(verify.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(verify.out, m, std::regex("total ([0-9.]+)")));
    const double total = json_number_field(json, "total");
    CHECK(total == doctest::Approx(std::stod(m[1].str())).epsilon(1e-6));
    CHECK(json_number_field(json, "downtime") + json_number_field(json, "changeover") == doctest::Approx(total));
    const double bound = json_number_field(json, "bound");
    CHECK(bound <= total + 1e-6);
    CHECK(json_number_field(json, "gap_percent") == doctest::Approx(100.0 * (total - bound) / total).epsilon(1e-6));
}

TEST_CASE("solve --summary: never the instance itself; an unplannable instance still gets its summary") {
    TempDir dir;
    write_text(dir.path / "tiny.yaml", cpsat_tiny_yaml());
    const Run same = run_makepack(dir.path, {"solve", "tiny.yaml", "-o", "plan.yaml", "--summary", "tiny.yaml", "--quiet"});
    CHECK(same.exit_code == 2);
    CHECK(read_text(dir.path / "tiny.yaml") == cpsat_tiny_yaml());
    // Two outputs of one run are one file: refused before solving, whether the
    // file exists yet or not (the summary once replaced the schedule it follows).
    for (const auto& [first, second] : {std::pair{"plan.yaml", "plan.yaml"}, std::pair{"plan.yaml", "./plan.yaml"}}) {
        const Run both = run_makepack(dir.path, {"solve", "tiny.yaml", "-o", first, "--summary", second, "--quiet"});
        CHECK(both.exit_code == 2);
        CHECK(both.err.find("-o and --summary name the same file") != std::string::npos);
        CHECK_FALSE(fs::exists(dir.path / "plan.yaml"));
    }
    write_text(dir.path / "old-plan.yaml", "kept\n");
    fs::create_symlink("old-plan.yaml", dir.path / "link.yaml");
    const Run linked = run_makepack(dir.path, {"solve", "tiny.yaml", "-o", "link.yaml", "--partial", "old-plan.yaml", "--quiet"});
    CHECK(linked.exit_code == 2);
    CHECK(linked.err.find("-o and --partial name the same file") != std::string::npos);
    CHECK(read_text(dir.path / "old-plan.yaml") == "kept\n");
    // a horizon too short for the demand: no plan (exit 3), the summary says so
    std::string short_horizon = cpsat_tiny_yaml();
    short_horizon.replace(short_horizon.find("horizon: 168"), 12, "horizon: 12");
    write_text(dir.path / "short.yaml", short_horizon);
    const Run none = run_makepack(dir.path, {"solve", "short.yaml", "-o", "plan.yaml", "--time-limit", "1", "--summary",
                                             "run.json", "--quiet"});
    INFO(none.out << none.err);
    CHECK(none.exit_code == 3);
    CHECK_FALSE(fs::exists(dir.path / "plan.yaml"));
    const std::string json = read_text(dir.path / "run.json");
    CHECK((contains(json, R"("status": "infeasible")") || contains(json, R"("status": "no-plan")") ||
           contains(json, R"("status": "partial")")));
    CHECK(contains(json, R"("objective": null)"));
}
