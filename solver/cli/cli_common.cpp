#include "solver/cli/cli_common.hpp"

#include "model/input_error.hpp"
#include "model/input_file.hpp"
#include "model/instance_loader.hpp"
#include "model/output_file.hpp"
#include "model/schedule_io.hpp"
#include "solver/cli/cli_batch.hpp"
#include "solver/cli/cli_bound.hpp"
#include "solver/cli/cli_generate.hpp"
#include "solver/cli/cli_report.hpp"
#include "solver/cli/cli_review.hpp"
#include "solver/cli/cli_solve.hpp"
#include "solver/cli/cli_verify.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <unistd.h>

namespace makepack::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

const std::vector<Command>& commands() {
    static const std::vector<Command> table{
        {"solve", "plan an instance: write a feasible schedule, print its objective and per-resource table",
         run_solve, print_solve_help},
        {"verify", "check a schedule against an instance: every rule, the objective and the KPI tables",
         run_verify, print_verify_help},
        {"review", "the weekly re-plan: fix what a previous plan starts before T, re-plan the rest (MODEL.md 6)",
         run_review, print_review_help},
        {"report", "what planners look at: KPI tables with utilisation and availability, Gantt chart (SVG/HTML), CSV",
         run_report, print_report_help},
        {"bound", "a lower bound on the objective of every feasible schedule (or a proof of infeasibility)",
         run_bound, print_bound_help},
        {"generate", "write a random thesis-like instance of any size, demand scaled to a target load",
         run_generate, print_generate_help},
        {"batch", "solve many instances, J at a time: verified schedules and a summary.csv in one directory",
         run_batch, print_batch_help},
    };
    return table;
}

