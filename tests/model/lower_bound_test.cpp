// The lower bound (model/bound/lower_bound.hpp, docs/bound.md): hand-computed
// values, the reference figures of NOTES.md, "never above a feasible
// schedule" on every shipped instance and on random small plants, proven
// infeasibility, and the GUB simplex's optimality certificates.
#include "heuristics/backward_greedy.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/sibling_runs.hpp"
#include "model/bound/simplex.hpp"
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "solver/solve/solve.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <random>
#include <regex>
#include <string>

using namespace makepack;
using namespace makepack::fixtures;

namespace {


// Hand-computed plant: no breaks, no maintenance or spare capacity.
//   mixers M1 (1000 lbs/batch), M2 (500); lines L1 (100 units/h), L2 (50)
//   P1: M1 4 h/batch downtime 0.1, M2 3 h/batch downtime 0.2
//   S1: P1, 2 units/lb, demand 1000, L1 0.1, L2 0.2
//   S2: P1, 1 unit/lb, demand 250, L1 0.5 (L1 only)
//   changeover 2 h on mixers, 1 h on lines; downtime and changeover weight 1
std::string hand_yaml(const std::string& extra_calendar = "") {
    return R"(name: hand
horizon: 100
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}, {id: M2, batch_size: 500}]
lines: [{id: L1, rate: 100}, {id: L2, rate: 50}]
pastes:
  - {id: P1, batch_hours: {M1: 4, M2: 3}, downtime: {M1: 0.1, M2: 0.2}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1000, downtime: {L1: 0.1, L2: 0.2}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 250, downtime: {L1: 0.5}}
changeover: {mixers: 2, lines: 1}
)" + extra_calendar;
}

double greedy_objective(const Instance& instance, bool* found = nullptr) {
    GreedyOptions options;
    options.extra_random_orders = 0;
    const GreedyResult result = backward_greedy(instance, options);
    if (found) *found = result.schedule.has_value();
    if (!result.schedule) return NAN;
    const CheckResult check = check_schedule(instance, *result.schedule, CheckOptions{false});
    INFO(violations_text(check));
    REQUIRE(check.feasible());
    return check.objective.total;
}

}  // namespace

TEST_CASE("lower bound: hand-computed trivial bound") {
    const Instance in = make_instance(hand_yaml(), "hand");
    const LowerBound b = compute_lower_bound(in);
    // S1 (1000 units): one row on L1 = ceil(1000/100) = 10 h * 0.1 = 1.0, + changeover 1 = 2.0
    //   (L2: 20 h * 0.2 = 4.0 + 1; two or more rows: 2 changeovers + 1000 * 0.1/100 = 3.0)
    // S2 (250 units, L1 only): ceil(2.5) = 3 h * 0.5 = 1.5, + 1 = 2.5
    // P1 needs 1000/2 + 250/1 = 750 lbs: M1 ceil(0.75) = 1 batch = 4 h * 0.1 = 0.4, + 2 = 2.4
    //   (M2: 2 batches = 6 h * 0.2 = 1.2 + 2; several rows: 4 + 750 * 0.4/1000 = 4.3)
    CHECK(b.lines.trivial == doctest::Approx(2.0 + 2.5));
    CHECK(b.mixers.trivial == doctest::Approx(2.4));
    CHECK(b.trivial == doctest::Approx(6.9));
    // Capacity does not bind: the LP equals the trivial bound (its single-row
    // patterns are the trivial choices).
    REQUIRE(b.capacitated.has_value());
    CHECK(*b.capacitated == doctest::Approx(6.9));
    CHECK(b.bound == doctest::Approx(6.9));
    CHECK_FALSE(b.infeasible);
    CHECK(b.lp_status == "optimal");
    // Capacities: all 100 hours.
    for (const ResourceCapacity& c : b.capacity) CHECK(c.available == doctest::Approx(100));
}

