// Issue 13 ("The referee cannot be fooled"): end-to-end regression tests of
// the cases it lists, one TEST_CASE per case, on the reproduction files of
// tests/data/repro/ (copies of shared/repro/). Each fails on 59cdaa1.
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace makepack::fixtures;

namespace {

const fs::path kRepro = kSource / "tests" / "data" / "repro";

std::string repro(const char* name) { return (kRepro / name).string(); }

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

// A makepack run in the background, for signals: stdout and stderr go to files in `dir`.
class Background {
public:
    Background(const fs::path& dir, const std::vector<std::string>& args) : out_(dir / "bg.out"), err_(dir / "bg.err") {
        std::vector<std::string> words{MAKEPACK_BINARY};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (std::string& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const fs::path cwd = fs::current_path();
        fs::current_path(dir);
        const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        fs::current_path(cwd);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(rc == 0);
    }
    ~Background() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    void signal(int sig) const { ::kill(pid_, sig); }
    // Waits until stderr contains `text` (true) or `seconds` pass (false).
    bool wait_for_err(const std::string& text, double seconds) const {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < end) {
            if (contains(read_text(err_), text)) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    // The exit code (128 + signal when killed); -1 if it runs longer than `seconds`.
    int wait(double seconds) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        int status = 0;
        while (std::chrono::steady_clock::now() < end) {
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }
    std::string err() const { return read_text(err_); }

private:
    pid_t pid_ = -1;
    fs::path out_, err_;
};

}  // namespace

TEST_CASE("issue 13.1: a plant whose initial stock overflows the tote count is bad input, not a feasible plan") {
    TempDir dir;
    // 5e9 lbs in 1-lb totes: solve wrote a plan and verify accepted it.
    Run run = run_makepack(dir.work(), {"solve", repro("storage-overflow.yaml"), "-o", "plan.yaml", "--time-limit", "1"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "storage-overflow.yaml:14:29: pastes[1].initial_stock: the initial stock needs about 5e+09 totes"));
    CHECK_FALSE(fs::exists(dir.work() / "plan.yaml"));
    run = run_makepack(dir.work(), {"verify", repro("storage-overflow.yaml"), repro("storage-overflow.makepack-plan.yaml")});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "pastes[1].initial_stock"));
    // The same with tiny totes (1e-6 lbs, 1e9 of them).
    std::string tiny = read_text(kRepro / "storage-overflow.yaml");
    tiny = std::regex_replace(tiny, std::regex("totes: 1000, tote_capacity: 1"), "totes: 1e9, tote_capacity: 0.000001");
    write_text(dir / "tiny-totes.yaml", tiny);
    run = run_makepack(dir.work(), {"verify", (dir / "tiny-totes.yaml").string(), repro("storage-overflow.makepack-plan.yaml")});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "pastes[1].initial_stock"));
    // (The checker itself: tests/model/checker_storage_test.cpp, "tote counts beyond 32 bits".)
}

TEST_CASE("issue 13.2: verify rejects a schedule without objective.total or without a row end") {
    TempDir dir;
    Run run = run_makepack(dir.work(), {"verify", repro("base.yaml"), repro("s-objective-missing.sched.yaml")});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "s-objective-missing.sched.yaml:1:1: objective: missing required field"));
    run = run_makepack(dir.work(), {"verify", repro("base.yaml"), repro("s-missing-end.sched.yaml")});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "s-missing-end.sched.yaml:4:5: rows[0].end: missing required field"));
}

TEST_CASE("issue 13.3: SIGTERM stops solve like Ctrl-C: the best plan is checked and written") {
    TempDir dir;
    Background solve(dir.path, {"solve", kOakhill.string(), "-o", "plan.yaml", "--time-limit", "60", "--threads", "1"});
    REQUIRE(solve.wait_for_err("greedy start", 20));
    solve.signal(SIGTERM);
    const int code = solve.wait(20);
    INFO(solve.err());
    CHECK(code == 0);
    CHECK(contains(solve.err(), "stopped by SIGTERM; keeping the best plan"));
    REQUIRE(fs::exists(dir / "plan.yaml"));
    CHECK_EXIT(run_makepack(dir.path, {"verify", kOakhill.string(), "plan.yaml"}), 0);
}

