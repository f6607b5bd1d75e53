// Machine-readable facts of one solve run, shared by `solve --summary FILE.json`
// and `batch`'s summary.csv (docs/cli.md, "Run summary"), so a benchmark script
// needs no log parsing: the objective and its components, the bound and gap,
// the times to the first and best plan, iterations, threads, seed, version and
// a hash of the instance file's bytes.
#pragma once

#include "model/checker.hpp"
#include "solver/solve/solve.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace makepack {

// A number for machine-readable output (summary JSON, summary.csv): "%.17g",
// so it reads back as the same double.
std::string exact_number_text(double v);

struct RunFacts {
    std::optional<ObjectiveBreakdown> objective;  // of the plan written (checked)
    std::optional<double> time_to_first;          // seconds from the solve's start to its first plan
    long long iterations = 0;
    unsigned threads = 0;
    unsigned seed = 0;
    std::string version;
    std::string instance_hash;  // "fnv1a64:<16 hex digits>" of the instance file's bytes
};

struct RunSummary {
    std::string status;  // "solved", "partial", "no-plan", "infeasible", "stopped"
    std::string instance;
    std::string instance_file;
    std::optional<double> bound;  // lower bound of MODEL.md, when positive
    std::optional<double> time_to_best;
    double seconds = 0;    // wall-clock time of the solve
    double time_limit = 0;
    std::string method;
    std::string message;
    RunFacts facts;
};

// FNV-1a (64 bit) of the file's bytes as "fnv1a64:<hex>"; "" when unreadable.
std::string instance_file_hash(const std::string& path);

// The facts of a solve outcome (the objective is set by the caller once checked).
RunFacts run_facts(const SolveOutcome& outcome, unsigned seed, const std::string& instance_path);

// One JSON object (docs/cli.md); numbers in shortest round-trip form.
std::string run_summary_json(const RunSummary& summary);

// batch: extra summary.csv columns, and the facts through the job pipe as key<TAB>value lines.
std::string run_facts_csv_header();  // starts with a comma
std::string run_facts_csv(const RunFacts& facts);  // starts with a comma
std::string run_facts_lines(const RunFacts& facts);
bool read_run_fact(RunFacts& facts, std::string_view key, const std::string& value);  // false: not a fact key

}  // namespace makepack
