// The subgradient ascent the Lagrangian bounds share (model/bound/polyak_ascent.hpp):
// the halving rule, one step by hand (Polyak's length, scaled rows, prices held
// at their sign), deflection, and a small dual maximised to its optimum.
#include "model/bound/polyak_ascent.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

using namespace makepack;

TEST_CASE("bound ascent: the best value, and the step halves after `patience` values without a better one") {
    PolyakAscent ascent({.patience = 2, .min_improvement = 1e-9, .min_theta = 0.3});
    CHECK(!ascent.best());
    ascent.record(1);
    ascent.record(1 + 1e-12);  // not better by more than min_improvement
    CHECK(*ascent.best() == 1);
    ascent.record(0.5);
    CHECK(!ascent.stalled());  // theta 1 -> 0.5
    ascent.record(2);
    ascent.record(0);
    CHECK(*ascent.best() == 2);
    CHECK(!ascent.stalled());  // the better value restarted the count
    ascent.record(0);
    CHECK(ascent.stalled());   // theta 0.25
}

TEST_CASE("bound ascent: one step by hand") {
    PolyakAscent ascent({.target_gap = 0.1});
    ascent.record(10);  // target 11
    double a = 0, b = 0, c = 1;
    const std::vector<PricedRow> rows{
        {&a, 2},                            // moves by t 2
        {&b, -1},                           // held at 0: not in the norm
        {&c, 1, PriceSign::Free, 2},        // (1 / 2)^2 in the norm, moves by t 1 / 4
    };
    CHECK(ascent.step(10, rows));
    const double t = (11.0 - 10.0) / (4 + 0.25);
    CHECK(a == doctest::Approx(2 * t));
    CHECK(b == 0);
    CHECK(c == doctest::Approx(1 + t / 4));
}

TEST_CASE("bound ascent: no step when no price can move; deflection keeps the last direction") {
    PolyakAscent held({.target_gap = 0.1});
    held.record(5);
    double u = 0;
    CHECK(!held.step(5, std::vector<PricedRow>{{&u, -3}}));
    CHECK(u == 0);

    PolyakAscent deflected({.target_offset = 1, .deflection = 0.5});
    deflected.record(0);  // target 1
    double v = 0, last = 0;
    CHECK(deflected.step(0, std::vector<PricedRow>{{&v, 2, PriceSign::Free, 1, &last}}));
    CHECK(last == 2);
    CHECK(v == doctest::Approx(0.5));  // t = 1 / 4
    CHECK(deflected.step(0, std::vector<PricedRow>{{&v, -2, PriceSign::Free, 1, &last}}));
    CHECK(last == -1);  // -2 + 0.5 * 2
    CHECK(v == doctest::Approx(-0.5));
}

TEST_CASE("bound ascent: a small dual maximised to its optimum") {
    // min x1 + 2 x2 with x1 + x2 >= 1, x binary; price u >= 0 on the cover:
    // L(u) = u + min(0, 1 - u) + min(0, 2 - u), at most 1 (x1 = 1), reached on [1, 2].
    PolyakAscent ascent({.target_gap = 0.02, .min_target_gap = 0.5});
    double u = 0;
    for (int round = 0; round < 50; ++round) {
        const double value = u + std::min(0.0, 1 - u) + std::min(0.0, 2 - u);
        const double taken = (1 - u < 0 ? 1 : 0) + (2 - u < 0 ? 1 : 0);  // x1 + x2 at the minimum
        ascent.record(value);
        if (!ascent.step(value, std::vector<PricedRow>{{&u, 1 - taken}})) break;  // u = 1.5: x1 = 1, g = 0
    }
    CHECK(*ascent.best() == doctest::Approx(1));
}
