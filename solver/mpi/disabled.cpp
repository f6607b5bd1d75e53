// Built with -DMAKEPACK_MPI=OFF: no MPI; a program launched by mpirun says so.
#include "solver/mpi/batch_ranks.hpp"
#include "solver/mpi/islands.hpp"
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
unsigned threads_per_rank(unsigned threads, bool) { return threads; }
bool rank_lost() { return false; }
void set_rank_lost() {}
// Never called: active() is false.
std::optional<int> serve_batch_if_worker(const BatchOptions&) { return std::nullopt; }
BatchResult run_batch_over_ranks(const BatchOptions& options) { return run_batch(options); }
void share_bound(cli::BoundPhase&) {}
void join_islands(SolveOptions&, const Instance&) {}
std::optional<SolveOutcome> best_of_islands(const Instance&, SolveOutcome mine, const std::function<void(const std::string&)>&) {
    return mine;
}

void exit_without_finalize(int code) {
    std::fflush(nullptr);
    ::_exit(code);
}

}  // namespace makepack::mpi
