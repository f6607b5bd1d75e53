// The resequence worker role: instead of destroy/repair, one long simulated
// annealing over the sequences of rows on every resource (mixers as early,
// lines as late as they go: heuristics/resequence.hpp), cooling over the whole
// budget. Resequencing keeps every row's amount, so while hard demand is short
// the worker first packs it as a destroy/repair worker (and stays one where
// the Resequencer does not apply).
#pragma once

#include "solver/search/lns_role.hpp"

namespace makepack {

class Resequencer;

class ResequenceRole : public WorkerRole {
public:
    static constexpr const char* kName = "resequence";
    ResequenceRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan);
    void run(SearchWorker& worker) override;

private:
    void resequence(SearchWorker& worker);
    // The annealing's own moves get rows of their own in the operator table
    // (calls; failed = no legal change drawn; accepted by the annealing).
    static void count_moves(SearchWorker& worker, const Resequencer& done);

    LnsRole pack_;  // packs hard demand first; the fallback where resequencing does not apply
};

}  // namespace makepack
