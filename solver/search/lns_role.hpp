// The destroy/repair worker role: adaptive large neighbourhood search (destroy
// + repair with an adaptive destroy size) mixed with small moves, operators
// drawn by roulette wheels; the worker decides on each candidate (settle()).
#pragma once

#include "solver/search/operator_selection.hpp"
#include "solver/search/worker_roles.hpp"

#include <memory>
#include <vector>

namespace makepack {

// One destroy+repair or one move, as drawn by LnsRole::draw().
struct LnsStep {
    std::string name;
    bool small = false;
    std::size_t destroy = 0, repair = 0, move = 0;
};

// The operator objects of one search thread (operators keep buffers, so
// threads that apply steps at once each need their own set).
class LnsOperators {
public:
    explicit LnsOperators(const OperatorRegistry& registry);
    // Applies the step to `candidate`; false if the repair or move failed.
    bool apply(const LnsStep& step, SearchState& candidate, Rng& rng, double destroy_size);
    // The work units (heuristics/work_unit.hpp) of the last apply() of `step`.
    long long work_of(const LnsStep& step) const { return step.small ? moves[step.move]->last_call_work() : 1; }

    std::vector<std::unique_ptr<DestroyOperator>> destroys;
    std::vector<std::unique_ptr<RepairOperator>> repairs;
    std::vector<std::unique_ptr<Move>> moves;
};

class LnsRole : public WorkerRole {
public:
    static constexpr const char* kName = "lns";
    LnsRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan);
    void run(SearchWorker& worker) override { run(worker, false); }
    // until_met: return as soon as the pool's best packs all hard demand.
    void run(SearchWorker& worker, bool until_met);

protected:
    // The speculative chain (speculative_chain.hpp) runs these steps in rounds.
    using Step = LnsStep;
    // Takes the destroy size from the shared adaptation at the first run.
    void start(SearchWorker& worker);
    // Drops the removed rows of a plan that holds many (its copies then copy it all).
    static void compact_if_sparse(SearchState& state);
    Step draw(Rng& rng, long long iteration);
    void credit(const Step& step, double score);
    void end_segment(SearchWorker& worker);

    double small_moves_share_;
    LnsOperators ops_;
    RouletteWheel destroy_wheel_, repair_wheel_, move_wheel_;
    std::vector<long long> move_last_call_;  // iteration of each move's last call
    bool adopt_ = false;
    double destroy_size_ = 4;
    bool started_ = false;  // destroy_size_ taken from the shared adaptation at the first run()
    bool segment_improved_ = false;
    long long last_improvement_ = 0;  // iteration of the last better worker best
};

}  // namespace makepack
