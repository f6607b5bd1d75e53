// Sibling runs with the lines' hours priced (model/bound/line_runs_lagrangian.hpp,
// docs/bound.md 11): the Lagrangian's optimum by hand where the cheap line
// cannot hold a paste's two SKUs, and its value against the greedy's plan.
#include "model/bound/line_runs_lagrangian.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/sibling_runs.hpp"
#include "tests/support/greedy_plan.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

// Two sibling SKUs of 10 h each, both cheap on L1 (downtime 0.1) and dear on L2
// (0.5); siblings follow each other in 3 h, anything else 6 h. L1 has 25 h
// (an outage from 25), so the two rows with their changeovers (10 + 3 + 10 + 6)
// do not fit there together.
std::string cramped_siblings_yaml() {
    return R"(name: cramped
horizon: 100
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}, {id: L2, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1, L2: 0.5}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1, L2: 0.5}}
changeover:
  mixers: 2
  lines: {default: 6, pairs: [[S1, S2, 3], [S2, S1, 3], [S1, S1, 3], [S2, S2, 3]]}
calendar: {outages: [{resource: L1, start: 25, end: 100}]}
)";
}

}  // namespace

TEST_CASE("line runs: the priced hours of a cramped line, hand-computed") {
    // Choices of P1 with L1's hour price v (L2's stays 0, it has room):
    //   both on L1: 1 + 1 + 3 + 3 + 3 = 11, 29 h there   -> 11 + 29 v
    //   one on each line: (1 + 3 + 3) + (5 + 3 + 3) = 18, 16 h on L1 -> 18 + 16 v
    //   both on L2: 5 + 5 + 3 + 3 + 3 = 19, none on L1    -> 19
    // (two rows or more only add changeovers). Less 25 v for L1's hours:
    // max over v of min(11 + 4 v, 18 - 9 v, 19 - 25 v) at v = 8/29: 11 + 32/29.
    const Instance in = make_instance(cramped_siblings_yaml(), "cramped");
    const LowerBound b = compute_lower_bound(in);
    REQUIRE(b.lines.sibling_runs.has_value());
    CHECK(*b.lines.sibling_runs == doctest::Approx(11));  // blind to the hours
    REQUIRE(b.lines.coupled.has_value());
    CHECK(*b.lines.coupled == doctest::Approx(11 + 32.0 / 29).epsilon(1e-3));
    CHECK(*b.lines.coupled <= 11 + 32.0 / 29 + 1e-9);  // a dual value: never above the optimum
    CHECK(b.lines.used == "coupled");
    // At L1's price 8/29 both on L1 and both on L2 cost 19 with the hours priced.
    std::vector<double> price(in.resources.size(), 0.0);
    price[static_cast<std::size_t>(*in.find_resource("L1"))] = 8.0 / 29;
    CHECK(paste_runs(in, 0, std::vector<double>{0, 1000, 1000}, price).cost == doctest::Approx(19));
    // The best plan costs 18 on the lines (one SKU on each); the greedy's costs more.
    const Schedule plan = feasible_greedy_plan(in);
    CHECK(b.bound <= check_schedule(in, plan).objective.total + 1e-9);
}
