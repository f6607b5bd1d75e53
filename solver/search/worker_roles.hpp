// Worker roles of the parallel search: which search a worker runs, with which
// share of small moves and which annealing schedule. A role is a small class
// behind WorkerRole; the worker (search_worker.hpp) owns what every role
// shares (current plan, acceptance, budget, pool, statistics) and calls its
// role's run(). plan_workers() picks each worker's role from the config's
// WorkerMix; make_worker_role() builds it. The roles:
//   lns_role.hpp         destroy/repair and small moves under the acceptance
//   resequence_role.hpp  one long annealing over the rows' sequences
//   speculative_chain.hpp  destroy/repair and small moves, K candidates per round
#pragma once

#include "heuristics/operators/operator.hpp"
#include "solver/search/search_config.hpp"

#include <memory>
#include <string>
#include <vector>

namespace makepack {

class SearchWorker;

// One worker's search. run() returns when the worker's budget is used or
// the search stops; randomness only from worker.rng() (reproducible runs).
class WorkerRole {
public:
    virtual ~WorkerRole() = default;
    virtual void run(SearchWorker& worker) = 0;
};

struct WorkerPlan {
    std::string role = "lns";      // a role make_worker_role() knows: "lns", "resequence"
    double small_moves_share = 0;  // share of iterations that are small moves instead of destroy/repair
    int annealing_cycles = 1;      // the budget's cooling in this many cycles (SelfCalibratingAnnealing)
    long long budget = 0;          // iterations (share of --work, or --iterations); 0 = the time limit
    unsigned lanes = 1;            // "speculative": candidates evaluated at once per round
};

// One plan per worker, from the config's worker mix and budgets.
std::vector<WorkerPlan> plan_workers(const SearchConfig& config, const OperatorRegistry& registry, unsigned threads);

// The role a plan names (std::invalid_argument for an unknown name).
std::unique_ptr<WorkerRole> make_worker_role(const WorkerPlan& plan, const SearchConfig& config,
                                             const OperatorRegistry& registry);

}  // namespace makepack
