// `makepack solve INSTANCE [-o FILE] [--time-limit S] [--seed N] [--threads N] [--quiet]`
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_solve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_solve_help(std::ostream& out);

// The default output file of `solve`: "<instance name>.schedule.yaml" in the
// current directory, with path separators in the name replaced by '_'.
std::string default_schedule_path(const std::string& instance_name);

}  // namespace makepack::cli