TEST_CASE("lower bound: hand-computed capacitated bound") {
    // An outage leaves L1 12 hours. S2 must take 3 h + 1 h changeover of them;
    // S1 in one row on L1 needs 10 + 1 = 11 > 8 left. The LP covers 8/11 of S1
    // with "one row on L1" (cost 2.0) and 3/11 with "one row on L2" (20 h * 0.2
    // + 1 = 5.0, 21 h on L2): 16/11 + 15/11 = 31/11; lines = 2.5 + 31/11.
    // Mixers unchanged: 2.4. Bound = 4.9 + 31/11 = 7.71818...
    const Instance in = make_instance(
        hand_yaml("calendar: {outages: [{resource: L1, start: 0, end: 88}]}\n"), "hand");
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.trivial == doctest::Approx(6.9));
    REQUIRE(b.capacitated.has_value());
    CHECK(b.capacity[2].outage_hours == 88);
    CHECK(b.capacity[2].available == doctest::Approx(12));
    CHECK(*b.lines.capacitated == doctest::Approx(2.5 + 31.0 / 11));
    CHECK(*b.mixers.capacitated == doctest::Approx(2.4));
    CHECK(b.used == "capacitated");
    CHECK(b.bound == doctest::Approx(4.9 + 31.0 / 11));
    // A feasible plan costs more: S2 on L1 [88,91), S1 700 units on L1 (7 h)
    // and 300 on L2 (6 h), P1 one batch on M1.
    bool found = false;
    const double greedy = greedy_objective(in, &found);
    if (found) CHECK(b.bound <= greedy + 1e-9);
}

// Two sibling SKUs, each cheapest on its own line, where a changeover between
// siblings (3 h) is half the default (6 h).
//   mixer M1 (1000 lbs/batch, 4 h/batch, downtime 0.1), changeover 2 h
//   lines L1, L2 (100 units/h); S1: L1 0.1, L2 0.3; S2: L1 0.3, L2 0.1; 1000 units each
std::string siblings_yaml() {
    return R"(name: siblings
horizon: 100
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}, {id: L2, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1, L2: 0.3}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.3, L2: 0.1}}
changeover:
  mixers: 2
  lines: {default: 6, pairs: [[S1, S2, 3], [S2, S1, 3], [S1, S1, 3], [S2, S2, 3]]}
)";
}

TEST_CASE("lower bound: sibling runs, hand-computed") {
    // Trivial: each SKU 10 h on its cheapest line (1.0) + 3 h = 8 on the lines.
    // But each line the paste uses ends with a 6 h changeover (the default):
    // apart, 1 + 1 + 3 + 3 + 2 * 3 = 14; together on one line, 1 + 3 + 3 + 3 + 3 = 13
    // (S1 then S2: 3 h + the last row's 6 h). Mixers: 2 batches, 8 h * 0.1 + 2 = 2.8.
    const Instance in = make_instance(siblings_yaml(), "siblings");
    CHECK(extra_changeover_per_line(in, 0) == doctest::Approx(3));
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.lines.trivial == doctest::Approx(8));
    REQUIRE(b.lines.sibling_runs.has_value());
    CHECK(*b.lines.sibling_runs == doctest::Approx(13));
    CHECK(b.lines.used == "sibling runs");
    CHECK(b.bound == doctest::Approx(15.8));
    CHECK(b.used == "mixers: capacitated, lines: sibling runs");
    // ... and a plan reaches it: the bound is the optimum here.
    bool found = false;
    const double greedy = greedy_objective(in, &found);
    REQUIRE(found);
    CHECK(b.bound <= greedy + 1e-9);

    // A constant changeover has no short sibling pairs: nothing to add.
    const Instance flat = make_instance(hand_yaml(), "hand");
    CHECK(extra_changeover_per_line(flat, 0) == 0);
    const LowerBound f = compute_lower_bound(flat);
    REQUIRE(f.lines.sibling_runs.has_value());
    CHECK(*f.lines.sibling_runs == doctest::Approx(f.lines.trivial));
}

