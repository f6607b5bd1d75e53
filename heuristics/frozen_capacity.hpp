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

}  // namespace makepack
