// The constants of the resequencer's annealing (heuristics/resequence.hpp):
// how many steps a replan move runs and how often each sequence move is drawn.
// Defaults: the values the resequencer was tuned with on bench medium/large
// (main before 59cdaa1); not re-measured here. The search passes its own copy
// (SearchConfig::resequence) to the resequence worker role.
#pragma once

#include <array>
#include <string_view>

namespace makepack {

struct ResequenceConfig {
    // Annealing steps of one mixer-replan / plan-replan move. Measured on medium,
    // 10 s, 2 threads, 4 seeds (bench/README.md): 3000 steps did worse.
    int steps = 10000;
    double line_share = 0.6;  // share of steps on the lines when they are in scope
    // Line moves, drawn in this order by cumulative share: relocate anywhere,
    // relocate next to a sibling row of the same paste, swap; merge the rest.
    double line_relocate = 0.3, line_near_sibling = 0.3, line_swap = 0.25;
    // Mixer moves: relocate, swap, merge; split the rest.
    double mixer_relocate = 0.35, mixer_swap = 0.2, mixer_merge = 0.25;
    // Matrix-guided mixer moves (heuristics/resequence_chains.cpp), only where
    // the mixers' changeover matrix varies: this share of the mixer steps, of
    // which `mixer_chain` move a segment and the rest exchange tails.
    double mixer_matrix_share = 0.3, mixer_chain = 0.6;
};

// The resequencer's moves, for their rows in the operator table.
enum class ResequenceMove {
    LineRelocate, LineNearSibling, LineSwap, LineMerge, MixerRelocate, MixerSwap, MixerMerge, MixerSplit, MixerChain, MixerTails
};
constexpr std::array<std::string_view, 10> kResequenceMoveNames = {
    "resequence:line-relocate", "resequence:line-near-sibling", "resequence:line-swap", "resequence:line-merge",
    "resequence:mixer-relocate", "resequence:mixer-swap", "resequence:mixer-merge", "resequence:mixer-split",
    "resequence:mixer-chain", "resequence:mixer-tails"};

// Per move: steps that drew it, steps where it changed the plan (a legal
// change), and changes the annealing kept.
struct ResequenceMoveCount {
    long long calls = 0, changed = 0, accepted = 0;
};

}  // namespace makepack
