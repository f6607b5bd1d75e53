// The coupled mixers part by Lagrangian relaxation (docs/bound.md 10), for
// instances too large for the column generation of coupled_mixers.hpp: the
// pastes' cover and whole batches, each mixer's hours and its connectivity
// cuts are priced; each mixer's priced minimum is a min-cost flow
// (mixer_flow.hpp). The prices follow a subgradient method with cuts
// separated on the way (relax-and-cut). Every value it reports is the dual
// function at some prices, a lower bound for ANY prices (the right signs), so
// stopping at the time limit only weakens it.
#pragma once

#include "model/bound/coupled_mixers.hpp"

namespace makepack {

// Hard demand without fixed rows; `need` per product, `available` per
// resource. `value` unset when no mixer flow could be solved in `seconds`;
// `rounds` counts the dual function's evaluations.
CoupledMixers coupled_mixers_lagrangian(const Instance& instance, const std::vector<double>& need,
                                        const std::vector<double>& available, double seconds);

}  // namespace makepack
