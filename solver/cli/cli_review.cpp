#include "solver/cli/cli_review.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/checker.hpp"
#include "model/input_file.hpp"
#include "model/io_yaml.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/solve/bound_phase.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/cli/cli_search_options.hpp"
#include "solver/cli/cli_signals.hpp"
#include "solver/cli/cli_solve.hpp"
#include "solver/report/report_tables.hpp"
#include "solver/review/review.hpp"

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

struct ReviewArgs {
    std::string instance;
    std::string previous;
    long long freeze_until = -1;
    std::string output;
    std::string write_instance;
    SearchArgs search;
    bool quiet = false;
};

const SearchOptionSet kReviewSearchOptions{
    "wall-clock budget in seconds: the warm start, then the search improves it until then"};

po::options_description visible_options(ReviewArgs& a) {
    po::options_description options("Options");
    options.add_options()
        ("previous", po::value(&a.previous)->value_name("PLAN"),
         "the plan under review (schedule YAML, e.g. last week's `makepack solve` or `review` output); required")
        ("freeze-until", po::value(&a.freeze_until)->value_name("T"),
         "the review time: PLAN's rows and blocks starting before T are fixed exactly, everything else is "
         "re-planned from T on; an integer in [0, horizon of INSTANCE]; required")
        ("output,o", po::value(&a.output)->value_name("FILE"),
         "where to write the new schedule YAML (default: <instance name>.schedule.yaml in the current directory)")
        ("write-instance", po::value(&a.write_instance)->value_name("FILE"),
         "also write the frozen instance: INSTANCE's text plus frozen_until and fixed (rows, blocks), so that "
         "`makepack verify FILE SCHEDULE` checks the new plan alone")
        ;
    add_search_options(options, a.search, kReviewSearchOptions);
    options.add_options()
        ("quiet,q", po::bool_switch(&a.quiet), "print nothing but errors (no progress, no tables)");
    add_allow_unmet_option(options);
    options.add_options()("help,h", "this help");
    return options;
}

// The written files must stand on their own: the frozen instance text loads
// with the same fixed items, and the schedule text passes `verify` against it.
// `load`: the review's --allow-unmet (the written instance keeps hard demand
// hard; `verify` needs the same option).
std::string self_check(const std::string& instance_text, const std::string& instance_name, const Instance& frozen,
                       const std::string& schedule_text, const LoadOptions& load) {
    Instance reloaded;
    try {
        reloaded = parse_instance(instance_text, instance_name, load);
    } catch (const InputError& e) {
        return std::string("the frozen instance does not load: ") + e.what();
    }
    if (reloaded.frozen_until != frozen.frozen_until || reloaded.fixed_rows != frozen.fixed_rows ||
        reloaded.fixed_blocks != frozen.fixed_blocks)
        return "the frozen instance loads with other fixed items than the review's";
    try {
        const Schedule schedule = parse_schedule(reloaded, schedule_text, "schedule");
        const CheckResult check = check_schedule(reloaded, schedule);
        if (!check.feasible()) return "verify would reject the schedule: " + to_string(check.violations.front());
    } catch (const InputError& e) {
        return std::string("the schedule does not read back: ") + e.what();
    }
    return {};
}

void print_stability(std::ostream& out, const Instance& frozen, const PlanStability& s) {
    out << "Plan stability (MODEL.md 6): " << s.previous << " rows of the previous plan start at or after "
        << frozen.frozen_until << "\n"
        << "  kept " << s.kept << " unchanged, moved " << s.moved << ", removed " << s.removed << "; new rows "
        << s.added << "; changes " << s.changes() << " (objective weight " << format_number(frozen.weights.changes)
        << ")\n";
}

}  // namespace

