// Worker roles of the parallel search: which worker runs which search, with
// which share of small moves and which annealing schedule. To add a role: a
// value of WorkerRole, its loop in SearchWorker (like run_resequence() in
// search_worker_resequence.cpp), and where it goes in plan_workers().
#pragma once

#include "heuristics/operators/operator.hpp"
#include "solver/search/search_config.hpp"

#include <vector>

namespace makepack {

enum class WorkerRole {
    Alns,        // destroy/repair and small moves under annealing acceptance
    Resequence,  // one long annealing over the rows' sequences (search_worker_resequence.cpp)
};

struct WorkerPlan {
    WorkerRole role = WorkerRole::Alns;
    double small_moves_share = 0;  // share of iterations that are small moves instead of destroy/repair
    int annealing_cycles = 1;      // the budget's cooling in this many cycles (SelfCalibratingAnnealing)
    long long budget = 0;          // iterations (share of --work, or --iterations); 0 = the time limit
};

// One plan per worker, from the config's worker mix and budgets.
std::vector<WorkerPlan> plan_workers(const SearchConfig& config, const OperatorRegistry& registry, unsigned threads);

}  // namespace makepack
