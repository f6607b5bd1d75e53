#include "solver/cli/cli_batch.hpp"

#include "solver/batch/batch.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/cli/cli_search_options.hpp"
#include "solver/mpi/batch_ranks.hpp"
#include "solver/mpi/session.hpp"
#include "solver/report/report_tables.hpp"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <thread>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

struct BatchArgs {
    std::vector<std::string> instances;
    SearchArgs search;
    long long jobs = 1;
    std::string out;
    bool quiet = false;
};

const SearchOptionSet kBatchSearchOptions{
    "wall-clock budget of each instance's solve in seconds, as solve --time-limit (required)", false, false,
    "search threads in all, 0 = all cores; each job gets max(1, N / J)", "random seed of every solve, as solve --seed"};

std::atomic<int> g_interrupts{0};
extern "C" void on_batch_interrupt(int) { g_interrupts.fetch_add(1); }

po::options_description visible_options(BatchArgs& a) {
    po::options_description options("Options");
    options.add_options()
        ;
    add_search_options(options, a.search, kBatchSearchOptions);
    options.add_options()
        ("out,o", po::value(&a.out)->value_name("DIR"),
         "directory for the schedules and summary.csv (required; created if missing)")
        ("jobs,j", po::value(&a.jobs)->value_name("J")->default_value(1), "instances solved at the same time")
        ("quiet,q", po::bool_switch(&a.quiet), "no progress lines (errors and the final count only)");
    add_allow_unmet_option(options);
    options.add_options()("help,h", "this help");
    return options;
}

std::string number(double value, int decimals = 2) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string progress_line(const BatchRow& row, std::size_t finished, std::size_t total) {
    std::string line = "makepack batch: [" + std::to_string(finished) + "/" + std::to_string(total) + "] " + row.instance +
                       ": " + row.status;
    if (row.objective) line += ", objective " + number(*row.objective);
    if (row.bound) line += ", bound " + number(*row.bound);
    if (row.gap) line += ", gap " + number(*row.gap) + " %";
    if (row.fill_rate && *row.fill_rate < 1) line += ", fill rate " + fill_rate_text(*row.fill_rate);
    line += ", " + seconds_text(row.seconds) + ", " + number(row.peak_memory_mb, 1) + " MB";
    if (!row.message.empty()) line += " - " + row.message;
    return line;
}

}  // namespace

void print_batch_help(std::ostream& out) {
    BatchArgs a;
    out << "makepack batch - solve many instances, write their schedules and a summary\n\n"
           "Usage: makepack batch INSTANCE... --time-limit S --out DIR [--jobs J] [--threads N] [--seed N] [--quiet]\n"
           "                      [--allow-unmet PENALTY]\n\n"
           "Solves each INSTANCE as `makepack solve` does (lower bound, greedy start,\n"
           "parallel search until S seconds, full check), J at a time, each in its own\n"
           "child process: a crash or a bad file costs only that instance, and each\n"
           "gets its own peak memory. Each verified schedule is written (atomically) to\n"
           "DIR/<instance name>.schedule.yaml; DIR/summary.csv is rewritten atomically\n"
           "after every finished instance, one row each, in command-line order:\n\n"
           "  instance,status,objective,bound,gap,time_to_best,seconds,peak_memory_mb,message,file,fill_rate,unmet\n\n"
           "  status          solved | partial (the time limit ended the search with hard\n"
           "                  demand still short: the best plan is written, marked, to\n"
           "                  DIR/<name>.partial.yaml, as solve --partial) | infeasible\n"
           "                  (proven by the bound, or no plan at all) | bad-input (unreadable\n"
           "                  or invalid file) | error (crash, internal error, killed)\n"
           "  gap             percent: 100 x (objective - bound) / objective\n"
           "  time_to_best    seconds from the solve's start to its best plan\n"
           "  seconds         wall time of the whole job: load, bound, solve, check, write\n"
           "  peak_memory_mb  the job's child process (ru_maxrss of wait4)\n"
           "  fill_rate       of the plan written: units packed towards demand / demand (0..1)\n"
           "  unmet           of the plan written: units of demand not packed\n\n"
           "One progress line per finished instance on stderr. Ctrl-C: no new instance\n"
           "starts, running ones stop their search and keep their best plan (checked,\n"
           "written, in the summary); a second Ctrl-C kills them (left out).\n\n"
        << visible_options(a)
        << "\nExit codes:\n"
           "  0  every instance solved\n"
           "  1  some were not (partial, infeasible, bad input, error, or not run after Ctrl-C); see summary.csv\n"
           "  2  bad usage: a missing or bad option, DIR cannot be created or written\n"
           "\nExamples:\n"
           "  makepack batch instances/generated/*.yaml --time-limit 60 --out results/\n"
           "      one at a time, all cores each\n"
           "  makepack batch instances/bench/*.yaml --time-limit 30 --jobs 4 --threads 8 --out runs/bench-30s\n"
           "      four at a time, two search threads each\n"
           "  makepack batch a.yaml b.yaml --time-limit 10 --threads 1 --seed 7 --out out && echo all solved\n"
           "  column -s, -t < out/summary.csv\n"
           "  makepack batch peak-*.yaml --time-limit 60 --allow-unmet 100 --out what-can-we-make\n"
           "      hard demand soft in every solve, 100 per unmet unit: fill_rate says how much fits\n"
           "\nAcross machines (Open MPI; docs/mpi.md): rank 0 hands the instances out, largest\n"
           "first, ranks 1..N-1 solve one each at a time with --threads T each (0 = the machine's\n"
           "cores shared), rank 0 writes everything; a rank that dies loses only its instance:\n"
           "  mpirun -n 5 --enable-recovery makepack batch instances/generated/*.yaml --time-limit 60 --out results/\n"
           "\ndocs/batch.md has the details.\n";
}