// The siblings plant with both SKUs cheap on L1 (downtime 0.1) and dear on L2
// (0.5), and L1 cut to 25 h by an outage: the two rows with their
// changeovers (10 + 3 + 10 + 6) do not fit there together.
std::string cramped_siblings_yaml() {
    std::string yaml = siblings_yaml();
    for (const char* downtime : {"{L1: 0.1, L2: 0.3}", "{L1: 0.3, L2: 0.1}"})
        yaml.replace(yaml.find(downtime), std::string(downtime).size(), "{L1: 0.1, L2: 0.5}");
    return yaml + "calendar: {outages: [{resource: L1, start: 25, end: 100}]}\n";
}

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
    bool found = false;
    const double greedy = greedy_objective(in, &found);
    REQUIRE(found);
    CHECK(b.bound <= greedy + 1e-9);
}

TEST_CASE("lower bound: pieces") {
    Maintenance m;
    m.every = 336;
    m.duration = 8;
    m.since_last = 24;  // due 312, then at most 312 + 336 = 648 < 672: two blocks
    CHECK(min_maintenance_count(m, 672) == 2);
    CHECK(min_maintenance_count(m, 312) == 0);  // due 312 is not < 312
    CHECK(min_maintenance_count(m, 313) == 1);
    m.since_last = 0;
    CHECK(min_maintenance_count(m, 672) == 1);  // 336, then 336 + 336 = 672: not < 672
    m.since_last = 336;                         // due at 0
    CHECK(min_maintenance_count(m, 10) == 1);
    CHECK(min_maintenance_count(m, 8) == 1);  // starts at 0 = min(due, horizon - 8)

    // Shift breaks every 12 h for 1 h: a 14 h block covers at least 12 working
    // hours (it cannot avoid one break, may cover parts of two).
    const Instance oak = load_instance(shipped("oakhill-4w.yaml"));
    const int l1 = *oak.find_resource("L1");
    const int m1 = *oak.find_resource("M1");
    CHECK(min_working_hours(oak.resources[static_cast<std::size_t>(l1)], 14) == 12);
    CHECK(min_working_hours(oak.resources[static_cast<std::size_t>(l1)], 8) == 7);
    CHECK(min_working_hours(oak.resources[static_cast<std::size_t>(l1)], 11) == 10);
    CHECK(min_working_hours(oak.resources[static_cast<std::size_t>(m1)], 14) == 14);
    // M1: 672 - 2 maintenance * 8 - 4 spare * 14 = 600; L1: 616 working hours
    // - 1 maintenance * 7 - 4 spare * 12 = 561.
    const ResourceCapacity cm = resource_capacity(oak, m1);
    CHECK(cm.maintenance_blocks == 2);
    CHECK(cm.spare_blocks == 4);
    CHECK(cm.available == doctest::Approx(600));
    const ResourceCapacity cl = resource_capacity(oak, l1);
    CHECK(cl.working_hours == 616);
    CHECK(cl.maintenance_blocks == 1);
    CHECK(cl.available == doctest::Approx(561));

    // Changeover after a row: the minimum of the matrix row and the default.
    const Instance tiny = tiny_plant(TinyPlant().with_changeover(
        "{mixers: {default: 5, pairs: [[P1, P2, 3], [P2, P1, 7]]}, lines: {default: 2, pairs: [[S1, S1, 0]]}}"));
    CHECK(min_changeover_after(tiny, *tiny.find_product("P1")) == 3);
    CHECK(min_changeover_after(tiny, *tiny.find_product("P2")) == 5);
    CHECK(min_changeover_after(tiny, *tiny.find_product("S1")) == 0);
    CHECK(min_changeover_after(tiny, *tiny.find_product("S2")) == 2);
}

TEST_CASE("lower bound: reference figures of NOTES.md") {
    // Both are the optimum: every product one row on its cheapest resource.
    const LowerBound four = compute_lower_bound(load_instance(shipped("oakhill-4w.yaml")));
    CHECK(four.bound == doctest::Approx(900.31).epsilon(1e-9));
    CHECK(four.trivial == doctest::Approx(900.31).epsilon(1e-9));
    const LowerBound six = compute_lower_bound(load_instance(shipped("oakhill-6w.yaml")));
    CHECK(six.bound == doctest::Approx(1428.47).epsilon(1e-9));
    // medium: at least the capacity bound NOTES.md records.
    const LowerBound medium = compute_lower_bound(load_instance(shipped("bench/medium.yaml")));
    CHECK(medium.bound >= 2905.78);
}

