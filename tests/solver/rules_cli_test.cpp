// `makepack solve --start rules|portfolio --rule/--rules` and
// `makepack report --compare` end to end (docs/rules.md, docs/report.md).
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {
}

TEST_CASE("cli: --greedy-only --start rules writes the dispatch plan; verify and report --compare accept it") {
    TempDir dir;
    const std::string rules = (dir / "rules.yaml").string(), backward = (dir / "backward.yaml").string();
    Run run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--greedy-only", "--start", "rules", "--rule",
                                        "need-date=3", "--rule", "setup=1", "-o", rules});
    REQUIRE_EXIT(run, 0);
    CHECK(contains(run.err, "rules dispatch start: objective"));
    CHECK(contains(run.out, "(rules dispatch)"));
    CHECK_EXIT(run_makepack(dir.work(), {"verify", kOakhill.string(), rules}), 0);
    REQUIRE_EXIT(run_makepack(dir.work(), {"solve", kOakhill.string(), "--greedy-only", "-q", "-o", backward}), 0);

    run = run_makepack(dir.work(), {"report", kOakhill.string(), rules, "--compare", backward});
    REQUIRE_EXIT(run, 0);
    CHECK(contains(run.out, "Side by side: A = " + rules + ", B = " + backward));
    CHECK(contains(run.out, "changeover"));
    CHECK(contains(run.out, "Stability of B against A"));
    // A plan against itself: every row unchanged.
    run = run_makepack(dir.work(), {"report", kOakhill.string(), rules, "--compare", rules});
    REQUIRE_EXIT(run, 0);
    CHECK(std::regex_search(run.out, std::regex(R"(removed \(only in A\) +0\n)")));
    CHECK(std::regex_search(run.out, std::regex(R"(moved \(other start\) +0\n)")));
    CHECK(std::regex_search(run.out, std::regex(R"(unchanged +[1-9][0-9]*\n)")));
}

TEST_CASE("cli: --start portfolio solves, also where unmet demand is allowed") {
    TempDir dir;
    Run run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "portfolio", "--threads", "1",
                                        "--seed", "2", "--iterations", "200", "-o", "p.yaml"});
    REQUIRE_EXIT(run, 0);
    CHECK(contains(run.err, "portfolio: "));
    CHECK(contains(run.out, "portfolio: "));
    run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "portfolio", "--allow-unmet", "50",
                                    "--threads", "1", "--iterations", "100", "-o", "u.yaml"});
    CHECK_EXIT(run, 0);
}

TEST_CASE("cli: bad --start, --rule and rules files are usage or input errors (exit 2, nothing written)") {
    TempDir dir;
    write_text(dir / "bad.yaml", "rules:\n  need-date: 3\n  due-soon: 1\n");
    Run run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "rules", "--rules",
                                        (dir / "bad.yaml").string(), "-o", "x.yaml"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "bad.yaml:3:3: rules.due-soon: unknown rule"));
    CHECK_FALSE(fs::exists(dir.work() / "x.yaml"));

    CHECK_EXIT(run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "forward"}), 2);
    run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "backward", "--rule", "setup=1", "-o", "x.yaml"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "--start auto, rules or portfolio"));
    CHECK_FALSE(fs::exists(dir.work() / "x.yaml"));
    run = run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "rules", "--rule", "speed=1"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "unknown rule 'speed'"));
    CHECK_EXIT(run_makepack(dir.work(), {"solve", kOakhill.string(), "--start", "rules", "--rules",
                                         (dir / "missing.yaml").string()}),
               2);
    CHECK_FALSE(fs::exists(dir.work() / "oakhill-4w.schedule.yaml"));
}
