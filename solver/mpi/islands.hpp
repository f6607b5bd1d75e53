// `mpirun -n N makepack solve INSTANCE` (docs/mpi.md): one island per rank,
// each the whole parallel search with its own seed; every few seconds each
// island sends its best plan (the schedule YAML) to the others when it
// improved, and takes theirs into its pool (checked in full first). At the
// end rank 0 takes the best plan of all islands; only rank 0 logs and writes.
#pragma once

#include "solver/solve/bound_phase.hpp"
#include "solver/solve/solve.hpp"

#include <optional>

namespace makepack::mpi {

// Every rank takes rank 0's bound (each computes one under its own wall-clock
// share, which may end differently), so all decide alike. Collective.
void share_bound(cli::BoundPhase& phase);

// This rank's island: seed (rank 0 keeps the user's), threads (0 = the node's
// cores shared among its ranks), the log (rank 0 only, naming the rank of
// each new best) and the plan exchange. Collective.
void join_islands(SolveOptions& options, const Instance& instance);

// After solve_instance on every rank (collective): on rank 0 the outcome
// with the best fully checked plan of all islands; nullopt on the others.
std::optional<SolveOutcome> best_of_islands(const Instance& instance, SolveOutcome mine,
                                            const std::function<void(const std::string&)>& log);

}  // namespace makepack::mpi
