#include "solver/cli/cli_solve.hpp"

#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/solve/bound_phase.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/cli/cli_search_options.hpp"
#include "solver/mpi/islands.hpp"
#include "solver/mpi/session.hpp"
#include "solver/solve/partial_plan.hpp"
#include "solver/cli/cli_signals.hpp"
#include "solver/cli/cli_start.hpp"
#include "solver/report/report_tables.hpp"
#include "solver/solve/run_summary.hpp"
#include "solver/solve/shortage_report.hpp"
#include "solver/solve/solve.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "heuristics/frozen_capacity.hpp"
#include "heuristics/operators/operator.hpp"
#include "model/bound/lower_bound.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

const SearchOptionSet kSolveSearchOptions{
    "wall-clock budget of the solve in seconds: the greedy start plan, then the search improves it until then"};

struct SolveArgs {
    std::string instance;
    std::string output;
    SearchArgs search;
    bool quiet = false;
    bool greedy_only = false;
    bool list_operators = false;
    bool operator_table = false;
    std::string partial;
    std::string summary;
    StartArgs start;
};

void print_operators(std::ostream& out) {
    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    auto section = [&out](const char* title, const auto& infos) {
        out << title << "\n";
        for (const auto& info : infos) {
            std::string name = info.name;
            name.resize(std::max<std::size_t>(name.size(), 17), ' ');
            out << "  " << name << " " << info.description << "\n";
        }
    };
    section("Destroy operators (--destroy):", registry.destroys());
    section("Repair operators (--repair):", registry.repairs());
    section("Simulated-annealing moves (--moves):", registry.moves());
    out << "\nAdd your own: docs/operators.md (one class, one registration line).\n";
}

void print_operator_table(std::ostream& out, const SolveOutcome& outcome) {
    out << "Search: " << outcome.iterations << " iterations on " << outcome.threads << " thread"
        << (outcome.threads == 1 ? "" : "s") << ", greedy start " << format_number(outcome.start_objective)
        << ", best found after " << seconds_text(outcome.time_to_best) << "\n";
    out << "  operator                         calls  failed  accepted  improved  new best  mean ms  work units  discarded\n";
    for (const auto& [name, s] : outcome.operator_stats) {
        char line[200];
        std::snprintf(line, sizeof line, "  %-30s %7lld %7lld %9lld %9lld %9lld %8.3f %11lld %10lld\n", name.c_str(),
                      s.calls, s.failed, s.accepted, s.improvements, s.new_bests,
                      s.calls ? 1000.0 * s.seconds / s.calls : 0.0, s.work, s.discarded);
        out << line;
    }
}

po::options_description visible_options(SolveArgs& a) {
    po::options_description options("Options");
    options.add_options()
        ("output,o", po::value(&a.output)->value_name("FILE"),
         "where to write the schedule YAML (default: <instance name>.schedule.yaml in the current directory)")
        ;
    add_search_options(options, a.search, kSolveSearchOptions);
    options.add_options()
        ("quiet,q", po::bool_switch(&a.quiet), "print nothing but errors (no progress, no tables)")
        ("greedy-only", po::bool_switch(&a.greedy_only), "write the start plan (--start), no search")
        ("list-operators", po::bool_switch(&a.list_operators), "list the operators and exit")
        ("operator-table", po::bool_switch(&a.operator_table), "print calls, acceptances and improvements per operator")
        ("summary", po::value(&a.summary)->value_name("FILE"),
         "also write the run's facts as JSON to FILE: status, objective and components, bound, gap, time to "
         "first and best plan, iterations, threads, seed, version, instance hash (docs/cli.md, \"Run summary\")")
        ("partial", po::value(&a.partial)->value_name("FILE"),
         "when hard demand is still short at the end (exit 3): write the best partial plan to FILE, marked as "
         "such (makepack verify accepts it only with --allow-unmet)");
    add_start_options(options, a.start);
    add_allow_unmet_option(options);
    options.add_options()("help,h", "this help");
    return options;
}

