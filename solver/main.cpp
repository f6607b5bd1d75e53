// The `makepack` executable: everything is in solver/cli_*.cpp (docs/cli.md).
#include "solver/cli_common.hpp"

#include <iostream>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(true);
    const int code = makepack::cli::run(argc, argv, std::cout, std::cerr);
    std::cout.flush();
    return code;
}
