// End-to-end runs of the `makepack` executable (MAKEPACK_BINARY) in temporary
// directories: exit codes, messages, files written and not written.
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

const fs::path kCliData = kSource / "tests" / "data" / "cli";

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        names.push_back(fs::relative(entry.path(), dir).string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("cli: --help, COMMAND --help and --version") {
    TempDir dir;
    Run run = run_makepack(dir.work(), {"--help"});
    CHECK_EXIT(run, 0);
    CHECK(contains(run.out, "Usage: makepack"));
    CHECK(contains(run.out, "solve"));
    CHECK(contains(run.out, "verify"));
    CHECK(contains(run.out, "Examples:"));
    CHECK(contains(run.out, "Exit codes:"));

    for (const char* command : {"solve", "verify"}) {
        CAPTURE(command);
        run = run_makepack(dir.work(), {command, "--help"});
        CHECK_EXIT(run, 0);
        CHECK(contains(run.out, std::string("Usage: makepack ") + command));
        CHECK(contains(run.out, "Examples:"));
        run = run_makepack(dir.work(), {"help", command});
        CHECK_EXIT(run, 0);
        CHECK(contains(run.out, "Examples:"));
    }
    CHECK(contains(run_makepack(dir.work(), {"solve", "--help"}).out, "--time-limit"));

    // The version printed is the project version of CMakeLists.txt.
    run = run_makepack(dir.work(), {"--version"});
    CHECK_EXIT(run, 0);
    std::smatch match;
    const std::string cmake = read_text(kSource / "CMakeLists.txt");
    REQUIRE(std::regex_search(cmake, match, std::regex(R"(project\(makepack VERSION ([0-9.]+))")));
    CHECK(run.out == "makepack " + match[1].str() + "\n");
    CHECK(files_in(dir.work()).empty());
}

TEST_CASE("cli: bad usage exits 2 with a usage message") {
    TempDir dir;
    const std::string oakhill = kOakhill.string();
    const std::vector<std::vector<std::string>> cases = {
        {},
        {"frobnicate"},
        {"--frobnicate"},
        {"solve"},
        {"solve", oakhill, "--bogus"},
        {"solve", oakhill, "extra.yaml"},
        {"solve", oakhill, "--time-limit", "soon"},
        {"solve", oakhill, "--time-limit", "-1"},
        {"solve", oakhill, "--seed", "-3"},
        {"solve", oakhill, "--threads", "-1"},
        {"solve", oakhill, "-o"},
        {"verify", oakhill},
        {"verify", oakhill, "a.yaml", "b.yaml"},
        {"help", "frobnicate"},
    };
    for (const auto& args : cases) {
        std::string joined;
        for (const auto& arg : args) joined += " " + arg;
        CAPTURE(joined);
        const Run run = run_makepack(dir.work(), args);
        CHECK_EXIT(run, 2);
        CHECK(run.out.empty());
        CHECK(contains(run.err, "makepack"));
        CHECK((contains(run.err, "Usage") || contains(run.err, "--help")));
    }
    const Run run = run_makepack(dir.work(), {"frobnicate"});
    CHECK(contains(run.err, "unknown command 'frobnicate'"));
    CHECK(files_in(dir.work()).empty());
}

TEST_CASE("cli: missing and malformed input files exit 2") {
    TempDir dir;
    SUBCASE("missing instance") {
        const Run run = run_makepack(dir.work(), {"solve", "no-such-instance.yaml"});
        CHECK_EXIT(run, 2);
        CHECK(contains(run.err, "no-such-instance.yaml"));
        CHECK(contains(run.err, "no such file"));
    }
    SUBCASE("missing schedule") {
        const Run run = run_makepack(dir.work(), {"verify", kOakhill.string(), "no-such-schedule.yaml"});
        CHECK_EXIT(run, 2);
        CHECK(contains(run.err, "no-such-schedule.yaml"));
    }
    SUBCASE("a directory instead of a file") {
        const Run run = run_makepack(dir.work(), {"solve", kCliData.string()});
        CHECK_EXIT(run, 2);
        CHECK(contains(run.err, "directory"));
    }
    SUBCASE("YAML syntax error: file:line:col") {
        const Run run = run_makepack(dir.work(), {"solve", (kCliData / "malformed.yaml").string()});
        CHECK_EXIT(run, 2);
        CHECK(std::regex_search(run.err, std::regex(R"(malformed\.yaml:[0-9]+:[0-9]+: )")));
        CHECK(run.out.empty());
    }
    SUBCASE("invalid value: file:line:col: field: message") {
        const Run run = run_makepack(dir.work(), {"verify", (kCliData / "negative-rate.yaml").string(), "whatever.yaml"});
        CHECK_EXIT(run, 2);
        CHECK(std::regex_search(run.err, std::regex(R"(negative-rate\.yaml:8:[0-9]+: .*rate)")));
    }
    SUBCASE("schedule naming an unknown resource") {
        const Run run = run_makepack(dir.work(), {"verify", (kCliData / "tiny.yaml").string(),
                                                  (kCliData / "unknown-resource.schedule.yaml").string()});
        CHECK_EXIT(run, 2);
        CHECK(std::regex_search(run.err, std::regex(R"(unknown-resource\.schedule\.yaml:5:[0-9]+: .*M9)")));
    }
    CHECK(files_in(dir.work()).empty());
}

TEST_CASE("cli: solve oakhill-4w writes a schedule that verify accepts - a shifted row is rejected") {
    TempDir dir;
    // Default output: <instance name>.schedule.yaml in the current directory.
    Run run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--seed", "0", "--time-limit", "1"});
    CHECK_EXIT(run, 0);
    CHECK(files_in(dir.work()) == std::vector<std::string>{"oakhill-4w.schedule.yaml"});  // no temp file left
    CHECK(contains(run.out, "Objective"));
    CHECK(contains(run.out, "downtime"));
    CHECK(contains(run.out, "changeover"));
    CHECK(contains(run.out, "Solve time"));
    for (const char* resource : {"M1", "M6", "L1", "L6"}) CHECK(contains(run.out, resource));
    CHECK(contains(run.err, "solving oakhill-4w"));  // progress on stderr
    CHECK(contains(run.err, "solved oakhill-4w"));

    const fs::path schedule = dir.work() / "oakhill-4w.schedule.yaml";
    run = run_makepack(dir.work(), {"verify", kOakhill.string(), schedule.string()});
    CHECK_EXIT(run, 0);
    CHECK(contains(run.out, "is a feasible schedule of oakhill-4w"));
    CHECK(contains(run.out, "Per resource"));
    CHECK(contains(run.out, "Paste made against paste needed"));
    CHECK(contains(run.out, "Units packed against demand"));
    CHECK(contains(run.out, "S32"));
    CHECK(contains(run.out, "P14"));

    // Shift the start of the first row by one hour, its stated end unchanged.
    const std::string text = read_text(schedule);
    const std::size_t rows = text.find("rows:");
    REQUIRE(rows != std::string::npos);
    std::smatch match;
    const std::string after = text.substr(rows);
    const std::regex start_field(R"(start: ([0-9]+))");
    REQUIRE(std::regex_search(after, match, start_field));
    const std::size_t at = rows + static_cast<std::size_t>(match.position(0));
    const int start = std::stoi(match[1].str());
    std::string broken = text;
    broken.replace(at, static_cast<std::size_t>(match.length(0)), "start: " + std::to_string(start + 1));
    const fs::path broken_path = dir.work() / "broken.yaml";
    write_text(broken_path, broken);
    std::smatch resource;
    REQUIRE(std::regex_search(after, resource, std::regex(R"(resource: ([A-Za-z0-9_-]+))")));

    run = run_makepack(dir.work(), {"verify", kOakhill.string(), broken_path.string()});
    CHECK_EXIT(run, 1);
    CHECK(contains(run.out, resource[1].str()));  // the violation names the row's resource
    CHECK(std::regex_search(run.out, std::regex(R"((^|\n)[0-9]+ violations?: )")));
    CHECK(!contains(run.out, "Per resource"));  // no tables for an infeasible schedule
}

TEST_CASE("cli: solve -o into a missing directory exits 2 and writes nothing") {
    TempDir dir;
    const fs::path target = dir.work() / "no-such-dir" / "plan.yaml";
    const Run run =
        run_makepack(dir.work(), {"solve", kOakhill.string(), "-o", target.string(), "--quiet", "--time-limit", "1"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "no-such-dir"));
    CHECK(!fs::exists(target.parent_path()));
    CHECK(files_in(dir.work()).empty());
}

TEST_CASE("cli: solve -o FILE writes only FILE, --quiet prints nothing") {
    TempDir dir;
    fs::create_directories(dir.work() / "plans");
    const std::vector<std::string> solve{"solve", (kCliData / "tiny.yaml").string(), "-o", "plans/tiny-plan.yaml", "-q",
                                         "--time-limit", "0.5"};
    const Run run = run_makepack(dir.work(), solve);
    CHECK_EXIT(run, 0);
    CHECK(run.out.empty());
    CHECK(run.err.empty());
    CHECK(files_in(dir.work()) == std::vector<std::string>{"plans", "plans/tiny-plan.yaml"});
    const Run verify = run_makepack(dir.work(), {"verify", (kCliData / "tiny.yaml").string(), "plans/tiny-plan.yaml"});
    CHECK_EXIT(verify, 0);

    SUBCASE("overwriting an existing file replaces it whole") {
        write_text(dir.work() / "plans" / "tiny-plan.yaml", "old content\n");
        const Run again = run_makepack(dir.work(), solve);
        CHECK_EXIT(again, 0);
        CHECK(!contains(read_text(dir.work() / "plans" / "tiny-plan.yaml"), "old content"));
        CHECK(files_in(dir.work()) == std::vector<std::string>{"plans", "plans/tiny-plan.yaml"});
    }
}

TEST_CASE("cli: an instance that cannot be scheduled exits 3 and writes nothing") {
    TempDir dir;
    const Run run = run_makepack(dir.work(), {"solve", (kCliData / "unschedulable.yaml").string(), "--time-limit", "2"});
    CHECK_EXIT(run, 3);
    // No proof: the time limit ends the search with 500 units short (a38dbeb).
    CHECK(contains(run.err, "makepack: instance unschedulable cannot be scheduled (unproved: time limit): "));
    CHECK(files_in(dir.work()).empty());
}
