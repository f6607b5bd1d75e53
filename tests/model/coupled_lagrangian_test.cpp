// The coupled mixers part by Lagrangian relaxation (model/bound/mixer_flow.hpp,
// coupled_lagrangian.hpp, docs/bound.md 10): one mixer's flow minimum by hand,
// the flow minimum below the priced cost of every plan image of a mixer at
// random prices, the part below the hand-computed optimum, and the cuts' size
// in the step (docs/bound.md 10.1).
#include "model/bound/coupled_lagrangian.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/mixer_flow.hpp"
#include "model/bound/mixer_polytope.hpp"
#include "model/bound/polyak_ascent.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/cycle_plant.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace makepack;
using makepack::test::cycle_plant;
using makepack::test::needs_of;

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

// The image of a sequence of rows (node, batches) on mixer m (docs/bound.md 8):
// batches, shares (the mixer makes all of each paste it has), first and last
// row, and each succession on its arc (cheaper than the default) or through the hub.
std::vector<double> image(const MixerPolytope& m, const std::vector<std::pair<int, int>>& rows) {
    std::vector<double> x(m.cost.size(), 0.0);
    if (rows.empty()) return x;
    for (auto [node, batches] : rows) {
        x[at(m.nodes[at(node)].B)] += batches;
        if (m.nodes[at(node)].y >= 0) x[at(m.nodes[at(node)].y)] = 1;
    }
    x[at(m.nodes[at(rows.front().first)].S)] = 1;
    x[at(m.nodes[at(rows.back().first)].E)] = 1;
    for (std::size_t k = 1; k < rows.size(); ++k) {
        const int from = rows[k - 1].first, to = rows[k].first;
        int direct = -1, out = -1, in = -1;
        for (const MixerArc& a : m.arcs) {
            if (a.from == from && a.to == to) direct = a.var;
            if (a.from == from && a.to < 0) out = a.var;
            if (a.from < 0 && a.to == to) in = a.var;
        }
        if (direct >= 0) x[at(direct)] += 1;
        else x[at(out)] += 1, x[at(in)] += 1;
    }
    return x;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double sum = 0;
    for (std::size_t j = 0; j < a.size(); ++j) sum += a[j] * b[j];
    return sum;
}

}  // namespace

TEST_CASE("mixer flow: M1's priced minimum by hand, before and after a connectivity cut") {
    const Instance in = cycle_plant();
    MixerPolytope m = mixer_polytope(in, 0, needs_of(in), 200);
    REQUIRE(m.nodes.size() == 2);
    CHECK(m.nodes[0].most_batches == 100);  // 200 h / 2 h per batch
    // A price of 100 on each share: a row of one batch costs 2 - 100.
    std::vector<double> cost = m.cost;
    for (const MixerNode& node : m.nodes) cost[at(node.y)] -= 100;
    const std::optional<MixerFlow> loose = mixer_flow_minimum(m, cost);
    REQUIRE(loose);
    // One paste on the path from the start (10 to the end), the other on its own loop (0).
    CHECK(loose->value == doctest::Approx(-98 + 10 - 98).epsilon(1e-9));
    CHECK(loose->value <= -186 + 1e-9);
    CHECK(loose->x[at(m.nodes[0].y)] == doctest::Approx(1));
    CHECK(loose->x[at(m.nodes[1].y)] == doctest::Approx(1));
    CHECK(loose->x[at(m.nodes[0].B)] == doctest::Approx(1));
    REQUIRE(add_connectivity_cuts(m, loose->x) == 1);
    // The cut "the looping paste is entered" priced at 5: its share pays 5, what
    // enters it gains 5. Then the other paste loops (-186 again) and is cut too;
    // with both cuts at 5 every way is -181 (the LP with both cuts, 4 + 15 - 200):
    // a loop pays the 5, or the path runs A, B (5) or B, A.
    std::vector<double> priced = cost;
    for (auto [var, a] : m.rows.back().entries) priced[at(var)] -= 5 * a;
    const std::optional<MixerFlow> other = mixer_flow_minimum(m, priced);
    REQUIRE(other);
    CHECK(other->value == doctest::Approx(-186).epsilon(1e-9));
    REQUIRE(add_connectivity_cuts(m, other->x) == 1);
    for (auto [var, a] : m.rows.back().entries) priced[at(var)] -= 5 * a;
    const std::optional<MixerFlow> cut = mixer_flow_minimum(m, priced);
    REQUIRE(cut);
    CHECK(cut->value == doctest::Approx(-181).epsilon(1e-9));
    // The same cuts priced as coupled_lagrangian.cpp does: on the rows of U and
    // the arcs inside U (here each paste's own loop) instead of the arcs into U.
    std::vector<double> inner = cost;
    std::vector<double> row_price(m.nodes.size(), -5.0);
    for (const MixerArc& a : m.arcs)
        if (a.from >= 0 && a.from == a.to) inner[at(a.var)] += 5;
    for (const MixerNode& node : m.nodes) inner[at(node.y)] += 5;
    const std::optional<MixerFlow> by_rows = mixer_flow_minimum(m, inner, &row_price);
    REQUIRE(by_rows);
    CHECK(by_rows->value == doctest::Approx(-181).epsilon(1e-9));
    // Zero prices: the mixer unused (0) is the cheapest.
    const std::optional<MixerFlow> idle = mixer_flow_minimum(m, m.cost);
    REQUIRE(idle);
    CHECK(idle->value == 0);
}

