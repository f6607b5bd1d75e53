// `makepack review INSTANCE --previous PLAN --freeze-until T [-o FILE] [--write-instance FILE]
//                  [--time-limit S] [--seed N] [--threads N] [--quiet]` (docs/review.md)
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_review(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_review_help(std::ostream& out);

}  // namespace makepack::cli