void print_review_help(std::ostream& out) {
    ReviewArgs a;
    out << "makepack review - the rolling weekly re-plan with a frozen past (MODEL.md 6)\n\n"
           "Usage: makepack review INSTANCE --previous PLAN --freeze-until T [-o FILE]\n"
           "                       [--write-instance FILE] [--time-limit S] [--seed N] [--threads N] [--quiet]\n"
           "                       [--allow-unmet PENALTY] [--iterations N | --work W] [--target OBJ]\n"
           "                       [--destroy A,B] [--repair A,B] [--moves A,B] [--check-moves]\n\n"
           "INSTANCE is the full data of the new horizon (it may add pastes and SKUs,\n"
           "extend the horizon, announce outages); PLAN is the plan under review, read\n"
           "against INSTANCE (its ids must exist there). What PLAN starts before T -\n"
           "rows and maintenance / spare-capacity blocks - is fixed exactly and its\n"
           "production counts towards demand. Everything else is re-planned from T on:\n"
           "PLAN's rows and blocks from T on that still fit the new instance are the warm\n"
           "start, completed with the missing demand, paste and calendar blocks (if that\n"
           "fails: the backward greedy), then the parallel search improves it until the\n"
           "time limit. The plan is checked against every rule before it is written.\n"
           "Prints plan stability: PLAN's rows from T on kept unchanged (same resource,\n"
           "product, start and amount), moved, removed, and the new rows; with objective\n"
           "weight `changes` > 0 the search also minimises the rows not kept.\n"
           "With --allow-unmet PENALTY the new horizon's hard demand is soft for this\n"
           "review (what can still be made after a breakdown); the fill rate is printed.\n"
           "The written files keep the demand hard: verify them with the same option.\n\n"
        << visible_options(a)
        << "\nExit codes:\n"
           "  0  a schedule was found, checked and written\n"
           "  2  bad input or usage: a file unreadable or invalid, T not an integer in\n"
           "     [0, horizon], INSTANCE already frozen, a fixed item that overlaps an\n"
           "     outage (the row or block is named), or an output that cannot be written\n"
           "  3  the frozen instance cannot be scheduled; nothing is written\n"
           "  4  internal error (a bug in makepack); nothing is written\n"
           "  130, 143  stopped by SIGINT / SIGTERM before a plan existed, or by a second\n"
           "     signal; a first signal while planning keeps the best plan (exit 0)\n"
           "\nExamples (the thesis's weekly reviews, docs/review.md):\n"
           "  makepack solve instances/oakhill-4w.yaml -o plans/4w.yaml\n"
           "  makepack review instances/oakhill-5w.yaml --previous plans/4w.yaml --freeze-until 168 \\\n"
           "      -o plans/5w.yaml --write-instance plans/5w-frozen.yaml\n"
           "  makepack review instances/oakhill-6w.yaml --previous plans/5w.yaml --freeze-until 336 \\\n"
           "      -o plans/6w.yaml --write-instance plans/6w-frozen.yaml --time-limit 30\n"
           "  makepack verify plans/6w-frozen.yaml plans/6w.yaml\n"
           "  makepack review instances/oakhill-6w.yaml --previous plans/5w.yaml --freeze-until 336 \\\n"
           "      -o plans/6w.yaml --write-instance plans/6w-frozen.yaml --allow-unmet 50\n"
           "  makepack verify plans/6w-frozen.yaml plans/6w.yaml --allow-unmet 50\n"
           "      a week with an outage too long for all demand: 50 per unit not packed\n";
}

