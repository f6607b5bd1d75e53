// `makepack generate --mixers M --lines L --pastes P --skus S --weeks W --seed N
// --load U [--eligible E] [--storage F] [--max-hold H] [--due] [--matrix]
// [--outages K] [--name NAME] -o FILE`: a random thesis-like instance
// (solver/generate/generator.hpp, docs/generate.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace makepack::cli {

int run_generate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
void print_generate_help(std::ostream& out);

}  // namespace makepack::cli