namespace {

void print_usage(std::ostream& out) {
    out << "Usage: makepack COMMAND [OPTIONS] ARGS...\n"
           "       makepack COMMAND --help\n"
           "       makepack --help | --version\n";
}

void print_main_help(std::ostream& out) {
    out << "makepack " << kVersion
        << " - make-and-pack production scheduling: mixers make paste in batches,\n"
           "packaging lines fill it into SKUs; makepack plans both stages over a horizon\n"
           "(docs/MODEL.md) and checks plans against every rule.\n\n";
    print_usage(out);
    out << "\nCommands:\n";
    for (const Command& command : commands()) {
        std::string name = command.name;
        name.resize(10, ' ');
        out << "  " << name << command.summary << "\n";
    }
    out << "\nOptions:\n"
           "  -h, --help     this help; `makepack COMMAND --help` for a command's options\n"
           "  -V, --version  print the version\n"
           "  --max-input-size BYTES\n"
           "                 (any command) largest instance or schedule file read, suffix K, M\n"
           "                 or G; default 1G (a larger file or /dev/zero: exit 2)\n"
           "\nExit codes:\n"
           "  0  success (verify: the schedule is feasible)\n"
           "  1  verify: the schedule breaks rules (one line per violation, then a count)\n"
           "  2  bad input or usage: a file that cannot be read or is invalid\n"
           "     (reported as file:line:col: field: message), an unknown command or\n"
           "     option, an output file that cannot be written\n"
           "  3  solve: the instance cannot be scheduled; nothing is written\n"
           "  4  internal error (a bug in makepack); nothing is written\n"
           "  130, 143  solve, review: stopped by SIGINT / SIGTERM before a plan existed,\n"
           "     or by a second signal; nothing is written (docs/cli.md, \"Signals\")\n"
           "\nExamples:\n"
           "  makepack solve instances/oakhill-4w.yaml\n"
           "      writes oakhill-4w.schedule.yaml in the current directory\n"
           "  makepack solve instances/oakhill-4w.yaml -o plans/4w.yaml --seed 7 --quiet\n"
           "  makepack verify instances/oakhill-4w.yaml plans/4w.yaml\n"
           "  makepack solve --help\n";
}

const Command* find_command(const std::string& name) {
    for (const Command& command : commands())
        if (name == command.name) return &command;
    return nullptr;
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    try {
        std::vector<std::string> args;
        for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
        if (args.empty()) {
            err << "makepack: missing command\n";
            print_usage(err);
            err << "Run 'makepack --help' for the commands.\n";
            return kBadInput;
        }
        const std::string& first = args[0];
        if (first == "-h" || first == "--help" || first == "help") {
            if (args.size() >= 2) {
                if (const Command* command = find_command(args[1])) {
                    command->help(out);
                    return kOk;
                }
                err << "makepack: unknown command '" << args[1] << "'\nRun 'makepack --help' for the commands.\n";
                return kBadInput;
            }
            print_main_help(out);
            return kOk;
        }
        if (first == "-V" || first == "--version") {
            out << "makepack " << kVersion << "\n";
            return kOk;
        }
        if (!first.empty() && first[0] == '-') {
            err << "makepack: unknown option '" << first << "' (options follow the command)\n";
            print_usage(err);
            err << "Run 'makepack --help' for the commands.\n";
            return kBadInput;
        }
        const Command* command = find_command(first);
        if (!command) {
            err << "makepack: unknown command '" << first << "'\n";
            print_usage(err);
            err << "Run 'makepack --help' for the commands.\n";
            return kBadInput;
        }
        args.erase(args.begin());
        if (wants_help(args)) {
            command->help(out);
            return kOk;
        }
        return command->run(args, out, err);
    } catch (const std::exception& e) {
        out.flush();
        err << "makepack: internal error: " << e.what() << "\n";
    } catch (...) {
        out.flush();
        err << "makepack: internal error: unknown exception\n";
    }
    return kInternal;
}

std::uint64_t parse_byte_size(const std::string& text) {
    std::size_t used = 0;
    unsigned long long value = 0;
    try {
        if (text.empty() || text[0] == '-' || text[0] == '+') throw std::invalid_argument(text);
        value = std::stoull(text, &used);
    } catch (const std::exception&) {
        throw UsageError("--max-input-size must be a number of bytes (suffix K, M or G for KiB, MiB, GiB), got '" +
                         text + "'");
    }
    const std::string suffix = text.substr(used);
    int shift = 0;
    if (suffix == "K" || suffix == "k") shift = 10;
    else if (suffix == "M") shift = 20;
    else if (suffix == "G") shift = 30;
    else if (!suffix.empty())
        throw UsageError("--max-input-size: unknown suffix '" + suffix + "' (use K, M or G)");
    if (value == 0 || value > (std::numeric_limits<std::uint64_t>::max() >> 31))
        throw UsageError("--max-input-size must be at least 1 byte and at most 2^33 GiB, got '" + text + "'");
    return static_cast<std::uint64_t>(value) << shift;
}

po::variables_map parse_command_line(const std::vector<std::string>& args, const po::options_description& options,
                                     const po::positional_options_description& positional) {
    po::variables_map vm;
    // Every command reads files: the input size limit is common to all (docs/cli.md).
    po::options_description all;
    all.add(options);
    std::string max_input;
    all.add_options()("max-input-size", po::value(&max_input));
    try {
        po::store(po::command_line_parser(args)
                      .options(all)
                      .positional(positional)
                      .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                      .run(),
                  vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    set_max_input_bytes(max_input.empty() ? kDefaultMaxInputBytes : parse_byte_size(max_input));
    return vm;
}

bool wants_help(const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (arg == "--") return false;
        if (arg == "-h" || arg == "--help") return true;
    }
    return false;
}

void require_readable_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw FileError("cannot read " + what + " file '" + path + "': no such file");
    if (fs::is_directory(status)) throw FileError("cannot read " + what + " file '" + path + "': it is a directory");
    std::ifstream in(path);
    if (!in) throw FileError("cannot read " + what + " file '" + path + "': " + std::strerror(errno));
}

void require_writable_path(const std::string& path, const std::vector<std::string>& inputs) {
    if (path.empty()) throw FileError("the output path is empty");
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw FileError("cannot write '" + path + "': it is a directory (give a file name with -o)");
    try {
        probe_output(path);  // the same checks and temporary file as the write itself
        const std::string target = output_target(path);
        for (const std::string& input : inputs)
            if (!input.empty() && fs::equivalent(target, input, ec) && !ec)
                throw FileError("cannot write '" + path + "': it is the input file '" + input +
                                "' (write the output elsewhere)");
    } catch (const FileError&) {
        throw;
    } catch (const std::exception& e) {
        throw FileError(e.what());
    }
}

void require_distinct_outputs(const std::vector<std::pair<std::string, std::string>>& outputs) {
    const auto same_file = [](const std::string& a, const std::string& b) {
        std::error_code ec1, ec2;
        const fs::path ta = fs::weakly_canonical(fs::absolute(output_target(a)), ec1);
        const fs::path tb = fs::weakly_canonical(fs::absolute(output_target(b)), ec2);
        if (!ec1 && !ec2 && ta == tb) return true;
        return fs::equivalent(a, b, ec1) && !ec1;  // hard links: one file, two names
    };
    for (std::size_t i = 0; i < outputs.size(); ++i)
        for (std::size_t j = i + 1; j < outputs.size(); ++j)
            if (!outputs[i].second.empty() && !outputs[j].second.empty() &&
                same_file(outputs[i].second, outputs[j].second))
                throw UsageError(outputs[i].first + " and " + outputs[j].first + " name the same file '" +
                                 outputs[j].second + "'");
}

void write_output_file(const std::string& path, const std::string& text) {
    try {
        write_file_atomically(path, text);
    } catch (const std::exception& e) {
        throw FileError(e.what());  // already "cannot write 'PATH': reason"
    }
}

int guarded(const std::string& command, std::ostream& err, const std::function<int()>& body) {
    try {
        return body();
    } catch (const InputError& e) {
        err << e.what() << "\n";
    } catch (const FileError& e) {
        err << "makepack: " << e.what() << "\n";
    } catch (const UsageError& e) {
        err << "makepack " << command << ": " << e.what() << "\n"
            << "Run 'makepack " << command << " --help' for usage.\n";
    }
    return kBadInput;
}

std::string describe_size(const Instance& instance) {
    auto count = [](int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    return count(instance.num_mixers, "mixer", "mixers") + ", " + count(instance.num_lines(), "line", "lines") + ", " +
           count(instance.num_pastes, "paste", "pastes") + ", " + count(instance.num_skus(), "SKU", "SKUs") +
           ", horizon " + std::to_string(instance.horizon) + " " + instance.time_unit + "s";
}

std::string size_text(std::size_t bytes) {
    if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
    if (bytes < 10 * 1024 * 1024) return std::to_string((bytes + 512) / 1024) + " KB";
    return std::to_string((bytes + 512 * 1024) / (1024 * 1024)) + " MB";
}

std::string seconds_text(double seconds) {
    char buffer[32];
    if (seconds < 1e-3)
        std::snprintf(buffer, sizeof buffer, "%.0f us", seconds * 1e6);
    else if (seconds < 1)
        std::snprintf(buffer, sizeof buffer, "%.1f ms", seconds * 1e3);
    else
        std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
    return buffer;
}

std::string violation_count_text(const CheckResult& check) {
    const std::size_t listed = check.violations.size();
    const std::size_t count = std::max(check.violation_count, listed);
    std::string text = std::to_string(count) + (count == 1 ? " violation" : " violations");
    if (count > listed) text += " (the first " + std::to_string(listed) + " listed)";
    return text;
}

PlanArgs parse_plan_args(const std::vector<std::string>& args, boost::program_options::options_description options) {
    std::vector<std::string> files;
    options.add_options()("file", boost::program_options::value(&files));
    boost::program_options::positional_options_description positional;
    positional.add("file", 2);
    PlanArgs parsed;
    parsed.vm = parse_command_line(args, options, positional);
    if (files.size() < 2)
        throw UsageError(files.empty() ? "missing INSTANCE and SCHEDULE" : "missing SCHEDULE (the schedule YAML file)");
    parsed.instance_path = files[0];
    parsed.schedule_path = files[1];
    return parsed;
}

void add_allow_unmet_option(boost::program_options::options_description& options) {
    options.add_options()("allow-unmet", boost::program_options::value<double>()->value_name("PENALTY"),
                          "treat hard demand as soft for this run: an unmet unit costs PENALTY (a SKU's own "
                          "unmet_penalty wins); the planner's \"what can we make?\"");
}

LoadOptions load_options(const boost::program_options::variables_map& vm) {
    LoadOptions options;
    if (vm.count("allow-unmet")) {
        const double penalty = vm["allow-unmet"].as<double>();
        if (!std::isfinite(penalty) || penalty < 0 || penalty > 1e12)
            throw UsageError("--allow-unmet must be a penalty per unit between 0 and 1e12");
        options.allow_unmet = penalty;
    }
    return options;
}

CheckedPlan load_and_check_plan(const PlanArgs& args) {
    CheckedPlan plan;
    plan.schedule_path = args.schedule_path;
    require_readable_file(args.instance_path, "instance");
    plan.instance = load_instance(args.instance_path, load_options(args.vm));
    require_readable_file(args.schedule_path, "schedule");
    plan.schedule = load_schedule(plan.instance, args.schedule_path);
    plan.check = check_schedule(plan.instance, plan.schedule);
    return plan;
}

void print_check_verdict(std::ostream& out, const CheckedPlan& plan, const std::string& infeasible_suffix) {
    if (!plan.check.feasible()) {
        for (const Violation& v : plan.check.violations) out << to_string(v) << "\n";
        out << violation_count_text(plan.check) << ": " << plan.schedule_path << " is not a feasible schedule of "
            << plan.instance.name << infeasible_suffix << "\n";
        return;
    }
    out << plan.schedule_path << " is a feasible schedule of " << plan.instance.name << " (" << plan.schedule.rows.size()
        << " rows, " << describe_size(plan.instance) << ")\n\n";
}

}  // namespace makepack::cli
