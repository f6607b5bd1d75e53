// The knapsack-with-setups part of the soft-demand bound (docs/bound.md 12):
// one resource's knapsack against enumeration, a hand-computed plant where a
// line must pay a whole changeover for the SKU it packs only in part. Against
// the plans of overloaded soft plants: tests/solver/bound_validity_test.cpp.
#include "model/bound/lower_bound.hpp"
#include "model/bound/setup_knapsacks.hpp"
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <random>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

// Every choice of steps (0..full + 1 per item) that fits, by enumeration.
double enumerated(const std::vector<KnapsackItem>& items, int capacity) {
    double best = 0;
    std::function<void(std::size_t, int, double)> go = [&](std::size_t i, int left, double value) {
        if (i == items.size()) {
            best = std::max(best, value);
            return;
        }
        go(i + 1, left, value);
        const KnapsackItem& it = items[i];
        for (int n = 1; n <= it.full + 1; ++n) {
            const int hours = it.setup_hours + n * it.step_hours;
            if (hours > left) break;
            const double v = n < it.full ? it.per_step * n : it.full_value;
            go(i + 1, left - hours, value + v - it.setup_cost);
        }
    };
    go(0, capacity, 0.0);
    return best;
}

}  // namespace

TEST_CASE("setup knapsacks: one resource's knapsack equals enumeration") {
    std::mt19937 rng(12);
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<KnapsackItem> items(1 + rng() % 4);
        for (KnapsackItem& it : items) {
            it.step_hours = 1 + static_cast<int>(rng() % 4);
            it.setup_hours = static_cast<int>(rng() % 4);
            it.setup_cost = static_cast<double>(rng() % 5);
            it.per_step = static_cast<double>(rng() % 9) - 2;  // some never worth making
            it.full = 1 + static_cast<int>(rng() % 5);
            it.full_value = it.per_step * (it.full - 1) + static_cast<double>(rng() % 7);  // the last step partly
        }
        const int capacity = static_cast<int>(rng() % 25);
        CAPTURE(trial);
        const KnapsackChoice c = knapsack_with_setups(items, capacity);
        CHECK(c.value == doctest::Approx(enumerated(items, capacity)));
        // The choice it returns fits and is worth its value.
        int hours = 0;
        double value = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const int n = c.steps[i];
            if (n <= 0) continue;
            CHECK(n <= items[i].full);
            hours += items[i].setup_hours + n * items[i].step_hours;
            value += (n < items[i].full ? items[i].per_step * n : items[i].full_value) - items[i].setup_cost;
        }
        CHECK(hours <= capacity);
        CHECK(value == doctest::Approx(c.value));
    }
}

TEST_CASE("setup knapsacks: a SKU packed in part pays a whole changeover, hand-computed") {
    // L1 (100 units/h, 24 h) packs S1 and S2 (1000 units each, 10 h + a 4-h
    // changeover each): both whole need 28 h, so at best S1 whole and 600 of
    // S2 in the 10 h left: 400 unmet (1 each) + 8 of changeover on L1. The paste
    // (1 lb a unit) of 1600 units needs a row on M1: + 4 of changeover. The dual
    // of the relaxation: 2000 - (1 - pi) 1600 + 8 - max(0, 2000 pi - 4), at most
    // 411.2 (pi = 0.002: M1's changeover paid on the 1600 lbs the lines use of
    // the 2000 it would make). The capacity LP spreads the changeovers: ~296.
    const Instance in = make_instance(R"(name: knap
horizon: 24
objective: {downtime: 1, changeover: 1}
demand_soft: true
unmet_penalty: 1
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 2}, downtime: {M1: 0}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0}}
changeover: {mixers: 4, lines: 4}
)",
                                      "knap");
    const LowerBound b = compute_lower_bound(in);
    REQUIRE(b.knapsacks);
    REQUIRE(b.capacitated);
    CHECK(*b.capacitated < 300);
    CHECK(*b.knapsacks <= 411.2 + 1e-6);
    CHECK(*b.knapsacks >= 411.0);
    CHECK(b.bound == doctest::Approx(*b.knapsacks));
    CHECK(b.used == "knapsacks");
    // A plan: M1 P1 [0,2) and [6,8); L1 S1 [2,12), S2 400 units [16,20).
    Schedule plan;
    plan.instance_name = in.name;
    plan.rows = {make_row(in, "M1", "P1", 1, 0, 2), make_row(in, "M1", "P1", 1, 6, 8),
                 make_row(in, "L1", "S1", 1000, 2, 12), make_row(in, "L1", "S2", 400, 16, 20)};
    const CheckResult c = check_schedule(in, plan);
    INFO(violations_text(c));
    REQUIRE(c.feasible());
    CHECK(c.objective.total == doctest::Approx(616));
    CHECK(b.bound <= c.objective.total);
}
