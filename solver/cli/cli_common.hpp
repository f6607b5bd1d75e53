// The shared part of the `makepack` command line: exit codes, the command
// table and dispatcher, option-parsing and error helpers. One file per command
// (cli_solve, cli_verify) holds the command itself. docs/cli.md documents it.
#pragma once

#include "model/checker.hpp"
#include "model/instance.hpp"
#include "model/instance_loader.hpp"
#include "model/schedule.hpp"

#include <boost/program_options.hpp>

#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace makepack::cli {

// Keep in step with project(VERSION) in CMakeLists.txt (a test compares them).
inline constexpr const char* kVersion = "0.1.0";

enum ExitCode : int {
    kOk = 0,          // success; verify: feasible
    kViolations = 1,  // verify: the schedule breaks rules
    kBadInput = 2,    // unreadable or invalid input, bad usage, unwritable output
    kNoSchedule = 3,  // solve: the instance cannot be scheduled
    kInternal = 4,    // a bug: an exception escaped, or the checker rejected our own schedule
};

// Bad usage of a command: printed with a pointer to the command's --help; exit 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input that is not an InputError (a file that cannot be opened or
// written); printed as "makepack: <message>"; exit 2.
class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Command {
    const char* name;
    const char* summary;  // one line for `makepack --help`
    int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
    void (*help)(std::ostream& out);
};

// All commands, in the order `makepack --help` lists them.
const std::vector<Command>& commands();

// The whole program: argv[0] is ignored. Never throws.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Parses `args` of one command; --help is handled by the caller before.
// Also takes the option every command shares, --max-input-size BYTES (K, M,
// G suffixes), and sets the input size limit from it (default 1 GiB).
boost::program_options::variables_map parse_command_line(
    const std::vector<std::string>& args, const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional);

// True when args contain -h or --help (before a bare "--").
bool wants_help(const std::vector<std::string>& args);

// Throws FileError unless `path` names a readable regular file; `what` is
// "instance" or "schedule".
void require_readable_file(const std::string& path, const std::string& what);

// Throws FileError unless the output `path` can be written (model/output_file.hpp:
// not a directory, device or FIFO; its directory takes a temporary file) and
// it is none of `inputs` (checked on the symlink's target, by file identity).
// Called before any time is spent on solving.
void require_writable_path(const std::string& path, const std::vector<std::string>& inputs = {});

// Throws UsageError when two of a command's outputs (option name, path; empty
// paths skipped) are one file: the same path after following links, whether
// the file exists yet or not, or one file under two names. The later write
// would replace the earlier one (solve -o X --summary X lost the schedule).
void require_distinct_outputs(const std::vector<std::pair<std::string, std::string>>& outputs);

// write_file_atomically, its error as a FileError (exit 2), said once.
void write_output_file(const std::string& path, const std::string& text);

// Runs `body` and turns the expected exceptions into messages + exit codes:
// InputError and FileError -> 2 (message on err), UsageError -> 2 (with a
// pointer to `makepack <command> --help`). Others propagate to run().
int guarded(const std::string& command, std::ostream& err, const std::function<int()>& body);

// --allow-unmet PENALTY (solve, review, batch, verify, report): hard demand is
// read as soft for this run, every unmet unit priced at PENALTY unless its SKU
// has its own unmet_penalty (docs/unmet-demand.md).
void add_allow_unmet_option(boost::program_options::options_description& options);
// The loader options the command line asked for; UsageError for a bad PENALTY.
LoadOptions load_options(const boost::program_options::variables_map& vm);

// verify and report: INSTANCE SCHEDULE as positionals beside `options`.
struct PlanArgs {
    boost::program_options::variables_map vm;
    std::string instance_path, schedule_path;
};
PlanArgs parse_plan_args(const std::vector<std::string>& args, boost::program_options::options_description options);
// Both files loaded (each checked readable first) and the schedule checked.
struct CheckedPlan {
    std::string schedule_path;
    Instance instance;
    Schedule schedule;
    CheckResult check;
};
CheckedPlan load_and_check_plan(const PlanArgs& args);
// Infeasible: one violation per line, then "N violations: PATH is not a
// feasible schedule of NAME<suffix>". Feasible: "PATH is a feasible schedule
// of NAME (k rows, size)" and a blank line.
void print_check_verdict(std::ostream& out, const CheckedPlan& plan, const std::string& infeasible_suffix = "");

// "6 mixers, 6 lines, 14 pastes, 32 SKUs, horizon 672 hours".
std::string describe_size(const Instance& instance);

// "85 us", "0.4 ms", "12.35 s".
std::string seconds_text(double seconds);

// "812 bytes", "101 KB", "12 MB": an output file's size in messages.
std::string size_text(std::size_t bytes);

// "1 violation", "3 violations", "12000 violations (the first 10000 listed)".
std::string violation_count_text(const CheckResult& check);

}  // namespace makepack::cli