TEST_CASE("mixer flow: the minimum is below every plan image at random prices") {
    const Instance in = cycle_plant();
    MixerPolytope m = mixer_polytope(in, 0, needs_of(in), 200);
    // Every sequence of up to 3 rows of A and B with 1-3 batches each.
    std::vector<std::vector<std::pair<int, int>>> plans{{}};
    for (std::size_t begin = 0; begin < plans.size(); ++begin)
        for (int node = 0; node < 2; ++node)
            for (int batches = 1; batches <= 3; ++batches)
                if (plans[begin].size() < 3) {
                    std::vector<std::pair<int, int>> longer = plans[begin];
                    longer.emplace_back(node, batches);
                    plans.push_back(longer);
                }
    REQUIRE(plans.size() == 1 + 6 + 36 + 216);
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> price(0, 1);
    for (int trial = 0; trial < 30; ++trial) {
        // Random cover and batch prices, an hours price and random cut prices
        // (cuts separated on the way), folded into the costs as the Lagrangian does.
        std::vector<double> cost = m.cost;
        for (const MixerNode& node : m.nodes) {
            cost[at(node.y)] -= 60 * price(rng);
            cost[at(node.B)] -= 10 * price(rng) - 2;
        }
        double constant = 0;
        for (std::size_t r = at(m.hours_row); r < m.rows.size(); ++r) {
            const double u = r == at(m.hours_row) ? -0.5 * price(rng) : 20 * price(rng);  // <= row: <= 0
            constant += u * m.rows[r].rhs;
            for (auto [var, a] : m.rows[r].entries) cost[at(var)] -= u * a;
        }
        const std::optional<MixerFlow> flow = mixer_flow_minimum(m, cost);
        REQUIRE(flow);
        CAPTURE(trial);
        for (const auto& plan : plans) {
            const std::vector<double> x = image(m, plan);
            // Every plan's priced cost: its cost minus the priced rows' slack (>= 0 for a plan).
            double plan_cost = dot(cost, x);
            for (std::size_t r = at(m.hours_row); r < m.rows.size(); ++r) {
                double activity = 0;
                for (auto [var, a] : m.rows[r].entries) activity += a * x[at(var)];
                if (r == at(m.hours_row)) CHECK(activity <= m.rows[r].rhs);
                else CHECK(activity >= m.rows[r].rhs - 1e-12);  // a plan satisfies every cut
            }
            CHECK(flow->value + constant <= plan_cost + constant + 1e-9);
        }
        if (!flow->x.empty() && m.cuts < 6) add_connectivity_cuts(m, flow->x);
    }
    CHECK(m.cuts >= 1);
}

TEST_CASE("coupled Lagrangian: below the mixers' optimum, above the assignment") {
    const Instance in = cycle_plant();
    const std::vector<double> available{200, 200, 200};
    const CoupledMixers c = coupled_mixers_lagrangian(in, needs_of(in), available, 60);
    REQUIRE(c.value);
    CHECK(*c.value <= 31 + 1e-9);  // M1 runs A, B (5 + 10), M2 runs C (10): 6 + 25
    CHECK(*c.value > 26 + 1);      // the assignment of section 5 closes the cycle A -> B -> A
    CHECK(c.cuts >= 1);

    BoundOptions options;
    options.coupled_max_pastes = 10;
    options.coupled_by_lagrangian = true;
    const LowerBound b = compute_lower_bound(in, options);
    REQUIRE(b.mixers.coupled);
    CHECK(*b.mixers.coupled == doctest::Approx(*c.value));
}

TEST_CASE("coupled Lagrangian: cuts of size 16 leave the covers their step (docs/bound.md 10.1), by hand") {
    // One cover with slack 1 and 16 violated cuts with slack 1 each, Polyak
    // target 1 above the value: at size 1 the cuts make 16 of the norm 17, at
    // size 16 only 16 / 256 of the norm 1.0625.
    for (const double size : {1.0, 16.0}) {
        PolyakAscent ascent({.target_offset = 1});
        ascent.record(0);
        double cover = 0;
        std::vector<double> cuts(16, 0.0);
        std::vector<PricedRow> rows{{&cover, 1}};
        for (double& u : cuts) rows.push_back({&u, 1, PriceSign::NonNegative, size});
        CHECK(ascent.step(0, rows));
        const double t = 1 / (1 + 16 / (size * size));
        CHECK(cover == doctest::Approx(t));
        CHECK(cuts[0] == doctest::Approx(t / (size * size)));
        if (size == 1) CHECK(cover == doctest::Approx(1.0 / 17));
        if (size == 16) CHECK(cover == doctest::Approx(1 / 1.0625));
    }
}
