// End-to-end runs of `makepack batch` (MAKEPACK_BINARY): statuses in
// summary.csv, verified schedules, exit codes, --jobs, Ctrl-C.
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

// summary.csv rows as fields (no quoted commas in the messages of these tests).
std::vector<std::vector<std::string>> summary_rows(const fs::path& csv) {
    std::string header;
    auto rows = csv_rows(csv, &header);
    CHECK(header == "instance,status,objective,bound,gap,time_to_best,seconds,peak_memory_mb,message,file,fill_rate,unmet,"
                    "time_to_first,iterations,threads,seed,version,instance_hash,"
                    "objective_downtime,objective_changeover,objective_lateness,objective_unmet,objective_holding,"
                    "objective_overproduction,objective_changes");
    return rows;
}

// Columns by position (the messages of these tests hold no commas).
const std::string& file_of(const std::vector<std::string>& row) { return row[9]; }
const std::string& fill_rate_of(const std::vector<std::string>& row) { return row[10]; }
const std::string& unmet_of(const std::vector<std::string>& row) { return row[11]; }
// The run facts (solver/solve/run_summary.hpp): time_to_first, iterations, threads, seed, version, instance_hash, components.
const std::string& fact_of(const std::vector<std::string>& row, int k) { return row[12 + static_cast<std::size_t>(k)]; }

const std::string kTiny = batch_plant_yaml("tiny");

// The flow mapping on line 9 is never closed.
const char* const kMalformed = R"(name: malformed
start_date: 2023-01-01T00:00
time_unit: hour
horizon: 48
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.5}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1000, downtime: {L1: 0.1}}
changeover: {mixers: 2, lines: 1}
)";

// Each stage fits alone, both together do not: 6 h batch + 10 h packing > 12 h.
// The loader and the bound let it pass; the best plan packs 500 of 1000 units.
const char* const kInfeasible = R"(name: unschedulable
start_date: 2023-01-01T00:00
time_unit: hour
horizon: 12
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 6}, downtime: {M1: 0.5}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)";

void write_three(const fs::path& dir) {
    write_text(dir / "good.yaml", kTiny);
    write_text(dir / "bad.yaml", kMalformed);
    write_text(dir / "infeasible.yaml", kInfeasible);
}

