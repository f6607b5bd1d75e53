// The speculative chain (SearchConfig::parallel = ParallelMode::Chain; the
// "speculative computation" of parallel simulated annealing, Witte, Chamberlain
// & Franklin 1991): ONE annealing walk of destroy/repair and small moves (the
// LnsRole's), whose next K candidates are evaluated at once, one per thread.
// A round: the K steps are drawn in lane order (lane k with its own random
// numbers; a re-plan at most once a round), applied and re-checked in parallel (each lane on its own copy of
// the current plan), then settled with the walk's acceptance -- improving
// candidates first, best first, then the others in lane order. The first one
// accepted becomes the current plan; later ones that improved on the round's
// start plan on other resources are grafted onto it (plan_merge.hpp,
// re-checked); the rest are discarded but still score their operators. Every
// evaluation is charged its work units (heuristics/work_unit.hpp), discarded
// ones too. Why: K separate walks of W/K each lose to
// one walk of W, and their improvements rarely combine; measured in
// bench/scaling/README.md (K = 16 within 1 % of K = 1 at equal work).
// Nothing depends on timing, so with a counted budget the plan is the same
// for every run with the same seed and K; with K = 1 it is the LnsRole's
// walk, step for step.
#pragma once

#include "solver/search/lns_role.hpp"

#include <atomic>
#include <optional>
#include <vector>

namespace makepack {

class SpeculativeRole : public LnsRole {
public:
    static constexpr const char* kName = "speculative";
    SpeculativeRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan);
    void run(SearchWorker& worker) override;

private:
    // Lane 0 works on the worker's own current plan and candidate, with the
    // worker's random numbers and the role's operators; lane k > 0 on copies.
    struct Lane {
        std::optional<LnsOperators> ops;
        std::optional<Rng> rng;
        std::optional<SearchState> mirror;     // a copy of the current plan
        std::optional<SearchState> candidate;  // re-made from the mirror each round
        SearchState* made = nullptr;           // the candidate evaluated this round
        Step step;
        bool ok = false;
        double seconds = 0;
        long long units = 0;                   // the step's work units (heuristics/work_unit.hpp)
    };
    static constexpr int kRestarted = -2;  // settle_round(): the walk restarted from the pool

    void make_lanes(SearchWorker& worker);
    Rng& rng_of(SearchWorker& worker, int lane);
    int draw_round(SearchWorker& worker, long long iteration, long long spent);
    void evaluate(SearchWorker& worker, int lane);
    std::vector<int> settle_order(SearchWorker& worker, int lanes) const;
    // Returns the lane whose candidate was taken, kRestarted, or -1 (none).
    int settle_round(SearchWorker& worker, long long iteration, long long spent, int lanes);
    bool settle_lane(SearchWorker& worker, int lane, long long iteration, long long spent);
    void discard(SearchWorker& worker, int lane);
    bool combine(SearchWorker& worker, int lane, long long iteration, std::vector<int>& changed);
    void resync(SearchWorker& worker, int moved_by);

    const OperatorRegistry& registry_;
    unsigned lane_count_;
    bool combine_;
    std::vector<Lane> lanes_;
    std::atomic<long long> handed_out_{0}, handed_back_{0};  // rounds' hand-offs to and from the lanes
};

// The chain runs as one worker with `config.threads` lanes: its config (one
// worker, whose iteration budget is --iterations per lane times the lanes)
// and its plan (the one-thread mix of moves).
SearchConfig speculative_chain_config(const SearchConfig& config);
WorkerPlan speculative_chain_plan(const SearchConfig& chain_config, const OperatorRegistry& registry, unsigned lanes);

}  // namespace makepack