TEST_CASE("lower bound: never above the greedy's verified schedule on the shipped instances") {
    for (const char* name : {"oakhill-4w.yaml", "oakhill-5w.yaml", "oakhill-6w.yaml", "bench/small-plant.yaml",
                             "bench/small-tight.yaml", "bench/medium.yaml", "bench/medium-plant.yaml",
                             "bench/large.yaml"}) {
        // bench/large (1000 SKUs) under the sanitizers: minutes; the Release run checks it.
        if (fixtures::kSanitizedBuild && std::string(name) == "bench/large.yaml") {
            MESSAGE("sanitizer build: bench/large.yaml left to the Release run");
            continue;
        }
        CAPTURE(name);
        const Instance in = load_instance(shipped(name));
        const LowerBound b = compute_lower_bound(in);
        CHECK_FALSE(b.infeasible);
        CHECK(b.lp_status == "optimal");
        REQUIRE(b.capacitated.has_value());
        // The reported value is the Lagrangian at the LP prices: equal to the
        // LP's own value up to rounding.
        CHECK(*b.capacitated == doctest::Approx(b.lp_objective).epsilon(1e-6));
        CHECK(b.bound >= b.trivial);
        bool found = false;
        const double objective = greedy_objective(in, &found);
        REQUIRE(found);
        CAPTURE(objective);
        CAPTURE(b.bound);
        CHECK(b.bound <= objective + 1e-6);
    }
}

TEST_CASE("lower bound: demand that cannot fit the capacity is proven infeasible") {
    // Each SKU fits L1 alone (10 h of 20), both need 10 + 1 + 10 + 1 = 22 h.
    const std::string yaml = R"(name: overloaded
horizon: 20
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 2}, downtime: {M1: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)";
    const Instance in = make_instance(yaml, "overloaded");
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.infeasible);
    CHECK(b.reason.find("lines") != std::string::npos);
    bool found = true;
    greedy_objective(in, &found);
    CHECK_FALSE(found);

    // Soft demand: not infeasible, unmet units are paid instead.
    const Instance soft = make_instance(yaml + "demand_soft: true\nunmet_penalty: 0.01\n", "soft");
    const LowerBound s = compute_lower_bound(soft);
    CHECK_FALSE(s.infeasible);
    CHECK(s.bound > 0);
}

TEST_CASE("lower bound: a calendar that leaves negative hours is infeasible") {
    // Spare capacity 8 h per 10 h plus an outage of 5 h per period: nothing fits.
    const Instance in = make_instance(R"(name: blocked
horizon: 20
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}}]
skus: [{id: S1, paste: P1, units_per_lb: 1, demand: 100, downtime: {L1: 0.1}}]
changeover: {mixers: 1, lines: 1}
calendar:
  lines: {spare_capacity: {every: 10, duration: 8}}
  outages: [{resource: L1, start: 0, end: 5}, {resource: L1, start: 10, end: 15}]
)",
                                      "blocked");
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.infeasible);
    CHECK(b.reason.find("L1") != std::string::npos);
}

TEST_CASE("lower bound: soft demand stays below every plan, including making nothing") {
    // mini: M1 P1 1 batch (4 h * 0.1 + 2), L1 S1 1000 units (10 h * 0.1 + 1): 4.4.
    for (const char* penalty : {"0", "0.0001", "0.001", "0.01", "1"}) {
        CAPTURE(penalty);
        const Instance in = mini_plant(MiniPlant().with_top(std::string("demand_soft: true\nunmet_penalty: ") + penalty + "\n"));
        const LowerBound b = compute_lower_bound(in);
        CHECK_FALSE(b.infeasible);
        const CheckResult full = check_schedule(in, mini_plant_schedule(in));
        REQUIRE(full.feasible());
        Schedule none;
        none.instance_name = in.name;
        const CheckResult empty = check_schedule(in, none);
        REQUIRE(empty.feasible());
        CHECK(b.bound <= full.objective.total + 1e-9);
        CHECK(b.bound <= empty.objective.total + 1e-9);
        // Penalty 1: making S1 is cheapest. The coupled LP pays S1 in one row
        // (1.0 + 1) and its 500 lbs of paste with fractional batches (500/1000
        // * 4 h * 0.1 + 2 = 2.2): 4.2; the setup knapsacks (docs/bound.md 12)
        // make whole batches: 4.4, the plan's objective (less the paste
        // tolerance's worth), so the plan is optimal.
        if (std::string(penalty) == "1") {
            REQUIRE(b.capacitated);
            CHECK(*b.capacitated == doctest::Approx(4.2));
            CHECK(b.bound == doctest::Approx(4.4));
            CHECK(b.used == "knapsacks");
        }
        if (std::string(penalty) == "0") CHECK(b.bound == doctest::Approx(0));
    }
}