std::vector<std::string> schedule_files(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("batch: a good, a malformed and a partial instance - statuses, a verified schedule, a partial plan, exit 1") {
    TempDir dir;
    write_three(dir.path);
    const Run run = run_makepack(dir.path, {"batch", "good.yaml", "bad.yaml", "infeasible.yaml", "--time-limit", "2",
                                            "--threads", "1", "--out", "out"});
    CHECK_EXIT(run, 1);
    const auto rows = summary_rows(dir.path / "out" / "summary.csv");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0][0] == "tiny");
    CHECK(rows[0][1] == "solved");
    CHECK(!rows[0][2].empty());  // objective
    REQUIRE(rows[0].size() == 25);
    CHECK(!fact_of(rows[0], 0).empty());  // time to first plan
    CHECK(std::stod(fact_of(rows[0], 0)) <= std::stod(rows[0][5]) + 1e-3);  // not after the best
    CHECK(fact_of(rows[0], 2) == "1");                                        // threads
    CHECK(fact_of(rows[0], 3) == "0");                                        // seed
    CHECK(fact_of(rows[0], 5).rfind("fnv1a64:", 0) == 0);
    // weights downtime 1, changeover 1: the components add up to the objective
    CHECK(std::stod(fact_of(rows[0], 6)) + std::stod(fact_of(rows[0], 7)) == doctest::Approx(std::stod(rows[0][2])).epsilon(1e-3));
    CHECK(rows[1].size() == 25);
    CHECK(fact_of(rows[1], 6).empty());  // no plan, no components
    CHECK(rows[1][0] == "bad");  // did not load: the file name
    CHECK(rows[1][1] == "bad-input");
    CHECK(rows[1][2].empty());
    CHECK(fill_rate_of(rows[0]) == "1.000000");
    CHECK(unmet_of(rows[0]) == "0");
    CHECK(fill_rate_of(rows[1]).empty());  // no plan
    CHECK(unmet_of(rows[1]).empty());
    // Hard demand still short at the time limit: partial, with the short units.
    CHECK(rows[2][0] == "unschedulable");
    CHECK(rows[2][1] == "partial");
    CHECK(rows[2][2].empty());  // its objective (demand soft at price 0) is not comparable
    CHECK(rows[2][8].find("500 units of hard demand") != std::string::npos);
    CHECK(fill_rate_of(rows[2]) == "0.500000");
    CHECK(unmet_of(rows[2]) == "500");
    for (const auto& row : rows) CHECK(file_of(row).find(".yaml") != std::string::npos);
    CHECK(run.err.find("[1/3] tiny: solved") != std::string::npos);
    CHECK(run.err.find("[2/3] bad: bad-input") != std::string::npos);
    CHECK(run.err.find("[3/3] unschedulable: partial") != std::string::npos);
    CHECK(run.err.find("1 solved, 1 partial, 0 infeasible") != std::string::npos);
    // The verified schedule and the marked partial plan; verify accepts each as what it is.
    CHECK(schedule_files(dir.path / "out") ==
          std::vector<std::string>{"summary.csv", "tiny.schedule.yaml", "unschedulable.partial.yaml"});
    CHECK_EXIT(run_makepack(dir.path, {"verify", "good.yaml", "out/tiny.schedule.yaml"}), 0);
    const std::string partial = read_text(dir.path / "out" / "unschedulable.partial.yaml");
    CHECK(partial.rfind("# PARTIAL PLAN -- not a feasible plan of unschedulable: 500 units", 0) == 0);
    CHECK_EXIT(run_makepack(dir.path, {"verify", "infeasible.yaml", "out/unschedulable.partial.yaml"}), 1);
    CHECK_EXIT(run_makepack(dir.path, {"verify", "infeasible.yaml", "out/unschedulable.partial.yaml", "--allow-unmet", "0"}), 0);
}

TEST_CASE("batch: --allow-unmet is passed to every solve") {
    TempDir dir;
    write_three(dir.path);
    const Run run = run_makepack(dir.path, {"batch", "infeasible.yaml", "good.yaml", "--time-limit", "1", "--threads",
                                            "1", "--allow-unmet", "2", "--out", "out"});
    CHECK_EXIT(run, 0);  // demand soft: both solved
    const auto rows = summary_rows(dir.path / "out" / "summary.csv");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][1] == "solved");
    CHECK(fill_rate_of(rows[0]) == "0.500000");  // 500 of 1000 units is all that fits
    CHECK(unmet_of(rows[0]) == "500");
    CHECK(fill_rate_of(rows[1]) == "1.000000");
    // The objective prices the 500 units at 2, as verify with the same option computes it.
    CHECK_EXIT(run_makepack(dir.path, {"verify", "infeasible.yaml", "out/unschedulable.schedule.yaml", "--allow-unmet", "2"}), 0);
    CHECK_EXIT(run_makepack(dir.path, {"verify", "infeasible.yaml", "out/unschedulable.schedule.yaml", "--allow-unmet", "3"}), 1);
    CHECK_EXIT(run_makepack(dir.path, {"batch", "good.yaml", "--time-limit", "1", "--allow-unmet", "-1", "--out", "o"}), 2);
}

