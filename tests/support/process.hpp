// Running commands (the `makepack` executable, node, scripts) from tests, and
// the file handling around it: a scratch directory, whole-file reads and
// writes, shell quoting, and checks on a run's exit code that show its output.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace makepack::fixtures {

// --- files ------------------------------------------------------------------
// The whole file, byte for byte ("" if it cannot be read).
std::string read_text(const std::filesystem::path& path);
// Replaces the file with `text`, byte for byte.
void write_text(const std::filesystem::path& path, const std::string& text);
bool contains(const std::string& text, const std::string& part);
// A CSV file's rows split at commas (no quoting: the test files hold none),
// without the header line, which goes to *header when given.
std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& path, std::string* header = nullptr);

// A fresh directory under the system temp dir, removed with everything in it
// at scope exit.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path path;
    std::filesystem::path operator/(const std::filesystem::path& name) const { return path / name; }
    // path / "work", created on first use: a working directory that holds only
    // what the command wrote, when the test keeps its input files in `path`.
    std::filesystem::path work() const;
};

// --- running commands -------------------------------------------------------
// `text` as one single-quoted /bin/sh word.
std::string quote(const std::string& text);

// Runs `command` with /bin/sh, its output not redirected; the exit code, or
// 128 + the signal that ended it.
int shell(const std::string& command);

struct Run {
    int exit_code = -1;  // as shell() returns it
    std::string out;     // all of stdout
    std::string err;     // all of stderr, apart from stdout
};

// Runs `words` (each quoted, so passed as is) in `cwd` (the test's own when
// empty), stdin from /dev/null. stdout and stderr go to files in a directory
// of their own, never in `cwd`, so that tests can list what the command wrote.
Run run_command(const std::vector<std::string>& words, const std::filesystem::path& cwd = {});
// run_command of MAKEPACK_BINARY followed by `args`.
Run run_makepack(const std::filesystem::path& cwd, const std::vector<std::string>& args);

}  // namespace makepack::fixtures

// CHECK_EXIT / REQUIRE_EXIT(run, code): the run's exit code is `code`; on
// failure the report shows its stdout and stderr. `run` may be a call: it is
// evaluated once, and the output shown is that run's.
#define MAKEPACK_ASSERT_EXIT(ASSERT, run, code)         \
    do {                                                \
        const auto& makepack_exit_run_ = (run);         \
        INFO("stdout:\n" << makepack_exit_run_.out);    \
        INFO("stderr:\n" << makepack_exit_run_.err);    \
        ASSERT(makepack_exit_run_.exit_code == (code)); \
    } while (false)
#define CHECK_EXIT(run, code) MAKEPACK_ASSERT_EXIT(CHECK, run, code)
#define REQUIRE_EXIT(run, code) MAKEPACK_ASSERT_EXIT(REQUIRE, run, code)
