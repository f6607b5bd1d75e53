// `makepack report INSTANCE SCHEDULE [--gantt FILE.svg|FILE.html] [--csv FILE]`
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_report(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_report_help(std::ostream& out);

}  // namespace makepack::cli
