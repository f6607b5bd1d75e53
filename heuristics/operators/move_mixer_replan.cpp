// Mixer re-plan: the whole mixer side is re-sequenced with the line rows held
// fixed (heuristics/mixer_resequence.hpp): rows as early as they go, a short
// annealing over relocate / swap / merge / split of mixer rows. The insertion
// moves make paste just in time and one row per need; this folds those rows
// back into campaigns and orders them by cheap changeovers.
#include "heuristics/mixer_resequence.hpp"
#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {
// One call costs about as much as 1000 ordinary iterations (medium: ~8 ms);
// at one call per 1000 iterations it takes about a third of a worker's time.
// Measured on medium, 10 s, 2 threads, 4 seeds (bench/README.md): 3000 inner
// steps or a call every 300 / 3000 iterations did worse.
constexpr int kIterations = 10000;
constexpr int kEvery = 1000;
constexpr double kStartTemperatureHours = 2.0;  // about one changeover's difference

class MixerReplan : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        if (!MixerResequencer::applicable(in)) return false;
        MixerResequencer plan(state);
        if (!plan.feasible()) return false;
        const double scale = std::max(in.weights.downtime, in.weights.changeover);
        plan.improve(rng, kIterations, kStartTemperatureHours * std::max(scale, 1e-9));
        plan.write(state);
        return true;
    }
    int min_iterations_between_calls() const override { return kEvery; }
};
}  // namespace
std::unique_ptr<Move> make_mixer_replan() { return std::make_unique<MixerReplan>(); }
}  // namespace makepack
