#include "solver/cli/cli_search_options.hpp"

#include "heuristics/operators/operator.hpp"
#include "solver/cli/cli_common.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace makepack::cli {

namespace po = boost::program_options;

std::vector<std::string> split_names(const std::string& text) {
    std::vector<std::string> names;
    std::string name;
    for (char c : text + ",") {
        if (c == ',') { if (!name.empty()) names.push_back(name); name.clear(); }
        else if (c != ' ') name += c;
    }
    return names;
}

void add_search_options(po::options_description& options, SearchArgs& a, const SearchOptionSet& set) {
    auto time_limit = po::value(&a.time_limit)->value_name("S");
    if (set.time_limit_default) time_limit->default_value(a.time_limit);
    options.add_options()
        ("time-limit", time_limit, set.time_limit_help)
        ("seed", po::value(&a.seed)->value_name("N")->default_value(0), set.seed_help)
        ("threads", po::value(&a.threads)->value_name("N")->default_value(0), set.threads_help);
    if (!set.search_controls) return;
    options.add_options()
        ("iterations", po::value(&a.iterations)->value_name("N")->default_value(0),
         "stop each search worker after N iterations (0 = no limit); with --threads 1 and a seed the run is reproducible")
        ("work", po::value(&a.work)->value_name("W")->default_value(0),
         "total work budget of all search workers together (0 = none): W iterations shared out, so K threads "
         "sharing W compare with 1 thread spending W; reproducible only with --threads 1 or --parallel chain")
        ("target", po::value(&a.target)->value_name("OBJ"), "stop as soon as the objective is at most OBJ")
        ("destroy", po::value(&a.destroys)->value_name("A,B"), "destroy operators to use (default: all; see solve --list-operators)")
        ("repair", po::value(&a.repairs)->value_name("A,B"), "repair operators to use (default: all)")
        ("moves", po::value(&a.moves)->value_name("A,B"), "simulated-annealing moves to use (default: all)")
        ("parallel", po::value(&a.parallel)->value_name("MODE")->default_value("pool"),
         "how several threads search: pool (workers with walks of their own share a pool of plans) or chain "
         "(one walk, the threads evaluate its next candidates at once; with --work or --iterations reproducible for any --threads)")
        ("check-moves", po::bool_switch(&a.check_moves),
         "run the full checker after every accepted move (slow; for tests and debugging)");
}

SearchOptions checked_search_options(const SearchArgs& a, const po::variables_map& vm, const SearchOptionSet& set) {
    if (!set.time_limit_default && !vm.count("time-limit"))
        throw UsageError("missing --time-limit S (seconds per instance)");
    if (!std::isfinite(a.time_limit) || a.time_limit <= 0)
        throw UsageError("--time-limit must be a positive number of seconds");
    if (a.seed < 0 || a.seed > std::numeric_limits<unsigned>::max())
        throw UsageError("--seed must be between 0 and " + std::to_string(std::numeric_limits<unsigned>::max()));
    if (a.threads < 0 || a.threads > 4096) throw UsageError("--threads must be between 0 and 4096");
    if (a.iterations < 0) throw UsageError("--iterations must be 0 or more");
    if (a.work < 0) throw UsageError("--work must be 0 or more");
    if (a.work > 0 && a.iterations > 0) throw UsageError("--work and --iterations are two budgets: give one");
    SearchOptions options;
    options.time_limit_seconds = a.time_limit;
    options.seed = static_cast<unsigned>(a.seed);
    options.threads = static_cast<unsigned>(a.threads);
    options.iterations = a.iterations;
    options.work = a.work;
    if (vm.count("target")) options.target = a.target;
    options.check_moves = a.check_moves;
    if (a.parallel == "chain") options.parallel = ParallelMode::Chain;
    else if (a.parallel != "pool") throw UsageError("--parallel must be pool or chain, not '" + a.parallel + "'");
    options.destroys = split_names(a.destroys);
    options.repairs = split_names(a.repairs);
    options.moves = split_names(a.moves);
    try {  // unknown names are usage errors, caught before the time is spent
        OperatorRegistry probe = OperatorRegistry::with_builtins();
        probe.select_destroys(options.destroys);
        probe.select_repairs(options.repairs);
        probe.select_moves(options.moves);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return options;
}

}  // namespace makepack::cli
