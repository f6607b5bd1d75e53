// The destroy/repair worker role: adaptive large neighbourhood search (destroy
// + repair with an adaptive destroy size) mixed with small moves, operators
// drawn by roulette wheels; the worker decides on each candidate (settle()).
#pragma once

#include "solver/search/operator_selection.hpp"
#include "solver/search/worker_roles.hpp"

#include <memory>
#include <vector>

namespace makepack {

class LnsRole : public WorkerRole {
public:
    static constexpr const char* kName = "lns";
    LnsRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan);
    void run(SearchWorker& worker) override { run(worker, false); }
    // until_met: return as soon as the pool's best packs all hard demand.
    void run(SearchWorker& worker, bool until_met);

private:
    // One destroy+repair or one move on the worker's candidate; its verdict.
    struct Step {
        std::string name;
        bool small = false;
        std::size_t destroy = 0, repair = 0, move = 0;
    };
    Step draw(SearchWorker& worker, long long iteration);
    bool apply(const Step& step, SearchState& candidate, Rng& rng);
    void credit(const Step& step, double score);
    void end_segment(SearchWorker& worker);

    double small_moves_share_;
    std::vector<std::unique_ptr<DestroyOperator>> destroys_;
    std::vector<std::unique_ptr<RepairOperator>> repairs_;
    std::vector<std::unique_ptr<Move>> moves_;
    RouletteWheel destroy_wheel_, repair_wheel_, move_wheel_;
    std::vector<long long> move_last_call_;  // iteration of each move's last call
    bool adopt_ = false;
    double destroy_size_ = 4;
    bool started_ = false;  // destroy_size_ taken from the shared adaptation at the first run()
    bool segment_improved_ = false;
    long long last_improvement_ = 0;  // iteration of the last better worker best
};

}  // namespace makepack
