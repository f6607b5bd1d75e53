#include "solver/mpi/session.hpp"

#include <cstdlib>
#include <initializer_list>

namespace makepack::mpi {

bool launched_by_mpi() {
    // Open MPI's mpirun; srun --mpi=pmix (and PMIx launchers); srun --mpi=pmi2, MPICH's hydra.
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
        if (std::getenv(name)) return true;
    return false;
}

}  // namespace makepack::mpi
