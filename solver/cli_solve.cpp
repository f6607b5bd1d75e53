#include "solver/cli_solve.hpp"

#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/cli_common.hpp"
#include "solver/report_tables.hpp"
#include "solver/solve.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

struct SolveArgs {
    std::string instance;
    std::string output;
    double time_limit = SolveOptions{}.time_limit_seconds;
    long long seed = 0;
    long long threads = 0;
    bool quiet = false;
};

po::options_description visible_options(SolveArgs& a) {
    po::options_description options("Options");
    options.add_options()
        ("output,o", po::value(&a.output)->value_name("FILE"),
         "where to write the schedule YAML (default: <instance name>.schedule.yaml in the current directory)")
        ("time-limit", po::value(&a.time_limit)->value_name("S")->default_value(a.time_limit),
         "wall-clock budget of the solve in seconds: the greedy start plan, then the search improves it until then")
        ("seed", po::value(&a.seed)->value_name("N")->default_value(0), "random seed, 0 = the deterministic default order")
        ("threads", po::value(&a.threads)->value_name("N")->default_value(0), "worker threads of the search, 0 = all cores")
        ("quiet,q", po::bool_switch(&a.quiet), "print nothing but errors (no progress, no tables)")
        ("help,h", "this help");
    return options;
}

}  // namespace

std::string default_schedule_path(const std::string& instance_name) {
    std::string name = instance_name.empty() ? std::string("makepack") : instance_name;
    for (char& c : name)
        if (c == '/' || c == '\\') c = '_';
    if (name == "." || name == "..") name = "makepack";
    return name + ".schedule.yaml";
}

void print_solve_help(std::ostream& out) {
    SolveArgs a;
    out << "makepack solve - plan an instance and write a feasible schedule\n\n"
           "Usage: makepack solve INSTANCE [-o FILE] [--time-limit S] [--seed N] [--threads N] [--quiet]\n\n"
           "Loads INSTANCE (YAML, docs/MODEL.md section 8) and plans it: the backward\n"
           "greedy builds a start plan, the parallel search improves it until the time\n"
           "limit. Checks the result against every rule of the model and only if it is\n"
           "feasible writes the schedule YAML (atomically: a temporary file beside FILE,\n"
           "then a rename, so FILE is never half-written). Prints the objective breakdown\n"
           "(total and each component with its weight), the per-resource table and the\n"
           "solve time on stdout; progress lines on stderr while it runs.\n\n"
        << visible_options(a)
        << "\nExit codes:\n"
           "  0  a schedule was found, checked and written\n"
           "  2  bad input or usage: INSTANCE unreadable or invalid (file:line:col: field: message),\n"
           "     a bad option, or FILE cannot be written (its directory does not exist)\n"
           "  3  the instance cannot be scheduled: the reason is printed, nothing is written\n"
           "  4  internal error: the checker rejected the solver's schedule (a bug; the\n"
           "     violations are printed), nothing is written\n"
           "\nExamples:\n"
           "  makepack solve instances/oakhill-4w.yaml\n"
           "      writes ./oakhill-4w.schedule.yaml and prints objective and table\n"
           "  makepack solve instances/oakhill-6w.yaml -o plans/6w.yaml --time-limit 30 --seed 7\n"
           "  makepack solve instances/bench/medium.yaml -o medium.yaml --quiet && echo planned\n";
}

int run_solve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("solve", err, [&]() -> int {
        SolveArgs a;
        po::options_description options = visible_options(a);
        options.add_options()("instance", po::value(&a.instance));
        po::positional_options_description positional;
        positional.add("instance", 1);
        const po::variables_map vm = parse_command_line(args, options, positional);
        if (a.instance.empty()) throw UsageError("missing INSTANCE (the instance YAML file)");
        if (!std::isfinite(a.time_limit) || a.time_limit <= 0)
            throw UsageError("--time-limit must be a positive number of seconds");
        if (a.seed < 0 || a.seed > std::numeric_limits<unsigned>::max())
            throw UsageError("--seed must be between 0 and " + std::to_string(std::numeric_limits<unsigned>::max()));
        if (a.threads < 0 || a.threads > 4096) throw UsageError("--threads must be between 0 and 4096");

        require_readable_file(a.instance, "instance");
        const Instance instance = load_instance(a.instance);
        const std::string output = vm.count("output") ? a.output : default_schedule_path(instance.name);
        require_writable_path(output);  // fail before spending the time limit

        SolveOptions solve_options;
        solve_options.time_limit_seconds = a.time_limit;
        solve_options.seed = static_cast<unsigned>(a.seed);
        solve_options.threads = static_cast<unsigned>(a.threads);
        if (!a.quiet) solve_options.progress = [&err](const std::string& line) { err << "makepack: " << line << "\n"; };

        if (!a.quiet)
            err << "makepack: solving " << instance.name << " (" << describe_size(instance) << ", time limit "
                << a.time_limit << " s)\n";
        const SolveOutcome outcome = solve_instance(instance, solve_options);
        if (!outcome.schedule) {
            err << "makepack: instance " << instance.name << " cannot be scheduled: " << outcome.failure << "\n";
            if (!a.quiet) err << "makepack: no schedule found after " << seconds_text(outcome.seconds) << "; nothing written\n";
            return kNoSchedule;
        }
        const Schedule& schedule = *outcome.schedule;

        const auto check_started = std::chrono::steady_clock::now();
        const CheckResult check = check_schedule(instance, schedule);
        const double check_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - check_started).count();
        if (!check.feasible()) {
            err << "makepack: internal error: the checker rejects the schedule of the " << outcome.method
                << " (a bug in makepack; nothing written):\n";
            for (const Violation& v : check.violations) err << "  " << to_string(v) << "\n";
            err << "makepack: " << violation_count_text(check) << "\n";
            return kInternal;
        }

        try {
            write_file_atomically(output, schedule_to_yaml(instance, schedule, check.objective));
        } catch (const InputError&) {
            throw;
        } catch (const std::exception& e) {
            throw FileError("cannot write '" + output + "': " + e.what());
        }

        if (!a.quiet) {
            err << "makepack: solved " << instance.name << " in " << seconds_text(outcome.seconds) << ": objective "
                << format_number(check.objective.total) << ", " << schedule.rows.size() << " rows, written to "
                << output << "\n";
            out << "Instance " << instance.name << " (" << describe_size(instance) << ")\n"
                << "Schedule written to " << output << " (" << schedule.rows.size() << " rows, "
                << schedule.blocks.size() << " blocks)\n"
                << "Solve time " << seconds_text(outcome.seconds) << " (" << outcome.method << "), check "
                << seconds_text(check_seconds) << "\n\n";
            print_objective(out, instance, check.objective);
            out << "\n";
            print_resource_table(out, instance, resource_kpis(instance, schedule));
        }
        out.flush();
        return kOk;
    });
}

}  // namespace makepack::cli
