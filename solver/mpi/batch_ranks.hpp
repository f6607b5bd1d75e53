// `mpirun -n N makepack batch ...` (docs/mpi.md): rank 0 hands out the
// instances, largest file first, to the other ranks as they become free and
// writes every schedule and summary.csv; each other rank solves its instance
// with run_batch (solver/batch/batch.hpp: a forked job, checked before it is
// written) and sends back the row and the schedule's text.
#pragma once

#include "solver/batch/batch.hpp"

#include <optional>

namespace makepack::mpi {

// On a rank other than 0 of an MPI job: solves what rank 0 hands out until it
// says "done", and returns the exit code (0). Otherwise nullopt.
std::optional<int> serve_batch_if_worker(const BatchOptions& options);

// On rank 0: the batch across the other ranks; the same result and summary
// as run_batch. A rank silent for MAKEPACK_MPI_RANK_TIMEOUT seconds (default
// 60) while solving is given up: its instance is an error row ("lost: ...").
BatchResult run_batch_over_ranks(const BatchOptions& options);

}  // namespace makepack::mpi
