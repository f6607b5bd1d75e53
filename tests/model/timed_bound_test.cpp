// The time-indexed part of the lower bound (docs/bound.md "Time-indexed LP",
// model/bound/timed_lp.hpp): hand-computed on a plant where the line waits for
// the first batch, and never above a verified plan.
#include "model/bound/lower_bound.hpp"
#include "model/bound/timed_lp.hpp"
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// One mixer whose only batch (100000 lbs, 20 h) ends at 20 at the earliest,
// one line of 100 units/h: 20000 units cannot fit in 100 h, and the line is
// idle until the first batch ends. Changeovers 1 h, downtime 0, 1 per unmet unit.
const char* const kWaitingLine = R"(name: waiting-line
start_date: 2023-01-01T00:00
time_unit: hour
horizon: 100
objective: {downtime: 1, changeover: 1}
demand_soft: true
unmet_penalty: 1
mixers: [{id: M1, batch_size: 100000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 20}, downtime: {M1: 0}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 20000, downtime: {L1: 0}}
changeover: {mixers: 1, lines: 1}
)";
}  // namespace

TEST_CASE("timed bound: buckets start at the first batch end and end at the last line start") {
    CHECK(timed_buckets(100, 20, 98, 4) == std::vector<int>{0, 20, 59, 98, 100});
    CHECK(timed_buckets(100, 0, 100, 3) == std::vector<int>{0, 100});
    CHECK(timed_buckets(10, 4, 9, 12).back() == 10);
}

TEST_CASE("timed bound: the line waits for the first batch") {
    const Instance in = make_instance(kWaitingLine, "waiting-line");
    BoundOptions options;
    const LowerBound without = compute_lower_bound(in, options);
    options.timed_buckets = 4;
    const LowerBound with = compute_lower_bound(in, options);
    // Capacity LP: the line packs (100 - 1) h * 100 = 9900 units, 10100 unmet.
    REQUIRE(without.capacitated);
    CHECK(*without.capacitated < 10110);
    CHECK_FALSE(without.timed);
    // Timed: no paste before 20, so at most 80 h * 100 = 8000 units: 12000
    // unmet, + the line's changeover amortised over 9900 units (8000 / 9900)
    // and the mixer's over its need of 20000 lbs (8000 / 20000).
    REQUIRE(with.timed);
    CHECK(*with.timed == doctest::Approx(12000 + 8000.0 / 9900 + 0.4).epsilon(1e-9));
    CHECK(with.used == "timed");
    CHECK(with.bound == *with.timed);
    // A plan: one batch [0, 20), the line packs from 20 to 99: 7900 units.
    Schedule plan;
    plan.instance_name = in.name;
    plan.rows = {make_row(in, "M1", "P1", 1, 0, 20), make_row(in, "L1", "S1", 7900, 20, 99)};
    const CheckResult c = check_schedule(in, plan);
    INFO(violations_text(c));
    REQUIRE(c.feasible());
    CHECK(c.objective.total == doctest::Approx(12102));
    CHECK(with.bound <= c.objective.total);
}

TEST_CASE("timed bound: only for soft demand without fixed rows") {
    std::string hard = kWaitingLine;
    hard.replace(hard.find("demand_soft: true\n"), 18, "");
    hard.replace(hard.find("demand: 20000"), 13, "demand: 5000");
    const Instance in = make_instance(hard, "hard");
    const TimedBound t = timed_lp_bound(in, std::vector<double>(in.products.size(), 1.0),
                                        std::vector<double>(in.products.size(), 0.0), {100, 100}, 10);
    CHECK_FALSE(t.value);
}