// Exit 3 without a proof: the time limit (or Ctrl-C) ended the search with
// hard demand still short. Lists what is short and why; --partial writes the
// best partial plan, checked as a plan of the instance with that demand soft.
// `proof`: why no plan exists, when one was found after the search ("" none).
int report_no_schedule(const Instance& instance, const SolveOutcome& outcome, const SolveArgs& a, std::ostream& err,
                       const std::string& proof = {}) {
    if (!proof.empty())
        err << "makepack: instance " << instance.name << " cannot be scheduled (proof: " << proof << "\n";
    else
        err << "makepack: instance " << instance.name << " cannot be scheduled (unproved: "
            << (outcome.stopped ? "stopped" : a.search.iterations > 0 ? "iteration budget" : a.search.work > 0 ? "work budget" : "time limit") << "): "
            << outcome.failure << "\n";
    if (!outcome.partial) {
        if (!a.quiet) err << "makepack: no plan found after " << seconds_text(outcome.seconds) << "; nothing written\n";
        return kNoSchedule;
    }
    for (const std::string& line : shortage_lines(instance, find_shortages(instance, *outcome.partial)))
        err << "makepack:   " << line << "\n";
    if (a.partial.empty()) {
        if (!a.quiet) err << "makepack: nothing written (--partial FILE writes the best partial plan)\n";
        return kNoSchedule;
    }
    const PartialPlanFile file = partial_plan_file(instance, *outcome.partial, outcome.shortfall);
    const CheckResult& check = file.check;
    if (!check.feasible()) {
        err << "makepack: internal error: the checker rejects the partial plan (a bug in makepack; nothing written):\n";
        for (const Violation& v : check.violations) err << "  " << to_string(v) << "\n";
        return kInternal;
    }
    write_file_atomically(a.partial, file.text);
    err << "makepack: best partial plan written to " << a.partial << "\n";
    return kNoSchedule;
}

// Fail before spending the time limit; no output may overwrite an input or another output.
void require_output_paths(const SolveArgs& a, const std::string& output) {
    require_writable_path(output, {a.instance});
    if (!a.partial.empty()) require_writable_path(a.partial, {a.instance});
    if (!a.summary.empty()) require_writable_path(a.summary, {a.instance});
    require_distinct_outputs({{"-o", output}, {"--partial", a.partial}, {"--summary", a.summary}});
}

// --summary FILE: the run's facts, written once the run's status is known.
class SummaryFile {
public:
    SummaryFile(const SolveArgs& a, const Instance& instance, unsigned seed) : path_(a.summary) {
        summary_.instance = instance.name;
        summary_.instance_file = a.instance;
        summary_.time_limit = a.search.time_limit;
        summary_.facts.version = kVersion;
        summary_.facts.seed = seed;
        summary_.facts.instance_hash = instance_file_hash(a.instance);
    }
    void record(const SolveOutcome& outcome, const LowerBound& bound, unsigned seed) {
        if (bound.bound > 0) summary_.bound = bound.bound;
        summary_.facts = run_facts(outcome, seed, summary_.instance_file);
        summary_.seconds = outcome.seconds;
        summary_.method = outcome.method;
        if (outcome.schedule || outcome.partial) summary_.time_to_best = outcome.time_to_best;
    }
    void set_objective(const ObjectiveBreakdown& objective) { summary_.facts.objective = objective; }
    void write(const std::string& status, const std::string& message) {
        if (path_.empty()) return;
        summary_.status = status;
        summary_.message = message;
        write_output_file(path_, run_summary_json(summary_));
    }

private:
    std::string path_;
    RunSummary summary_;
};