TEST_CASE("lower bound: fixed rows of a review count with their cost and their output") {
    // The fixed mixer row makes the 1 batch S1 needs: only the line row is left.
    const Instance in = mini_plant(MiniPlant().with_top(
        "frozen_until: 4\nfixed: {rows: [{resource: M1, product: P1, batches: 1, start: 0, end: 4}]}\n"));
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.fixed == doctest::Approx(0.4 + 2));
    CHECK(b.mixers.trivial == doctest::Approx(0));
    CHECK(b.lines.trivial == doctest::Approx(1.0 + 1));
    CHECK(b.bound == doctest::Approx(4.4));  // = the plan's objective: optimal
    const CheckResult check = check_schedule(in, mini_plant_schedule(in));
    REQUIRE(check.feasible());
    CHECK(b.bound <= check.objective.total + 1e-9);
}

TEST_CASE("lower bound: lateness when a SKU cannot be packed by its due time") {
    // S1 needs 10 working hours on L1 (breaks at 12k): from 0 it ends at 11 at
    // the earliest (the break [0,1) comes first), due 5: lateness >= 6.
    const Instance in = mini_plant(MiniPlant().with_sku(", due: 5").with_objective("{downtime: 1, changeover: 1, lateness: 2}"));
    const LowerBound b = compute_lower_bound(in);
    CHECK(b.lateness == doctest::Approx(2 * 6));
    const CheckResult check = check_schedule(in, mini_plant_schedule(in));  // ends at 15
    REQUIRE(check.feasible());
    CHECK(b.bound <= check.objective.total + 1e-9);
}