TEST_CASE("issue 13.3: a signal before any plan exists ends solve at once, nothing written") {
    TempDir dir;
    // Loading blocks on a FIFO nobody writes to: the signal arrives while loading.
    REQUIRE(::mkfifo((dir / "instance.yaml").c_str(), 0644) == 0);
    Background solve(dir.path, {"solve", "instance.yaml", "-o", "plan.yaml"});
    // Wait until solve has opened the FIFO (a non-blocking open for writing
    // succeeds only once a reader is there), not a fixed delay: a loaded
    // machine or the TSan build may take longer than any delay to get there.
    // The write end stays open, so solve stays blocked reading it.
    int writer = -1;
    for (int i = 0; i < 2000 && writer < 0; ++i) {
        writer = ::open((dir / "instance.yaml").c_str(), O_WRONLY | O_NONBLOCK);
        if (writer < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(writer >= 0);
    solve.signal(SIGTERM);
    const int code = solve.wait(10);
    ::close(writer);
    INFO(solve.err());
    CHECK(code == 143);
    CHECK(contains(solve.err(), "terminated (SIGTERM) before a plan existed; nothing written"));
    CHECK_FALSE(fs::exists(dir / "plan.yaml"));
}

TEST_CASE("issue 13.4: -o is checked before solving: devices, FIFOs, inputs refused; symlinks written through") {
    TempDir dir;
    const std::string instance = (dir / "oakhill.yaml").string();
    fs::copy_file(kOakhill, instance);
    const std::string original = read_text(instance);
    const auto solve_to = [&](const std::string& output) {
        return run_makepack(dir.path, {"solve", instance, "-o", output, "--time-limit", "30", "--quiet"});
    };
    const auto started = std::chrono::steady_clock::now();
    // A FIFO (and, as root, a device node) stays what it is.
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0644) == 0);
    Run run = solve_to("fifo");
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "cannot write 'fifo': it is a FIFO, not a regular file"));
    CHECK(fs::is_fifo(dir / "fifo"));
    if (::geteuid() == 0 && ::mknod((dir / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
        run = solve_to("null");
        CHECK_EXIT(run, 2);
        CHECK(contains(run.err, "it is a character device"));
        CHECK(fs::is_character_file(dir / "null"));
    }
    // The instance itself, directly or through a link.
    run = solve_to(instance);
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "it is the input file"));
    fs::create_symlink("oakhill.yaml", dir / "to-instance.yaml");
    CHECK_EXIT(solve_to("to-instance.yaml"), 2);
    CHECK(read_text(instance) == original);
    // An unwritable place fails before the 30 s solve, with one message.
    run = solve_to("/proc/x");
    CHECK_EXIT(run, 2);
    CHECK(count_of(run.err, "cannot write") == 1);
    CHECK(count_of(run.err, "/proc/x") == 1);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
    // A symbolic link is written through: the target gets the plan, the link stays.
    fs::create_directory(dir / "plans");
    fs::create_symlink("plans/real.yaml", dir / "link.yaml");
    run = run_makepack(dir.path, {"solve", instance, "-o", "link.yaml", "--time-limit", "0.5", "--quiet"});
    CHECK_EXIT(run, 0);
    CHECK(fs::is_symlink(dir / "link.yaml"));
    REQUIRE(fs::is_regular_file(dir / "plans" / "real.yaml"));
    CHECK_EXIT(run_makepack(dir.path, {"verify", instance, "link.yaml"}), 0);
}

TEST_CASE("issue 13.5: batch_size and tote_capacity have positive minimums") {
    TempDir dir;
    Run run = run_makepack(dir.work(), {"solve", repro("batch-size-tiny.yaml"), "--time-limit", "1"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "batch-size-tiny.yaml:7:26: mixers[0].batch_size: must be at least 1e-06, got 1e-300"));
    std::string text = read_text(kRepro / "base.yaml") + "storage: {totes: 100, tote_capacity: 1e-7}\n";
    write_text(dir / "small-totes.yaml", text);
    run = run_makepack(dir.work(), {"solve", (dir / "small-totes.yaml").string(), "--time-limit", "1"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "storage.tote_capacity: must be at least 1e-06"));
}

TEST_CASE("issue 13.6: input files have a size limit; the bound keeps to its share of the time limit") {
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    Run run = run_makepack(dir.work(), {"solve", "/dev/zero", "--max-input-size", "1M"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "/dev/zero:0:0: larger than the input size limit of 1 MiB"));
    run = run_makepack(dir.work(), {"verify", kOakhill.string(), kOakhill.string(), "--max-input-size", "1000"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "larger than the input size limit of 1000 bytes"));
    CHECK_EXIT(run_makepack(dir.work(), {"verify", kOakhill.string(), "x", "--max-input-size", "-3"}), 2);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));

    // 20,000 zero-demand SKUs: the bound alone takes far longer than 15 % of 1 s.
    std::string big = read_text(kRepro / "base.yaml");
    std::string skus;
    for (int i = 0; i < 20000; ++i) skus += "  - {id: Z" + std::to_string(i) + ", paste: P1, units_per_lb: 1, demand: 0}\n";
    big.insert(big.find("\nchangeover:") + 1, skus);
    write_text(dir / "many-skus.yaml", big);
    const auto solve_started = std::chrono::steady_clock::now();
    run = run_makepack(dir.work(), {"solve", (dir / "many-skus.yaml").string(), "-o", "plan.yaml", "--time-limit", "1",
                                    "--threads", "1", "--greedy-only"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - solve_started).count();
    CHECK_EXIT(run, 0);
    CHECK(contains(run.err, "bound skipped: time"));
    MESSAGE("20,000-SKU solve with --time-limit 1: " << seconds << " s");
}

TEST_CASE("issue 13.7: start_date must be a real ISO date-time, time_unit one of minute, hour, day") {
    TempDir dir;
    Run run = run_makepack(dir.work(), {"solve", repro("start-date-bad.yaml")});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "start-date-bad.yaml:2:13: start_date: not an ISO date"));
    run = run_makepack(dir.work(), {"solve", repro("time-unit-bad.yaml")});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "time-unit-bad.yaml:3:12: time_unit: unknown time unit 'fortnight'"));
}