// The bound gives the log its gap and stops the search at a proven optimum.
LowerBound solve_bound(const Instance& instance, const SolveArgs& a, StopSignals& signals, std::ostream& err) {
    BoundPhase bound_phase = run_bound_phase(instance, bound_options_for(a.search.time_limit),
                                             bound_wall_seconds(a.search.time_limit), signals.flag());
    if (mpi::active()) mpi::share_bound(bound_phase);  // islands decide alike: rank 0's bound
    const LowerBound bound = bound_phase.bound.value_or(LowerBound{});
    if (!bound_phase.bound && !a.quiet) err << "makepack: bound skipped: " << bound_phase.skipped << "\n";
    if (!bound.infeasible && !a.quiet && bound.bound > 0)
        err << "makepack: lower bound " << format_number(bound.bound) << " (" << bound.used << ")\n";
    return bound;
}

// Under mpirun one island per rank (docs/mpi.md): rank 0 gets the best plan of
// all islands, the others nothing (they are done).
std::optional<SolveOutcome> solve_here_or_on_islands(const Instance& instance, SolveOptions& options) {
    if (!mpi::active()) return solve_instance(instance, options);
    mpi::join_islands(options, instance);
    return mpi::best_of_islands(instance, solve_instance(instance, options), options.progress);
}

// The gap in the log, and a search that stops at the bound: nothing can beat it.
void use_bound(SolveOptions& options, const LowerBound& bound) {
    options.lower_bound = bound.bound;
    if (bound.bound > 0 && (!options.target || *options.target < bound.bound)) options.target = bound.bound;
}

// A search that ended with a schedule, to be checked, written and shown.
struct SolvedRun {
    const Instance& instance;
    const SolveOutcome& outcome;
    const SolveArgs& a;
    const std::string& output;
    double lower_bound;
};

void print_solved(const SolvedRun& run, const ObjectiveBreakdown& objective, double check_seconds, std::ostream& out,
                  std::ostream& err) {
    const Instance& instance = run.instance;
    const Schedule& schedule = *run.outcome.schedule;
    err << "makepack: solved " << instance.name << " in " << seconds_text(run.outcome.seconds) << ": objective "
        << format_number(objective.total) << ", " << schedule.rows.size() << " rows, written to " << run.output << "\n";
    out << "Instance " << instance.name << " (" << describe_size(instance) << ")\n"
        << "Schedule written to " << run.output << " (" << schedule.rows.size() << " rows, " << schedule.blocks.size()
        << " blocks)\n"
        << "Solve time " << seconds_text(run.outcome.seconds) << " (" << run.outcome.method << "), check "
        << seconds_text(check_seconds) << "\n\n";
    print_plan_result(out, instance, schedule, objective, run.lower_bound);
    if (run.a.operator_table && run.outcome.iterations > 0) {
        out << "\n";
        print_operator_table(out, run.outcome);
    }
    out << "\n";
    print_resource_table(out, instance, resource_kpis(instance, schedule));
}

