// Sequenced campaigns (docs/bound.md, section 9; hard demand, lateness weight
// > 0, no fixed rows): the campaigns part of section 6 charges a paste made in
// ONE row on mixer m the lateness of its SKUs as if m made nothing else first.
// Here the pastes made in one row on the same mixer are sequenced: the j-th of
// them ends after the work and changeovers of those before it (and the spare
// and maintenance blocks that must lie before), so its SKUs wait longer. A
// Lagrangian over "each paste is made in one row on one mixer, or in several
// rows": per mixer an exact dynamic program over the subsets of its one-row
// pastes (a single-machine total-tardiness problem), per paste its several-row
// cover; the paste prices are improved by subgradient steps. Valid for any
// prices (weak duality), so a stop at the time limit only weakens it.
#pragma once

#include "model/bound/capacity_lp.hpp"
#include "model/bound/due_dates.hpp"
#include "model/instance.hpp"

#include <optional>
#include <vector>

namespace makepack {

struct MixerSequences {
    std::optional<double> value;  // mixers' downtime + changeover + lateness (no fixed part); unset: not run
    int iterations = 0;           // subgradient steps taken
};

// `model`: the hard-demand capacity model (its mixer arcs); `price`: the hour
// prices per resource (the capacity LP's; the ascent runs at them and at 0,
// the better value is kept); `need` per product; `late` = paste_lateness(need).
// Runs when the lateness weight is positive, demand is hard and there are no
// fixed rows. `max_pastes`: the most one-row pastes per mixer sequenced exactly
// (2^n states); the others are charged their lateness alone.
MixerSequences mixer_sequences_bound(const Instance& instance, const CapacityModel& model,
                                     const std::vector<double>& need, const std::vector<PasteLateness>& late,
                                     const std::vector<double>& price, double seconds, int max_pastes = 12);

}  // namespace makepack