namespace {

// The frozen instance as YAML: INSTANCE's own text plus frozen_until and fixed.
std::string frozen_instance_text(const std::string& instance_path, const Instance& frozen) {
    try {
        return frozen_instance_yaml(read_input_file(instance_path, "an instance"), frozen);
    } catch (const std::invalid_argument& e) {
        throw InputError(instance_path, 0, 0, "", e.what());
    }
}

// freeze_previous_plan names PLAN's or INSTANCE's fields by path only (it
// works on what was loaded): their line and column are looked up in the file.
ReviewInput freeze_located(const Instance& instance, const Schedule& previous, int t0, const ReviewArgs& a) {
    try {
        return freeze_previous_plan(instance, previous, t0, a.previous);
    } catch (const InputError& e) {
        if (e.line() != 0 || e.field().empty() || (e.file() != a.previous && e.file() != a.instance)) throw;
        const io::Document doc = io::Document::parse(read_input_file(e.file(), "an input"), e.file());
        const io::Mark at = io::locate(doc, e.field());
        if (at.line == 0) throw;
        throw InputError(e.file(), at.line, at.column, e.field(), e.message());
    }
}

// Fail before spending the time limit: no output overwrites an input or the other output.
void require_review_outputs(const ReviewArgs& a, const std::string& output) {
    require_writable_path(output, {a.instance, a.previous});
    if (!a.write_instance.empty()) require_writable_path(a.write_instance, {a.instance, a.previous});
    require_distinct_outputs({{"-o", output}, {"--write-instance", a.write_instance}});
}

// What one review works with once the previous plan is frozen.
struct ReviewRun {
    const ReviewArgs& a;
    const Instance& instance;  // as loaded
    const Schedule& previous;
    const ReviewInput& input;  // input.instance: the frozen instance
    int t0;
    std::string frozen_text;
    std::string output;
    LoadOptions load;
};

void announce_review(const ReviewRun& run, const LowerBound& bound, std::ostream& err) {
    const Instance& frozen = run.input.instance;
    err << "makepack: reviewing " << run.instance.name << " (" << describe_size(run.instance) << ") over "
        << run.a.previous << ", frozen until " << run.t0 << ": " << frozen.fixed_rows.size() << " fixed rows, "
        << frozen.fixed_blocks.size() << " fixed blocks, " << frozen.previous_rows->size()
        << " previous rows to re-plan; time limit " << run.a.search.time_limit << " s\n";
    if (bound.bound > 0) err << "makepack: lower bound " << format_number(bound.bound) << " (" << bound.used << ")\n";
}

void print_reviewed(const ReviewRun& run, const ReviewOutcome& outcome, const CheckResult& check,
                    const PlanStability& stability, double lower_bound, std::ostream& out, std::ostream& err) {
    const Instance& frozen = run.input.instance;
    const Schedule& schedule = *outcome.schedule;
    err << "makepack: reviewed " << run.instance.name << " in " << seconds_text(outcome.seconds) << ": objective "
        << format_number(check.objective.total) << ", " << schedule.rows.size() << " rows, written to " << run.output
        << "\n";
    out << "Review of " << run.instance.name << " (" << describe_size(run.instance) << ")\n"
        << "Previous plan " << run.a.previous << ": " << run.previous.rows.size() << " rows; frozen until " << run.t0
        << ": " << frozen.fixed_rows.size() << " rows and " << frozen.fixed_blocks.size()
        << " blocks start before it and are kept exactly\n"
        << "Start: " << outcome.start_method << ", objective " << format_number(outcome.start_objective);
    if (outcome.warm_failure.empty())
        out << " (" << outcome.warm_rows_kept << " of " << frozen.previous_rows->size() << " previous rows from "
            << run.t0 << " on kept)\n";
    else
        out << "\n  warm start failed: " << outcome.warm_failure << "\n";
    out << "Schedule written to " << run.output << " (" << schedule.rows.size() << " rows, " << schedule.blocks.size()
        << " blocks)";
    if (!run.a.write_instance.empty()) out << "; frozen instance written to " << run.a.write_instance;
    out << "\nReview time " << seconds_text(outcome.seconds) << " (" << outcome.iterations << " search iterations)\n\n";
    print_stability(out, frozen, stability);
    out << "\n";
    print_plan_result(out, frozen, schedule, check.objective, lower_bound);
    out << "\n";
    print_resource_table(out, frozen, resource_kpis(frozen, schedule));
}

// The review's plan passes the checker, reads back against the frozen
// instance's own text, and its change count agrees before anything is written.
int write_reviewed(const ReviewRun& run, const ReviewOutcome& outcome, double lower_bound, std::ostream& out,
                   std::ostream& err) {
    const Instance& frozen = run.input.instance;
    const Schedule& schedule = *outcome.schedule;
    const CheckResult check = check_schedule(frozen, schedule);  // knows the previous plan: counts `changes`
    if (!check.feasible()) {
        err << "makepack: internal error: the checker rejects the review's schedule (a bug in makepack; nothing "
               "written):\n";
        for (const Violation& v : check.violations) err << "  " << to_string(v) << "\n";
        err << "makepack: " << violation_count_text(check) << "\n";
        return kInternal;
    }
    const std::string schedule_text = schedule_to_yaml(frozen, schedule, check.objective);
    const std::string& frozen_path = run.a.write_instance.empty() ? run.a.instance : run.a.write_instance;
    if (const std::string problem = self_check(run.frozen_text, frozen_path, frozen, schedule_text, run.load);
        !problem.empty()) {
        err << "makepack: internal error: " << problem << " (a bug in makepack; nothing written)\n";
        return kInternal;
    }
    const PlanStability stability = compare_plans(frozen, schedule);
    if (stability.changes() != static_cast<int>(check.objective.changes)) {
        err << "makepack: internal error: the checker counts " << check.objective.changes << " changes, the "
            << "stability count " << stability.changes() << " (a bug in makepack; nothing written)\n";
        return kInternal;
    }
    {
        const StopSignals::Defer defer;  // a second signal waits for both renames
        if (!run.a.write_instance.empty()) write_output_file(run.a.write_instance, run.frozen_text);
        write_output_file(run.output, schedule_text);
    }
    if (!run.a.quiet) print_reviewed(run, outcome, check, stability, lower_bound, out, err);
    out.flush();
    return kOk;
}

}  // namespace