// Every schedule is checked in full before it is written (exit 4 if the checker rejects it).
int write_solved(const SolvedRun& run, const StopSignals& signals, SummaryFile& summary, std::ostream& out,
                 std::ostream& err) {
    const Schedule& schedule = *run.outcome.schedule;
    const auto check_started = std::chrono::steady_clock::now();
    const CheckResult check = check_schedule(run.instance, schedule);
    const double check_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - check_started).count();
    if (!check.feasible()) {
        err << "makepack: internal error: the checker rejects the schedule of the " << run.outcome.method
            << " (a bug in makepack; nothing written):\n";
        for (const Violation& v : check.violations) err << "  " << to_string(v) << "\n";
        err << "makepack: " << violation_count_text(check) << "\n";
        return kInternal;
    }
    {
        const StopSignals::Defer defer;  // a second signal waits for the rename
        write_output_file(run.output, schedule_to_yaml(run.instance, schedule, check.objective));
        summary.set_objective(check.objective);
        summary.write("solved", signals.stopped() ? "stopped by " + signals.signal_name() + ": the best plan so far" : "");
    }
    if (!run.a.quiet) print_solved(run, check.objective, check_seconds, out, err);
    out.flush();
    return kOk;
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
           "Usage: makepack solve INSTANCE [-o FILE] [--time-limit S] [--seed N] [--threads N] [--quiet]\n"
           "                      [--iterations N | --work W] [--target OBJ] [--destroy A,B] [--repair A,B] [--moves A,B]\n"
           "                      [--greedy-only] [--check-moves] [--operator-table] [--partial FILE] [--allow-unmet P]\n"
           "                      [--summary FILE.json] [--parallel pool|chain]\n"
           "                      [--start backward|rules|portfolio] [--rule NAME=WEIGHT]... [--rules FILE]\n"
           "       makepack solve --list-operators\n\n"
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
           "     a bad option, or FILE cannot be written (its directory does not exist, it is\n"
           "     a directory, device or FIFO, or it is INSTANCE itself); a symlink is written through\n"
           "  3  no feasible schedule: either proved (a bound shows the demand cannot fit:\n"
           "     \"cannot be scheduled (proof: ...)\") or the time limit / Ctrl-C ended the search\n"
           "     with hard demand still short (\"(unproved: time limit)\": the short SKUs and what\n"
           "     binds are listed; --partial FILE writes the best partial plan); nothing else is written\n"
           "  4  internal error: the checker rejected the solver's schedule (a bug; the\n"
           "     violations are printed), nothing is written\n"
           "  130, 143  stopped by SIGINT / SIGTERM before a plan existed, or by a second signal\n"
           "\nExamples:\n"
           "  makepack solve instances/oakhill-4w.yaml\n"
           "      writes ./oakhill-4w.schedule.yaml and prints objective and table\n"
           "  makepack solve instances/oakhill-6w.yaml -o plans/6w.yaml --time-limit 30 --seed 7\n"
           "  makepack solve instances/bench/medium.yaml -o medium.yaml --quiet && echo planned\n"
           "  makepack solve instances/bench/small-tight.yaml --threads 1 --seed 3 --iterations 5000\n"
           "      a reproducible run (same seed, same plan)\n"
           "  makepack solve instances/oakhill-4w.yaml --destroy paste,worst --repair regret2 --operator-table\n"
           "  makepack solve --list-operators\n"
           "  makepack solve instances/oakhill-4w.yaml --greedy-only --start rules --rule need-date=3 --rule setup=1\n"
           "      the plan a planner's weighted dispatch rules give (docs/rules.md)\n"
           "  makepack solve instances/oakhill-4w.yaml --start portfolio --rules instances/rules/planner-example.yaml\n"
           "  makepack solve peak.yaml --time-limit 60 --partial peak.partial.yaml\n"
           "      an overloaded plant: if no full plan is found, what can be made and what falls short\n"
           "  makepack solve peak.yaml --allow-unmet 100\n"
           "      the planner's \"what can we make?\": hard demand soft, 100 per unmet unit\n"
           "  mpirun -n 4 makepack solve instances/bench/large.yaml --time-limit 60\n"
           "      four islands (one per MPI rank, own seeds) swap their best plans every 2 s;\n"
           "      rank 0 writes the best (docs/mpi.md)\n"
           "\nThe search logs one line per new best plan (time, objective, lower bound, gap,\n"
           "worker, operator). Ctrl-C or SIGTERM stops it and still checks and writes the best\n"
           "plan found (exit 0); before a plan exists, or at a second signal, it ends at once\n"
           "with exit code 128 + signal (130, 143) and writes nothing (docs/cli.md, \"Signals\").\n";
}