TEST_CASE("lower bound: never above the greedy on random small plants") {
    // MAKEPACK_BOUND_ROUNDS / MAKEPACK_BOUND_SEED run more / other plants.
    const char* rounds_env = std::getenv("MAKEPACK_BOUND_ROUNDS");
    const char* seed_env = std::getenv("MAKEPACK_BOUND_SEED");
    const int rounds = rounds_env ? std::atoi(rounds_env) : 60;
    std::mt19937 rng(seed_env ? static_cast<unsigned>(std::atoi(seed_env)) : 20240611u);
    int compared = 0, infeasible = 0, tight = 0, reviewed = 0, searched = 0;  // tight: bound = the greedy's objective (optimal plan)
    for (int round = 0; round < rounds; ++round) {
        CAPTURE(round);
        const auto pick = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
        const int mixers = pick(1, 3), lines = pick(1, 3), pastes = pick(1, 3), skus = pick(1, 5);
        const int horizon = pick(60, 200);
        std::string y = "name: random\nhorizon: " + std::to_string(horizon) + "\n";
        const bool soft = rng() % 3 == 0;
        y += std::string("objective: {downtime: 1, changeover: ") + (rng() % 2 ? "1" : "0.5") +
             (rng() % 3 == 0 ? ", lateness: 1" : "") + "}\n";
        if (soft) y += "demand_soft: true\nunmet_penalty: " + std::to_string(pick(0, 20) / 1000.0) + "\n";
        y += "mixers:\n";
        for (int m = 0; m < mixers; ++m) y += "  - {id: M" + std::to_string(m) + ", batch_size: " + std::to_string(pick(5, 20) * 100) + "}\n";
        y += "lines:\n";
        for (int l = 0; l < lines; ++l) y += "  - {id: L" + std::to_string(l) + ", rate: " + std::to_string(pick(5, 20) * 10) + "}\n";
        y += "pastes:\n";
        for (int p = 0; p < pastes; ++p) {
            std::string bh, dt;
            for (int m = 0; m < mixers; ++m) {
                if (m > 0 && rng() % 3 == 0) continue;
                bh += (bh.empty() ? "" : ", ") + std::string("M") + std::to_string(m) + ": " + std::to_string(pick(1, 6));
                dt += (dt.empty() ? "" : ", ") + std::string("M") + std::to_string(m) + ": " + std::to_string(pick(5, 60) / 100.0);
            }
            y += "  - {id: P" + std::to_string(p) + ", batch_hours: {" + bh + "}, downtime: {" + dt + "}" +
                 (rng() % 4 == 0 ? ", initial_stock: " + std::to_string(pick(0, 1500)) : "") + "}\n";
        }
        y += "skus:\n";
        for (int s = 0; s < skus; ++s) {
            std::string dt;
            for (int l = 0; l < lines; ++l) {
                if (l > 0 && rng() % 3 == 0) continue;
                dt += (dt.empty() ? "" : ", ") + std::string("L") + std::to_string(l) + ": " + std::to_string(pick(5, 60) / 100.0);
            }
            y += "  - {id: S" + std::to_string(s) + ", paste: P" + std::to_string(pick(0, pastes - 1)) +
                 ", units_per_lb: " + std::to_string(pick(1, 4)) + ", demand: " + std::to_string(pick(0, 30) * 100) +
                 ", downtime: {" + dt + "}" + (rng() % 3 == 0 ? ", due: " + std::to_string(pick(10, horizon)) : "") +
                 (rng() % 4 == 0 ? ", rate: {L0: " + std::to_string(pick(3, 30) * 10) + "}" : "") +
                 // Soft demand: a SKU's own price of an unmet unit, and a hard share.
                 (soft && rng() % 2 ? ", unmet_penalty: " + std::to_string(pick(0, 40) / 1000.0) : "") +
                 (soft && rng() % 3 == 0 ? ", min_fill: " + std::to_string(pick(1, 10) / 10.0) : "") + "}\n";
        }
        if (rng() % 2) {
            y += "changeover: {mixers: " + std::to_string(pick(0, 4)) + ", lines: " + std::to_string(pick(0, 3)) + "}\n";
        } else {
            // Random directed line pairs, short or long (sibling runs, docs/bound.md 4).
            std::string pairs = "[S0, S0, 0]";
            for (int a = 0; a < skus; ++a)
                for (int c = 0; c < skus; ++c)
                    if ((a || c) && rng() % 2)
                        pairs += ", [S" + std::to_string(a) + ", S" + std::to_string(c) + ", " + std::to_string(pick(0, 6)) + "]";
            y += "changeover: {mixers: {default: 3, pairs: [[P0, P0, 1]]}, lines: {default: " + std::to_string(pick(2, 5)) +
                 ", pairs: [" + pairs + "]}}\n";
        }
        std::string calendar;
        if (rng() % 2) calendar += "  lines: {shift_break: {every: 12, duration: 1, offset: " + std::to_string(pick(0, 11)) + "}, spare_capacity: {every: 48, duration: 4}}\n";
        if (rng() % 2) calendar += "  mixers: {maintenance: {every: 50, duration: 3, since_last: " + std::to_string(pick(0, 50)) + "}}\n";
        if (rng() % 3 == 0) calendar += "  outages: [{resource: L0, start: 10, end: " + std::to_string(pick(11, 40)) + "}]\n";
        if (!calendar.empty()) y += "calendar:\n" + calendar;
        CAPTURE(y);
        Instance in;
        try {
            in = make_instance(y, "random");
        } catch (const std::exception&) {
            continue;  // the loader rejects it (demand beyond capacity): fine
        }
        const LowerBound b = compute_lower_bound(in);
        GreedyOptions greedy_options;
        greedy_options.extra_random_orders = 0;
        const GreedyResult greedy = backward_greedy(in, greedy_options);
        if (b.infeasible) {
            ++infeasible;
            CHECK_FALSE(greedy.schedule.has_value());
            continue;
        }
        CHECK(b.bound >= b.trivial);
        if (!greedy.schedule) continue;
        const CheckResult check = check_schedule(in, *greedy.schedule, CheckOptions{false});
        REQUIRE(check.feasible());
        ++compared;
        const auto compare = [&](const LowerBound& bound, const CheckResult& plan) {
            CAPTURE(plan.objective.total);
            CAPTURE(bound.bound);
            CHECK(bound.bound <= plan.objective.total + 1e-6);
            return bound.bound >= plan.objective.total - 1e-6;
        };
        if (compare(b, check)) ++tight;
        // Soft demand: the search's plan (it trades unmet units against rows),
        // and plans that leave demand unmet (rows dropped at random).
        if (in.demand_soft) {
            SolveOptions solve_options;
            solve_options.threads = 1;
            solve_options.iterations = 300;
            solve_options.time_limit_seconds = 5;
            solve_options.seed = static_cast<unsigned>(round) + 1;
            const SolveOutcome solved = solve_instance(in, solve_options);
            if (solved.schedule) {
                const CheckResult c = check_schedule(in, *solved.schedule, CheckOptions{false});
                INFO(violations_text(c));
                CHECK(c.feasible());
                if (c.feasible()) compare(b, c), ++searched;
            }
        }
        for (int variant = 0; in.demand_soft && variant < 4; ++variant) {
            Schedule fewer = *greedy.schedule;
            std::erase_if(fewer.rows, [&](const Row& row) { return rng() % (in.is_mixer(row.resource) ? 4 : 2) == 0; });
            const CheckResult c = check_schedule(in, fewer, CheckOptions{false});
            if (c.feasible()) compare(b, c);
        }
        // Rolling review: freeze the greedy's plan before t0; the plan stays feasible.
        const int t0 = pick(0, horizon / 2);
        std::string fixed = "frozen_until: " + std::to_string(t0) + "\nfixed:\n  rows:\n";
        for (const Row& row : greedy.schedule->rows)
            if (row.start < t0)
                fixed += "    - {resource: " + in.resources[static_cast<std::size_t>(row.resource)].id +
                         ", product: " + in.products[static_cast<std::size_t>(row.product)].id +
                         (in.is_mixer(row.resource) ? ", batches: " : ", quantity: ") + std::to_string(row.amount) +
                         ", start: " + std::to_string(row.start) + ", end: " + std::to_string(row.end) + "}\n";
        fixed += "  blocks:\n";
        for (const Block& block : greedy.schedule->blocks)
            if (block.start < t0 && (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity))
                fixed += "    - {resource: " + in.resources[static_cast<std::size_t>(block.resource)].id +
                         ", kind: " + to_string(block.kind) + ", start: " + std::to_string(block.start) +
                         ", end: " + std::to_string(block.end) + "}\n";
        fixed = std::regex_replace(fixed, std::regex("  rows:\n  blocks:"), "  rows: []\n  blocks:");
        if (fixed.size() >= 9 && fixed.substr(fixed.size() - 9) == "blocks:\n") fixed.replace(fixed.size() - 1, 1, " []\n");
        CAPTURE(fixed);
        try {
            const Instance review = make_instance(y + fixed, "review");
            const CheckResult c = check_schedule(review, *greedy.schedule, CheckOptions{false});
            INFO(violations_text(c));
            CHECK(c.feasible());
            const LowerBound rb = compute_lower_bound(review);
            CHECK_FALSE(rb.infeasible);
            if (c.feasible()) compare(rb, c);
            ++reviewed;
        } catch (const InputError& e) {
            FAIL("review instance rejected: " << e.what());
        }
    }
    MESSAGE("compared " << compared << ", tight " << tight << ", infeasible " << infeasible << ", reviews " << reviewed
                        << ", soft plans of the search " << searched);
    CHECK(searched >= rounds / 8);
    CHECK(compared >= rounds / 6);
}