int run_batch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("batch", err, [&]() -> int {
        BatchArgs a;
        po::options_description options = visible_options(a);
        options.add_options()("instance", po::value(&a.instances)->multitoken());
        po::positional_options_description positional;
        positional.add("instance", -1);
        const po::variables_map vm = parse_command_line(args, options, positional);
        if (a.instances.empty()) throw UsageError("missing INSTANCE (one or more instance YAML files)");
        const SearchOptions search = checked_search_options(a.search, vm, kBatchSearchOptions);
        if (a.out.empty()) throw UsageError("missing --out DIR (where the schedules and summary.csv go)");
        if (a.jobs < 1 || a.jobs > 1024) throw UsageError("--jobs must be between 1 and 1024");

        BatchOptions batch;
        batch.instances = a.instances;
        batch.time_limit_seconds = search.time_limit_seconds;
        batch.threads = search.threads;
        batch.jobs = static_cast<unsigned>(a.jobs);
        batch.out_dir = a.out;
        batch.seed = search.seed;
        batch.load = load_options(vm);
        batch.interrupts = &g_interrupts;
        batch.on_finished = [&](const BatchRow& row, std::size_t finished, std::size_t total) {
            if (!a.quiet) err << progress_line(row, finished, total) << std::endl;
        };
        try {
            prepare_out_dir(a.out);
        } catch (const std::runtime_error& e) {
            throw FileError(e.what());
        }
        if (!a.quiet && mpi::active() && mpi::rank() == 0)
            err << "makepack batch: " << a.instances.size() << " instances over " << mpi::size() - 1
                << " solving MPI ranks (rank 0 hands them out), time limit " << a.search.time_limit << " s; results in " << a.out
                << std::endl;
        else if (!a.quiet && !mpi::active())
            err << "makepack batch: " << a.instances.size() << " instance" << (a.instances.size() == 1 ? "" : "s") << ", "
                << batch.jobs << " at a time, " << threads_per_job(batch.threads, batch.jobs) << " thread"
                << (threads_per_job(batch.threads, batch.jobs) == 1 ? "" : "s") << " each, time limit " << a.search.time_limit
                << " s; results in " << a.out << std::endl;

        g_interrupts = 0;
        struct sigaction action {}, old_int {}, old_term {};
        action.sa_handler = on_batch_interrupt;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &old_int);
        ::sigaction(SIGTERM, &action, &old_term);
        const auto started = std::chrono::steady_clock::now();
        out.flush();
        err.flush();
        BatchResult result;
        try {
            if (const std::optional<int> code = mpi::serve_batch_if_worker(batch)) {  // an MPI rank other than 0
                ::sigaction(SIGINT, &old_int, nullptr);
                ::sigaction(SIGTERM, &old_term, nullptr);
                return *code;
            }
            result = mpi::active() ? mpi::run_batch_over_ranks(batch) : makepack::run_batch(batch);
        } catch (const std::runtime_error& e) {
            ::sigaction(SIGINT, &old_int, nullptr);
            ::sigaction(SIGTERM, &old_term, nullptr);
            throw FileError(e.what());
        }
        ::sigaction(SIGINT, &old_int, nullptr);
        ::sigaction(SIGTERM, &old_term, nullptr);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

        std::size_t solved = 0, partial = 0, infeasible = 0, bad = 0, errors = 0;
        for (const BatchRow& row : result.rows) {
            if (row.status == "solved") ++solved;
            else if (row.status == "partial") ++partial;
            else if (row.status == "infeasible") ++infeasible;
            else if (row.status == "bad-input") ++bad;
            else ++errors;
        }
        err << "makepack batch: " << solved << " solved, ";
        if (partial > 0) err << partial << " partial, ";
        err << infeasible << " infeasible, " << bad << " bad input, "
            << errors << (errors == 1 ? " error" : " errors");
        if (result.interrupted) {
            err << "; interrupted";
            if (result.not_started) err << ", " << result.not_started << " not started";
            if (result.killed) err << ", " << result.killed << " killed";
        }
        err << " in " << seconds_text(seconds) << "; summary in " << result.summary_path << std::endl;
        return result.all_solved() ? kOk : 1;
    });
}

}  // namespace makepack::cli