int run_solve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("solve", err, [&]() -> int {
        SolveArgs a;
        po::options_description options = visible_options(a);
        options.add_options()("instance", po::value(&a.instance));
        po::positional_options_description positional;
        positional.add("instance", 1);
        const po::variables_map vm = parse_command_line(args, options, positional);
        if (a.list_operators) {
            print_operators(out);
            return kOk;
        }
        if (a.instance.empty()) throw UsageError("missing INSTANCE (the instance YAML file)");
        SolveOptions solve_options;
        static_cast<SearchOptions&>(solve_options) = checked_search_options(a.search, vm, kSolveSearchOptions);
        const StartOptions start = start_options(a.start);  // a bad rules file fails before the instance loads

        if (mpi::active() && mpi::rank() != 0) a.quiet = true;  // islands: rank 0 speaks for all
        StopSignals signals;  // SIGINT, SIGTERM: before a plan exists they end the program at once
        require_readable_file(a.instance, "instance");
        const Instance instance = load_instance(a.instance, load_options(vm));
        const std::string output = vm.count("output") ? a.output : default_schedule_path(instance.name);
        require_output_paths(a, output);
        SummaryFile summary(a, instance, solve_options.seed);

        solve_options.greedy_only = a.greedy_only;
        solve_options.start = start;
        const LowerBound bound = solve_bound(instance, a, signals, err);
        if (bound.infeasible) {
            err << "makepack: instance " << instance.name << " cannot be scheduled (proof: lower bound): "
                << bound.reason << "\n";
            summary.write("infeasible", bound.reason);
            return kNoSchedule;
        }
        use_bound(solve_options, bound);
        signals.planning();  // from here on a first signal stops the search and keeps its best plan
        solve_options.stop = signals.flag();
        if (!a.quiet) {
            solve_options.progress = [&err](const std::string& line) { err << "makepack: " << line << "\n"; };
            err << "makepack: solving " << instance.name << " (" << describe_size(instance) << ", time limit "
                << a.search.time_limit << " s)\n";
        }
        std::optional<SolveOutcome> solved = solve_here_or_on_islands(instance, solve_options);
        if (!solved) return kOk;  // an island other than rank 0: rank 0 writes the plan
        const SolveOutcome& outcome = *solved;
        summary.record(outcome, bound, solve_options.seed);
        if (signals.stopped() && !outcome.schedule && !outcome.partial) {
            err << "makepack: stopped by " << signals.signal_name() << " before a plan was found; nothing written\n";
            return signals.exit_code();
        }
        if (signals.stopped() && !a.quiet)
            err << "makepack: stopped by " << signals.signal_name() << "; keeping the best plan found so far\n";
        if (!outcome.schedule) {
            // Fixed rows that break a rule before frozen_until: no plan can exist, whatever comes later.
            // (No partial plan either: it would break the same rule.)
            if (const std::string why = signals.stopped() ? "" : fixed_past_impossible(instance); !why.empty()) {
                err << "makepack: instance " << instance.name << " cannot be scheduled (proof: fixed rows): " << why << "\n";
                summary.write("infeasible", why);
                return kNoSchedule;
            }
            // The frozen past leaving too little time is a proof; a partial plan is still written.
            if (const std::string why = signals.stopped() ? "" : frozen_capacity_impossible(instance); !why.empty()) {
                summary.write("infeasible", why);
                return report_no_schedule(instance, outcome, a, err, "frozen capacity): " + why);
            }
            if (!outcome.partial && !signals.stopped()) {
                // No plan at all: a calendar that cannot be placed is a proof, looked for in what is
                // left of the time limit (at least 0.25 s, at most 2 s: a 1e7-hour horizon takes ~1 s).
                const double budget = std::clamp(a.search.time_limit - outcome.seconds, 0.25, 2.0);
                const auto until = std::chrono::steady_clock::now() +
                                   std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                       std::chrono::duration<double>(budget));
                const std::string why =
                    calendar_impossible(instance, [until] { return std::chrono::steady_clock::now() > until; });
                if (!why.empty()) {
                    err << "makepack: instance " << instance.name << " cannot be scheduled (proof: calendar): " << why
                        << "\n";
                    summary.write("infeasible", why);
                    return kNoSchedule;
                }
            }
            summary.write(outcome.partial ? "partial" : "no-plan", outcome.failure);
            return report_no_schedule(instance, outcome, a, err);
        }
        return write_solved(SolvedRun{instance, outcome, a, output, solve_options.lower_bound}, signals, summary, out, err);
    });
}

}  // namespace makepack::cli
