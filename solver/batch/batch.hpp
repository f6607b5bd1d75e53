// Solving many instances (`makepack batch`, docs/batch.md): J jobs at a time,
// each in a forked child process (its own peak memory, crashes isolated), the
// threads split between them; every verified schedule and a summary.csv
// rewritten atomically after each finished instance.
#pragma once

#include "model/instance_loader.hpp"
#include "solver/solve/run_summary.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace makepack {

struct BatchRow {
    std::size_t index = 0;     // position of the instance on the command line
    std::string file;          // as given
    std::string instance;      // the instance's name (the file name without .yaml if it did not load)
    // "solved", "partial" (the time limit ended the search with hard demand
    // still short: the best partial plan is written), "infeasible", "bad-input" or "error".
    std::string status;
    std::optional<double> objective;
    std::optional<double> bound;          // lower bound (makepack bound's), when positive
    std::optional<double> gap;            // percent: 100 * (objective - bound) / objective
    std::optional<double> time_to_best;   // seconds from the solve's start to its best plan
    double seconds = 0;                   // wall-clock time of the whole job (load, bound, solve, check, write)
    double peak_memory_mb = 0;            // the job's child process: ru_maxrss
    std::string message;
    std::string schedule;                 // path of the written schedule (or partial plan), if any
    // Of the plan written: units packed towards demand / demand, and the units
    // not packed (model/kpi.hpp, demand_totals).
    std::optional<double> fill_rate;
    std::optional<std::int64_t> unmet;
    RunFacts facts;  // time to first plan, iterations, threads, seed, version, instance hash, components
};

struct BatchOptions {
    std::vector<std::string> instances;
    double time_limit_seconds = 10;  // per instance, like solve --time-limit
    unsigned threads = 0;            // in all; 0 = all hardware threads
    unsigned jobs = 1;               // instances solved at the same time
    std::string out_dir;
    unsigned seed = 0;
    LoadOptions load;                // e.g. --allow-unmet PENALTY, for every instance
    // Interruptions seen (Ctrl-C): 1 = start nothing new, running jobs stop
    // their search and keep their best plan; 2 = kill the running jobs.
    const std::atomic<int>* interrupts = nullptr;
    // A job with no result after this many seconds is killed (0 = 2 x time limit + 300).
    double kill_after_seconds = 0;
    // Called after each finished instance (the summary is already written).
    std::function<void(const BatchRow& row, std::size_t finished, std::size_t total)> on_finished;
    // Called about every 50 ms while jobs run, before the interruptions are
    // read (an MPI rank's heartbeat and its coordinator's stop: solver/mpi/).
    std::function<void()> on_tick;
};

struct BatchResult {
    std::vector<BatchRow> rows;   // finished instances, in command-line order
    std::size_t not_started = 0;  // left out after an interruption
    std::size_t killed = 0;       // running jobs killed by a second interruption
    bool interrupted = false;
    bool all_solved() const;
    std::string summary_path;
};

// max(1, threads / jobs), threads 0 meaning all hardware threads.
unsigned threads_per_job(unsigned threads, unsigned jobs);

// The summary.csv text: a header and one row per finished instance.
std::string summary_csv(const std::vector<BatchRow>& rows);

// Creates out_dir if missing; throws std::runtime_error when it cannot be
// created or written.
void prepare_out_dir(const std::string& out_dir);

// Renames a job's schedule file `from` into out_dir as <row.instance>.schedule.yaml
// (.partial.yaml for a partial plan; -2, -3, ... when a name of this batch is
// taken, noted in the message); sets row.schedule, or makes the row an error.
void place_schedule(const std::string& from, const std::string& out_dir, BatchRow& row, std::set<std::string>& used_names);

// The rows a batch has finished, by command-line position: out_dir's
// summary.csv is rewritten after each (and at once, empty, so that an old
// summary never stands for this run), on_finished hears of it, and the
// schedule names given out (place_schedule) stay unique. Used by run_batch and
// by the MPI batch (solver/mpi/batch_ranks.cpp).
class FinishedRows {
public:
    // Creates out_dir (prepare_out_dir: throws when it cannot).
    explicit FinishedRows(const BatchOptions& options);
    const std::string& summary_path() const { return summary_path_; }
    void add(const BatchRow& row);
    std::size_t size() const { return rows_.size(); }
    std::set<std::string>& used_names() { return used_names_; }
    std::vector<BatchRow> rows() const;  // in command-line order

private:
    void write_summary() const;
    const BatchOptions& options_;
    std::string summary_path_;
    std::map<std::size_t, BatchRow> rows_;
    std::set<std::string> used_names_;
};

// Throws std::runtime_error when out_dir cannot be created or written.
// Must be called from a single-threaded process (it forks).
BatchResult run_batch(const BatchOptions& options);

}  // namespace makepack
