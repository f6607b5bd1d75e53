// The mixer side of a plan re-planned with its line rows held fixed: every
// mixer is a sequence of rows (paste, batches), timed as early as it goes
// (mixer_forward_timing), and a simulated annealing over the sequences
// (relocate, swap, merge, split) lowers their downtime and changeover while
// every line row still finds its paste in stock when it starts.
//
// Why: the insertion moves make paste just in time, one row per need, so a
// paste's campaign ends up cut into several rows in whatever gaps were left,
// and the order on a mixer follows the line plan instead of the cheap
// changeovers. Here the whole mixer side moves at once.
//
// Only where making paste early costs nothing and changes nothing else:
// no max_hold, no storage limit, no holding cost, nothing frozen.
#pragma once

#include "heuristics/mixer_forward_timing.hpp"
#include "heuristics/search_state.hpp"

#include <random>
#include <vector>

namespace makepack {

class MixerResequencer {
public:
    static bool applicable(const Instance& in);

    // Needs from the state's line rows, start sequences from its mixer rows.
    explicit MixerResequencer(const SearchState& state);

    // Whether the start sequences, timed forward, meet every need.
    bool feasible() const { return feasible_; }
    double start_cost() const { return start_cost_; }
    double best_cost() const { return best_cost_; }

    // Simulated annealing over the sequences, cooling from `start_temperature`
    // to 1/100 of it; keeps the best plan seen. Needs feasible().
    void improve(std::mt19937_64& rng, int iterations, double start_temperature);

    // Replaces the state's mixer rows and solver blocks by the best plan (touching them).
    void write(SearchState& state) const;

private:
    struct Need {
        int time = 0;
        double cumulative_lbs = 0;  // needed by line rows starting at or before `time`
    };
    using Plan = std::vector<std::vector<SequencedRow>>;  // per mixer

    bool retime(int mixer);
    // Saves the sequences and timings of the (one or two) mixers a move is about to change.
    void begin_change(int a, int b);
    void undo_change();
    bool pastes_supplied(int mixer_a, int mixer_b);
    bool paste_supplied(int paste);
    double total_cost() const;
    // The moves; each changes at most two mixers (reported in changed_).
    bool relocate(std::mt19937_64& rng);
    bool swap(std::mt19937_64& rng);
    bool merge(std::mt19937_64& rng);
    bool split(std::mt19937_64& rng);
    std::int64_t batches_on(int from, int to, std::int64_t batches) const;
    bool pick_row(std::mt19937_64& rng, int& mixer, int& position) const;
    int pick_mixer_for(std::mt19937_64& rng, int paste) const;

    const Instance& in_;
    std::vector<std::vector<Need>> needs_;  // per paste, by time
    Plan plan_, best_plan_;
    std::vector<TimedMixer> timed_, best_timed_;
    bool feasible_ = false;
    double start_cost_ = 0, best_cost_ = 0;
    int changed_[2] = {-1, -1};  // changed mixers (-1: none), saved below
    std::vector<SequencedRow> saved_plan_[2];
    TimedMixer saved_timed_[2];
    std::vector<std::pair<int, double>> lots_;  // scratch: (end, lbs)
};

}  // namespace makepack