TEST_CASE("GUB simplex: optimality and infeasibility certificates on random LPs") {
    using namespace makepack::bound;
    std::mt19937 rng(7);
    int optimal = 0, infeasible = 0;
    for (int round = 0; round < 3000; ++round) {
        const bool integral = round % 2 == 1;  // small integers: many ties and degenerate pivots
        const auto value = [&](double lo, double hi) {
            return integral ? std::round(lo + (hi - lo) * (rng() % 1000) / 1000.0)
                            : lo + (hi - lo) * (rng() % 100000) / 100000.0;
        };
        LpProblem lp;
        const int sets = static_cast<int>(rng() % 6), rows = 1 + static_cast<int>(rng() % 5);
        for (int g = 0; g < sets; ++g) lp.add_set(value(0, 3));
        for (int i = 0; i < rows; ++i)
            lp.add_row(static_cast<RowSense>(rng() % 3), value(-3, 20));
        const int n = 1 + static_cast<int>(rng() % 15);
        for (int j = 0; j < n; ++j) {
            LpColumn c;
            c.cost = value(0, 10);
            c.set = sets > 0 && rng() % 4 ? static_cast<int>(rng() % static_cast<unsigned>(sets)) : -1;
            for (int i = 0; i < rows; ++i)
                if (rng() % 2) c.entries.emplace_back(i, value(-3, 7));
            lp.columns.push_back(c);
        }
        const LpResult r = solve_lp(lp);
        REQUIRE((r.status == LpStatus::Optimal || r.status == LpStatus::Infeasible));
        const bool opt = r.status == LpStatus::Optimal;
        (opt ? optimal : infeasible)++;
        // Dual side: reduced costs (costs 0 for a Farkas ray) >= 0, signs.
        double dual_objective = 0;
        for (int g = 0; g < sets; ++g) dual_objective += lp.set_rhs[static_cast<std::size_t>(g)] * r.set_duals[static_cast<std::size_t>(g)];
        for (int i = 0; i < rows; ++i) {
            const double y = r.row_duals[static_cast<std::size_t>(i)];
            dual_objective += lp.rhs[static_cast<std::size_t>(i)] * y;
            if (lp.sense[static_cast<std::size_t>(i)] == RowSense::LessEqual) CHECK(y <= 1e-7);
            if (lp.sense[static_cast<std::size_t>(i)] == RowSense::GreaterEqual) CHECK(y >= -1e-7);
        }
        for (const LpColumn& c : lp.columns) {
            double d = (opt ? c.cost : 0) - (c.set >= 0 ? r.set_duals[static_cast<std::size_t>(c.set)] : 0);
            for (auto [row, a] : c.entries) d -= r.row_duals[static_cast<std::size_t>(row)] * a;
            CHECK(d >= -1e-7);
        }
        if (!opt) {
            CHECK(dual_objective > 1e-9);
            continue;
        }
        // Primal side: feasible, and the objective equals the dual objective.
        for (int g = 0; g < sets; ++g) {
            double sum = 0;
            for (std::size_t j = 0; j < lp.columns.size(); ++j)
                if (lp.columns[j].set == g) sum += r.x[j];
            CHECK(sum == doctest::Approx(lp.set_rhs[static_cast<std::size_t>(g)]).epsilon(1e-7));
        }
        for (int i = 0; i < rows; ++i) {
            double v = 0;
            for (std::size_t j = 0; j < lp.columns.size(); ++j)
                for (auto [row, a] : lp.columns[j].entries)
                    if (row == i) v += a * r.x[j];
            const double b = lp.rhs[static_cast<std::size_t>(i)];
            const RowSense s = lp.sense[static_cast<std::size_t>(i)];
            if (s == RowSense::LessEqual) CHECK(v <= b + 1e-7);
            if (s == RowSense::GreaterEqual) CHECK(v >= b - 1e-7);
            if (s == RowSense::Equal) CHECK(v == doctest::Approx(b).epsilon(1e-7));
        }
        CHECK(r.objective == doctest::Approx(dual_objective).epsilon(1e-7));
    }
    CHECK(optimal > 500);
    CHECK(infeasible > 500);
}
