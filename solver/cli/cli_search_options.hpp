// The command-line options that solve, review and batch share, declared and
// checked in one place: --time-limit, --seed, --threads, and (solve, review)
// --iterations, --work, --target, --destroy/--repair/--moves, --check-moves,
// --parallel.
#pragma once

#include "solver/solve/search_options.hpp"

#include <boost/program_options.hpp>

#include <string>

namespace makepack::cli {

struct SearchArgs {
    double time_limit = SearchOptions{}.time_limit_seconds;
    long long seed = 0;
    long long threads = 0;
    long long iterations = 0;
    long long work = 0;
    double target = 0;
    bool check_moves = false;
    std::string parallel = "pool";
    std::string destroys, repairs, moves;
};

struct SearchOptionSet {
    const char* time_limit_help;
    bool time_limit_default = true;  // false: --time-limit is required (batch)
    bool search_controls = true;     // budgets, target, operator selection, --check-moves
    const char* threads_help = "worker threads of the search, 0 = all cores";
    const char* seed_help = "random seed, 0 = the deterministic default order";
};

void add_search_options(boost::program_options::options_description& options, SearchArgs& args,
                        const SearchOptionSet& set);

// Checks the values (UsageError with the flag's name) and fills the options;
// unknown operator names are usage errors too.
SearchOptions checked_search_options(const SearchArgs& args, const boost::program_options::variables_map& vm,
                                     const SearchOptionSet& set);

// "A,B" -> {"A", "B"} (spaces dropped, empty names skipped).
std::vector<std::string> split_names(const std::string& text);

}  // namespace makepack::cli
