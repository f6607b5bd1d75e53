// `makepack verify INSTANCE SCHEDULE`
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_verify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_verify_help(std::ostream& out);

}  // namespace makepack::cli
