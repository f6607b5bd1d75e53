// A proof that no plan exists when the frozen past leaves too little time:
// every row that is not fixed starts at frozen_until or later (MODEL.md 6),
// so what the SKUs must still pack (hard demand, or a soft SKU's min_fill
// share, beyond their fixed rows) and the paste it needs (beyond the initial
// stock and the fixed mixer rows) must fit the working hours outside outages
// from frozen_until to the SKU's deadline / the horizon (a relaxation: fixed
// rows, blocks and changeovers take more). `solve` asks it when no plan was
// found, beside the calendar proof.
#pragma once

#include "model/instance.hpp"

#include <string>

namespace makepack {

// "" when the relaxation fits (or nothing is frozen); else what cannot.
std::string frozen_capacity_impossible(const Instance& instance);

// A proof that the fixed rows alone break the material or storage rule before
// frozen_until: every row that starts before it is fixed, so the stock, the
// scrapping (max_hold) and the totes in use there are the fixed rows' alone
// (MODEL.md 4, 6), whatever the solver places later. From frozen_until on,
// the lots fixed mixer rows make at one time t < horizon need their totes at t
// (no row that ends by t can have used them). "" when these hold; else the
// first violation. Found by the third sweep:
// initial stock, a shorter max_hold or fewer totes under a review's fixed rows
// made every start plan break the rule and `solve` said "(unproved: time limit)"
// after 0.2 s, also on soft demand.
std::string fixed_past_impossible(const Instance& instance);

}  // namespace makepack
