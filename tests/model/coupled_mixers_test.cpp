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
#include "tests/support/cycle_plant.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace makepack;
using makepack::test::cycle_plant;
using makepack::test::needs_of;

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