int run_review(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("review", err, [&]() -> int {
        ReviewArgs a;
        po::options_description options = visible_options(a);
        options.add_options()("instance", po::value(&a.instance));
        po::positional_options_description positional;
        positional.add("instance", 1);
        const po::variables_map vm = parse_command_line(args, options, positional);
        if (a.instance.empty()) throw UsageError("missing INSTANCE (the new horizon's instance YAML file)");
        if (!vm.count("previous")) throw UsageError("missing --previous PLAN (the plan under review)");
        if (!vm.count("freeze-until")) throw UsageError("missing --freeze-until T (the review time)");
        ReviewOptions review_options;
        static_cast<SearchOptions&>(review_options) = checked_search_options(a.search, vm, kReviewSearchOptions);

        StopSignals signals;  // SIGINT, SIGTERM: before a plan exists they end the program at once
        require_readable_file(a.instance, "instance");
        const LoadOptions load = load_options(vm);
        const Instance instance = load_instance(a.instance, load);
        if (a.freeze_until < 0 || a.freeze_until > instance.horizon)
            throw UsageError("--freeze-until " + std::to_string(a.freeze_until) + " is not in [0, " +
                             std::to_string(instance.horizon) + "], the horizon of " + instance.name);
        const int t0 = static_cast<int>(a.freeze_until);
        require_readable_file(a.previous, "previous plan");
        const Schedule previous = load_schedule(instance, a.previous);
        const ReviewInput input = freeze_located(instance, previous, t0, a);
        const Instance& frozen = input.instance;
        const std::string output = vm.count("output") ? a.output : default_schedule_path(instance.name);
        const ReviewRun run{a, instance, previous, input, t0, frozen_instance_text(a.instance, frozen), output, load};
        require_review_outputs(a, output);

        const BoundPhase bound_phase = run_bound_phase(frozen, bound_options_for(a.search.time_limit),
                                                       bound_wall_seconds(a.search.time_limit), signals.flag());
        const LowerBound bound = bound_phase.bound.value_or(LowerBound{});
        if (!bound_phase.bound && !a.quiet) err << "makepack: bound skipped: " << bound_phase.skipped << "\n";
        if (bound.infeasible) {
            err << "makepack: the review of " << instance.name << " at " << t0
                << " cannot be scheduled: " << bound.reason << "\n";
            return kNoSchedule;
        }
        review_options.lower_bound = bound.bound;
        signals.planning();  // from here on a first signal stops the search and keeps its best plan
        review_options.stop = signals.flag();
        if (!a.quiet) {
            review_options.progress = [&err](const std::string& line) { err << "makepack: " << line << "\n"; };
            announce_review(run, bound, err);
        }

        const ReviewOutcome outcome = review_plan(input, review_options);
        if (signals.stopped() && !outcome.schedule) {
            err << "makepack: stopped by " << signals.signal_name() << " before a plan was found; nothing written\n";
            return signals.exit_code();
        }
        if (signals.stopped() && !a.quiet)
            err << "makepack: stopped by " << signals.signal_name() << "; keeping the best plan found so far\n";
        if (!outcome.schedule) {
            err << "makepack: the review of " << instance.name << " at " << t0 << " cannot be scheduled: "
                << outcome.failure << "\nmakepack: nothing written\n";
            return kNoSchedule;
        }
        return write_reviewed(run, outcome, bound.bound, out, err);
    });
}

}  // namespace makepack::cli
