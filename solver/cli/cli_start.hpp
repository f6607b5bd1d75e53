// The start-plan options of `makepack solve` (--start, --rule, --rules;
// docs/rules.md), kept out of cli_solve.cpp.
#pragma once

#include "solver/solve/start_plan.hpp"

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace makepack::cli {

struct StartArgs {
    std::string start = "auto";
    std::vector<std::string> rules;  // --rule NAME=WEIGHT, in order
    std::string rules_file;
};

void add_start_options(boost::program_options::options_description& options, StartArgs& args);

// UsageError for a bad --start or --rule, or rules given to --start backward;
// InputError (exit 2, file:line:col: field) for a bad rules file.
StartOptions start_options(const StartArgs& args);

}  // namespace makepack::cli
