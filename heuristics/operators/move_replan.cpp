// Re-plan moves: a whole stage re-sequenced at once (heuristics/resequence.hpp).
// mixer-replan: the mixers, with the line rows fixed; plan-replan: mixers and
// lines together, the lines as late as they go. Both run a short annealing
// over relocate / swap / merge / split of rows. The insertion moves make paste
// just in time and one row per need; these fold those rows back into
// campaigns and order them by cheap changeovers.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/resequence.hpp"

#include <algorithm>

namespace makepack {
namespace {
// A call costs as much as hundreds of ordinary iterations (medium: mixer-replan
// 6-8 ms, plan-replan 12-17 ms); at one call each per 1000 iterations they take
// about half of a destroy/repair worker's time (two 10 s runs, 1 thread, seed 1,
// --operator-table, commit 3723596: 14 % and 28 %, and 18 % and 41 % on a
// busier machine).
// Measured on medium, 10 s, 2 threads, 4 seeds (bench/README.md): 3000 inner
// steps (ResequenceConfig::steps) or a call every 300 / 3000 iterations did worse.
constexpr int kEvery = 1000;
// Where demand may stay unmet (overloaded soft plants) a mixer side folded into
// campaigns frees mixer hours that "grow" and the repairs turn into packed
// units: mixer-replan improved the plan at 8 of 8 calls on over-1.1-1
// (--operator-table). A call every 300 iterations there: 14 of 18 runs better,
// 3.6 % lower objective (geometric mean; overload.sh plants, 1 thread, seeds
// 1-2, 15000 iterations; bench/feasibility/README.md). Other plants keep kEvery.
constexpr int kEveryUnmet = 300;

class Replan : public Move {
public:
    explicit Replan(Resequencer::Scope scope) : scope_(scope) {}
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        // Known at the first call only (a move is made before it sees a plan).
        if (in.unmet_allowed()) every_ = kEveryUnmet;
        steps_ = 0;
        if (!Resequencer::applicable(in, scope_)) return false;
        Resequencer plan(state, scope_);
        if (!plan.feasible()) return false;
        const double t0 = Resequencer::start_temperature(in);
        steps_ = ResequenceConfig{}.steps;
        plan.improve(rng, steps_, t0, t0 * Resequencer::kCooling);
        plan.write(state);
        return true;
    }
    int min_iterations_between_calls() const override { return every_; }
    // Its annealing steps (none when the plan could not be re-planned).
    long long last_call_work() const override { return annealing_work(steps_); }

private:
    Resequencer::Scope scope_;
    int every_ = kEvery;
    int steps_ = 0;  // annealing steps of the last call
};
}  // namespace
std::unique_ptr<Move> make_mixer_replan() { return std::make_unique<Replan>(Resequencer::Scope::Mixers); }
std::unique_ptr<Move> make_plan_replan() { return std::make_unique<Replan>(Resequencer::Scope::MixersAndLines); }
}  // namespace makepack
