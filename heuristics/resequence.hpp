// A plan re-planned as one sequence of rows per resource: mixers timed as
// early as they go (mixer_forward_timing), lines -- when they take part -- as
// late as they go around their blocks (line_backward_timing), so the paste
// has the most time between the two stages. A simulated annealing over the
// sequences (relocate, swap, merge, split; on lines also "next to a sibling")
// lowers downtime and changeover -- which do not depend on timing -- while
// every line row still finds its paste in stock when it starts.
//
// Why: the insertion moves make paste just in time, one row per need, so a
// paste's campaign ends up cut into rows in whatever gaps were left, and the
// order on a mixer follows the line plan instead of the cheap changeovers.
// Here a whole stage moves at once.
//
// Only where moving rows in time costs nothing and changes nothing else: no
// max_hold, no storage limit, no holding cost, nothing frozen; with the lines
// also no due dates.
#pragma once

#include "heuristics/line_backward_timing.hpp"
#include "heuristics/mixer_forward_timing.hpp"
#include "heuristics/resequence_config.hpp"
#include "heuristics/search_state.hpp"
#include "model/paste_ledger.hpp"

#include <random>
#include <utility>
#include <vector>

namespace makepack {

class Resequencer {
public:
    enum class Scope { Mixers, MixersAndLines };
    static bool applicable(const Instance& in, Scope scope);
    // The annealing's temperature range: it starts at about one changeover's
    // difference (2 h times the larger of the downtime and changeover weights)
    // and cools to kCooling of that.
    static double start_temperature(const Instance& in);
    static constexpr double kCooling = 0.01;

    // Start sequences from the state's rows; with Scope::Mixers the line rows
    // stay as they are and only set when paste is needed.
    Resequencer(const SearchState& state, Scope scope, const ResequenceConfig& config = {});

    // Whether the start sequences, timed, meet every need (they may not when
    // the lines are re-timed: a line's rows move later around its blocks).
    bool feasible() const { return feasible_; }
    double start_cost() const { return start_cost_; }
    double best_cost() const { return best_cost_; }

    // Simulated annealing over the sequences, cooling geometrically from
    // `start_temperature` to `end_temperature`; keeps the best plan seen and
    // goes on from where the last call stopped. Needs feasible().
    void improve(std::mt19937_64& rng, int iterations, double start_temperature, double end_temperature);

    // Replaces the state's rows (of the stages in scope) and the mixers'
    // solver blocks by the best plan, touching what changed.
    void write(SearchState& state) const;

    // What each move did so far (for the operator table).
    const std::array<ResequenceMoveCount, kResequenceMoveNames.size()>& move_counts() const { return counts_; }

private:
    struct Need {
        int time = 0;  // a line row's start
        double lbs = 0;
    };
    // A row's paste flow, kept per paste so a check reads only its paste's rows.
    struct Flow {
        int resource = -1;
        int time = 0;  // a mixer row's end, a line row's start
        double lbs = 0;
    };
    using Plan = std::vector<std::vector<SequencedRow>>;  // per resource

    bool lines_in_scope() const { return scope_ == Scope::MixersAndLines; }
    bool retime(int resource);
    Flow flow_of(int resource, std::size_t position) const;
    void add_flows(int resource);
    // Whether every line row of these pastes finds its paste, with the flows of
    // resources a and b (if >= 0) taken from fresh_.
    bool supplied(const std::vector<int>& pastes, int a, int b);
    // The same for the pastes of the rows on resources a and b, as they are now
    // (fills touched_ and fresh_); commit_flows() keeps those flows.
    bool pastes_supplied(int a, int b);
    void commit_flows(int a, int b);
    bool all_supplied();
    int paste_of(const SequencedRow& row) const;
    // Saves the sequences and timings of the (one or two) resources a move is about to change.
    void begin_change(int a, int b);
    void undo_change();
    // The moves; each changes at most two resources of one stage.
    bool relocate(std::mt19937_64& rng, bool mixers, bool near_sibling);
    bool swap(std::mt19937_64& rng, bool mixers);
    bool merge(std::mt19937_64& rng, bool mixers);
    bool split(std::mt19937_64& rng);
    // Matrix-guided mixer moves (resequence_chains.cpp): a segment of 1-3 rows
    // to the place where it costs least, and two mixers' tails exchanged where
    // that costs less (changeover and downtime). Each draws among the three
    // cheapest such changes; timing and paste are judged as for every step.
    bool move_segment(std::mt19937_64& rng);
    bool exchange_tails(std::mt19937_64& rng);
    // Weighted changeover after product prev when next follows (-1: none), and
    // a row's weighted downtime once moved from one mixer to another: a
    // mixer's cost is these two, whatever the timing.
    double arc(int prev, int next) const;
    double downtime_on(const SequencedRow& row, int from, int to) const;
    // Whether some pair differs from the default (else the order of rows changes no changeover).
    static bool changeover_varies(const ChangeoverMatrix& m);
    std::int64_t amount_on(int from, int to, std::int64_t amount) const;
    bool pick_row(std::mt19937_64& rng, bool mixers, int& resource, int& position) const;
    int pick_resource_for(std::mt19937_64& rng, int product) const;

    const Instance& in_;
    Scope scope_;
    ResequenceConfig config_;
    std::array<ResequenceMoveCount, kResequenceMoveNames.size()> counts_{};
    bool matrix_moves_;      // the mixers' changeover matrix varies (else the guided moves gain nothing)
    bool place_line_spares_;  // lines' spare blocks are re-placed with their rows (maintenance stays)
    std::vector<std::vector<std::pair<int, int>>> line_blocks_;  // per line (resource - num_mixers)
    std::vector<std::vector<Need>> fixed_needs_;                  // per paste, Scope::Mixers only
    Plan plan_, best_plan_;
    std::vector<TimedSequence> timed_, best_timed_;
    bool feasible_ = false;
    double start_cost_ = 0, best_cost_ = 0, current_cost_ = 0;
    int changed_[2] = {-1, -1};  // changed resources (-1: none), saved below
    std::vector<SequencedRow> saved_plan_[2];
    TimedSequence saved_timed_[2];
    std::vector<std::vector<Flow>> made_, taken_;  // per paste: by mixer rows, by line rows (in scope)
    std::vector<std::vector<Flow>> fresh_;         // per paste: of the resources a step changed
    // Scratch.
    PasteLedger ledger_;
    std::vector<int> touched_;
    std::vector<int> seen_;                     // scratch: paste -> stamp
    int stamp_ = 0;
};

}  // namespace makepack
