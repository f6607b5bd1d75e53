// The coupled mixers part of the lower bound (docs/bound.md, section 8): the
// LP of every mixer's rows (flow from a first row, batches, shares, hours,
// connectivity cuts; mixer_polytope.hpp) coupled only by each needed paste's
// cover and whole batches, solved by Dantzig-Wolfe column generation with
// the project's simplex: a master LP over proposals (one GUB set per mixer)
// and one pricing LP per mixer. The value reported is the Lagrangian
// sum_p pi_p + sum_p sigma_p W_p + sum_m L_m at the master's prices, L_m a
// lower bound on mixer m's priced minimum from its LP's duals: valid for ANY
// prices >= 0, so a stop at the time limit or rounding only weakens it.
#pragma once

#include "model/instance.hpp"

#include <optional>
#include <vector>

namespace makepack {

struct CoupledMixers {
    std::optional<double> value;  // bound on the mixers' downtime + changeover; unset: none
    int rounds = 0;               // column generation rounds (master solves)
    int columns = 0;              // proposals generated
    int cuts = 0;                 // connectivity cuts over all mixers
    bool converged = false;       // no mixer had a proposal of negative reduced cost
    double master = 0;            // the last master LP's value (for comparison)
};

// Hard demand without fixed rows. `need` per product (pastes in lbs),
// `available` per resource; stops after `seconds` with the best value so far.
CoupledMixers coupled_mixers_bound(const Instance& instance, const std::vector<double>& need,
                                   const std::vector<double>& available, double seconds);

}  // namespace makepack
