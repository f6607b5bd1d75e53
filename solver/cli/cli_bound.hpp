// `makepack bound INSTANCE [--json] [--resources] [--time-limit S]`: a valid
// lower bound on the objective of every feasible schedule (docs/bound.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_bound(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_bound_help(std::ostream& out);

}  // namespace makepack::cli
