// The coupled mixers tests' plant (coupled_mixers_test.cpp,
// coupled_lagrangian_test.cpp): two mixers, three pastes, a cheap cycle.
#pragma once

#include "model/instance_loader.hpp"

#include <vector>

namespace makepack::test {

// M1 makes A and B, M2 makes C; one 1000-lb batch each (2 h at downtime 1:
// 2 per row). Changeovers: A -> B and B -> A 5 h, A -> A and B -> B 0 h,
// everything else (and after the last row) the default 10 h.
// Mixers' optimum: M1 runs A, B (5 + 10) or B, A; M2 runs C (10): 6 + 25 = 31.
// The assignment of section 5: A -> B -> A (5 + 5) and C -> end (10): 6 + 20.
// The flow LP without cuts: M1 starts and ends at A (10) and B's row sits on
// its own loop B -> B (0): 6 + 20; the cut "B is entered once" costs 5 more.
inline Instance cycle_plant() {
    return parse_instance(R"(name: cycle
horizon: 200
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}, {id: M2, batch_size: 1000}]
lines: [{id: L1, rate: 1000}]
pastes:
  - {id: A, batch_hours: {M1: 2}, downtime: {M1: 1}}
  - {id: B, batch_hours: {M1: 2}, downtime: {M1: 1}}
  - {id: C, batch_hours: {M2: 2}, downtime: {M2: 1}}
skus:
  - {id: SA, paste: A, units_per_lb: 1, demand: 1000, downtime: {L1: 0}}
  - {id: SB, paste: B, units_per_lb: 1, demand: 1000, downtime: {L1: 0}}
  - {id: SC, paste: C, units_per_lb: 1, demand: 1000, downtime: {L1: 0}}
changeover:
  mixers: {default: 10, pairs: [[A, B, 5], [B, A, 5], [A, A, 0], [B, B, 0]]}
  lines: 1
)",
                          "cycle");
}

inline std::vector<double> needs_of(const Instance& in) {
    std::vector<double> need(in.products.size(), 0.0);
    for (int p = 0; p < in.num_pastes; ++p) need[static_cast<std::size_t>(p)] = 1000;
    return need;
}

}  // namespace makepack::test
