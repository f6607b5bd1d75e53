// The coupled mixers part of the lower bound (model/bound/coupled_mixers.hpp,
// mixer_polytope.hpp, docs/bound.md 8): a hand-computed plant where the
// assignment of section 5 closes a cycle and the connectivity cuts remove it,
// and the Lagrangian dual function below the LP optimum at any prices.
#include "heuristics/backward_greedy.hpp"
#include "model/bound/coupled_mixers.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/mixer_polytope.hpp"
#include "model/bound/simplex.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace makepack;

namespace {

// M1 makes A and B, M2 makes C; one 1000-lb batch each (2 h at downtime 1:
// 2 per row). Changeovers: A -> B and B -> A 5 h, A -> A and B -> B 0 h,
// everything else (and after the last row) the default 10 h.
// Mixers' optimum: M1 runs A, B (5 + 10) or B, A; M2 runs C (10): 6 + 25 = 31.
// The assignment of section 5: A -> B -> A (5 + 5) and C -> end (10): 6 + 20.
// The flow LP without cuts: M1 starts and ends at A (10) and B's row sits on
// its own loop B -> B (0): 6 + 20; the cut "B is entered once" costs 5 more.
Instance cycle_plant() {
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

std::vector<double> needs_of(const Instance& in) {
    std::vector<double> need(in.products.size(), 0.0);
    for (int p = 0; p < in.num_pastes; ++p) need[static_cast<std::size_t>(p)] = 1000;
    return need;
}

}  // namespace

TEST_CASE("coupled mixers: the cuts remove the assignment's cycle, hand-computed") {
    const Instance in = cycle_plant();
    BoundOptions options;
    options.coupled_max_pastes = 10;
    const LowerBound b = compute_lower_bound(in, options);
    REQUIRE(b.mixers.successors);
    CHECK(*b.mixers.successors == doctest::Approx(26));
    REQUIRE(b.mixers.coupled);
    CHECK(*b.mixers.coupled == doctest::Approx(31).epsilon(1e-9));
    CHECK(*b.mixers.coupled <= 31 + 1e-9);
    CHECK(b.coupled_converged);
    CHECK(b.mixers.used == "coupled");
    CHECK(compute_lower_bound(in).mixers.coupled == std::nullopt);  // off by default

    // A feasible plan pays at least the bound.
    const GreedyResult greedy = backward_greedy(in, GreedyOptions{});
    REQUIRE(greedy.schedule);
    const CheckResult check = check_schedule(in, *greedy.schedule);
    REQUIRE(check.feasible());
    CHECK(b.bound <= check.objective.total + 1e-6);
}

TEST_CASE("coupled mixers: without the connectivity cuts M1's flow LP closes the loop") {
    const Instance in = cycle_plant();
    MixerPolytope m = mixer_polytope(in, 0, needs_of(in), 200);
    REQUIRE(m.nodes.size() == 2);
    // Cover both pastes: a price of 100 on each share.
    std::vector<double> cost = m.cost;
    for (const MixerNode& node : m.nodes) cost[static_cast<std::size_t>(node.y)] -= 100;
    const bound::LpResult loose = bound::solve_lp(polytope_lp(m, cost), {});
    REQUIRE(loose.status == bound::LpStatus::Optimal);
    // One paste alone on the path from the start (10 to the end), the other on its loop.
    CHECK(loose.objective == doctest::Approx(4 + 10 - 200));
    int cuts = add_connectivity_cuts(m, loose.x);
    CHECK(cuts == 1);
    bound::LpResult cut;
    for (int round = 0; round < 5; ++round) {  // the LP may put the other paste on its loop next
        cut = bound::solve_lp(polytope_lp(m, cost), {});
        REQUIRE(cut.status == bound::LpStatus::Optimal);
        const int added = add_connectivity_cuts(m, cut.x);
        if (added == 0) break;
        cuts += added;
    }
    CHECK(cuts == 2);  // each paste is entered once: A -> B or B -> A (5) after the start
    CHECK(cut.objective == doctest::Approx(4 + 15 - 200));
    CHECK(polytope_dual_bound(m, cost, cut.row_duals) == doctest::Approx(cut.objective));
}

TEST_CASE("coupled mixers: the dual function is below the LP optimum at any prices") {
    const Instance in = cycle_plant();
    MixerPolytope m = mixer_polytope(in, 0, needs_of(in), 200);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> price(-30, 30);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<double> cost = m.cost;
        for (const MixerNode& node : m.nodes) {
            cost[static_cast<std::size_t>(node.y)] -= 60 + price(rng);
            cost[static_cast<std::size_t>(node.B)] -= 10 + price(rng) / 3;
        }
        const bound::LpResult lp = bound::solve_lp(polytope_lp(m, cost), {});
        REQUIRE(lp.status == bound::LpStatus::Optimal);
        std::vector<double> duals(m.rows.size());
        for (double& u : duals) u = price(rng);
        CAPTURE(trial);
        CHECK(polytope_dual_bound(m, cost, duals) <= lp.objective + 1e-9);
        CHECK(polytope_dual_bound(m, cost, lp.row_duals) == doctest::Approx(lp.objective));
    }
}
