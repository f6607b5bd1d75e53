// `makepack batch INSTANCE... --time-limit S [--threads N] [--jobs J] --out DIR
// [--seed N]`: solve many instances (solver/batch/batch.hpp, docs/batch.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_batch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_batch_help(std::ostream& out);

}  // namespace makepack::cli
