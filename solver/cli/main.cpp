// The `makepack` executable: everything is in solver/cli_*.cpp (docs/cli.md).
#include "solver/cli/cli_common.hpp"
#include "solver/mpi/session.hpp"

#include <iostream>

int main(int argc, char** argv) {
    makepack::mpi::Session mpi(argc, argv);  // MPI only under mpirun/srun (docs/mpi.md)
    std::ios::sync_with_stdio(true);
    const int code = makepack::cli::run(argc, argv, std::cout, std::cerr);
    std::cout.flush();
    if (makepack::mpi::rank_lost()) makepack::mpi::exit_without_finalize(code);  // MPI_Finalize would wait for the dead
    return code;
}
