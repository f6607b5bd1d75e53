// Open MPI through Boost.MPI (docs/mpi.md): started only when the program was
// launched by mpirun or srun (their environment says so), so that a plain
// `makepack ...` never calls MPI_Init (slow, noisy under the sanitizers).
#pragma once

namespace makepack::mpi {

// True when a launcher's environment is present (OMPI_COMM_WORLD_SIZE,
// PMIX_RANK, PMI_RANK): the process is one rank of an MPI job.
bool launched_by_mpi();

// Initialises MPI (threads serialized: the island exchange runs beside the
// search) when launched_by_mpi(), for the life of the program (main.cpp).
// Without MPI support compiled in (-DMAKEPACK_MPI=OFF) a launched program
// says so and exits 2.
class Session {
public:
    Session(int& argc, char**& argv);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
};

// More than one rank: `batch` and `solve` work across ranks.
bool active();
int rank();  // 0 without MPI
int size();  // 1 without MPI
// Search threads of each rank for --threads N: N itself, or for 0 the
// node's cores shared among the node's solving ranks (rank 0 among them when
// rank0_solves; in a batch it only coordinates). Collective.
unsigned threads_per_rank(unsigned threads, bool rank0_solves);

// After a rank died (MPI_Finalize would wait for it forever): flush the
// output and end this process with `code` without finalizing.
[[noreturn]] void exit_without_finalize(int code);
// True once a rank was found dead (batch): main.cpp then ends through exit_without_finalize.
bool rank_lost();
void set_rank_lost();

}  // namespace makepack::mpi
