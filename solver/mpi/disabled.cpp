// Built with -DMAKEPACK_MPI=OFF: no MPI; a program launched by mpirun says so.
#include "solver/mpi/session.hpp"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace makepack::mpi {

Session::Session(int&, char**&) {
    if (!launched_by_mpi()) return;
    std::fprintf(stderr, "makepack: launched by mpirun/srun, but this build has no MPI support "
                         "(configure with -DMAKEPACK_MPI=ON and libboost-mpi-dev)\n");
    std::exit(2);
}
Session::~Session() = default;
bool active() { return false; }
int rank() { return 0; }
int size() { return 1; }
bool rank_lost() { return false; }
void set_rank_lost() {}
void exit_without_finalize(int code) {
    std::fflush(nullptr);
    ::_exit(code);
}

}  // namespace makepack::mpi