TEST_CASE("batch: --jobs 2 solves all, keeps command-line order, and exits 0 when all are solved") {
    TempDir dir;
    write_three(dir.path);
    std::string second = kTiny;
    second.replace(second.find("name: tiny"), 10, "name: tiny2");
    write_text(dir.path / "good2.yaml", second);
    const Run mixed = run_makepack(dir.path, {"batch", "infeasible.yaml", "good.yaml", "bad.yaml", "good2.yaml",
                                              "--jobs", "2", "--threads", "2", "--time-limit", "2", "--out", "out"});
    CHECK_EXIT(mixed, 1);
    CHECK(mixed.err.find("2 at a time, 1 thread each") != std::string::npos);
    auto rows = summary_rows(dir.path / "out" / "summary.csv");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][1] == "partial");
    CHECK(rows[1][0] == "tiny");
    CHECK(rows[1][1] == "solved");
    CHECK(rows[2][1] == "bad-input");
    CHECK(rows[3][0] == "tiny2");
    CHECK(rows[3][1] == "solved");
    CHECK_EXIT(run_makepack(dir.path, {"verify", "good2.yaml", "out/tiny2.schedule.yaml"}), 0);

    const Run good = run_makepack(dir.path, {"batch", "good.yaml", "good2.yaml", "--jobs", "2", "--time-limit", "1",
                                             "--out", "all-good", "--quiet"});
    CHECK_EXIT(good, 0);
    CHECK(summary_rows(dir.path / "all-good" / "summary.csv").size() == 2);
    CHECK(good.err.find("2 solved") != std::string::npos);
}

TEST_CASE("batch: two instances with the same name get two schedule files") {
    TempDir dir;
    write_three(dir.path);
    const Run run = run_makepack(dir.path, {"batch", "good.yaml", "good.yaml", "--time-limit", "1", "--out", "out"});
    CHECK_EXIT(run, 0);
    CHECK(schedule_files(dir.path / "out") ==
          std::vector<std::string>{"summary.csv", "tiny-2.schedule.yaml", "tiny.schedule.yaml"});
}

TEST_CASE("batch: bad usage exits 2") {
    TempDir dir;
    write_three(dir.path);
    CHECK_EXIT(run_makepack(dir.path, {"batch", "good.yaml", "--out", "out"}), 2);          // no --time-limit
    CHECK_EXIT(run_makepack(dir.path, {"batch", "good.yaml", "--time-limit", "1"}), 2);     // no --out
    CHECK_EXIT(run_makepack(dir.path, {"batch", "--time-limit", "1", "--out", "out"}), 2);  // no instance
    CHECK_EXIT(run_makepack(dir.path, {"batch", "good.yaml", "--time-limit", "0", "--out", "o"}), 2);
    CHECK_EXIT(run_makepack(dir.path, {"batch", "good.yaml", "--time-limit", "1", "--jobs", "0", "--out", "o"}), 2);
    write_text(dir.path / "file", "x");
    // not a directory
    CHECK_EXIT(run_makepack(dir.path, {"batch", "good.yaml", "--time-limit", "1", "--out", "file"}), 2);
    const Run help = run_makepack(dir.path, {"batch", "--help"});
    CHECK_EXIT(help, 0);
    CHECK(help.out.find("Examples:") != std::string::npos);
}

TEST_CASE("batch: Ctrl-C keeps the finished result and the summary, starts nothing new, exits 1") {
    TempDir dir;
    // A thesis-size instance whose search runs until its time limit.
    REQUIRE(run_makepack(dir.path, {"generate", "--seed", "11", "--load", "0.7", "-o", "plant.yaml", "--quiet"})
                .exit_code == 0);
    const std::string binary = MAKEPACK_BINARY;
    const std::string err_path = (dir.path / "batch.err").string();
    std::vector<std::string> args{binary, "batch", "plant.yaml", "plant.yaml", "--time-limit", "120",
                                  "--threads", "1", "--out", "out"};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const std::string cwd = dir.path.string();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (::chdir(cwd.c_str()) != 0) ::_exit(127);
        const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) ::dup2(fd, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    // Wait until the first job runs (its bound and greedy take milliseconds).
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    ::kill(pid, SIGINT);
    int status = 0;
    pid_t done = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((done = ::waitpid(pid, &status, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (done == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        FAIL("batch did not stop within 60 s of Ctrl-C");
    }
    const std::string err = read_text(err_path);
    INFO("stderr:\n" << err);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    const auto rows = summary_rows(dir.path / "out" / "summary.csv");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][1] == "solved");
    CHECK(rows[0][8].find("interrupted") != std::string::npos);
    CHECK(err.find("1 not started") != std::string::npos);
    CHECK_EXIT(run_makepack(dir.path, {"verify", "plant.yaml", "out/plant.schedule.yaml"}), 0);
}
