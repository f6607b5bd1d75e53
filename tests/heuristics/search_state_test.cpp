// SearchState: the timeline plus incremental validation with the checker's
// rule groups. What it accepts and what it costs must always agree with the
// full checker (check_schedule) on the same plan.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/operator.hpp"
#include "heuristics/search_state.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

void check_same_objective(const ObjectiveBreakdown& a, const ObjectiveBreakdown& b) {
    CHECK(a.total == doctest::Approx(b.total).epsilon(1e-9));
    CHECK(a.downtime == doctest::Approx(b.downtime).epsilon(1e-9));
    CHECK(a.changeover == doctest::Approx(b.changeover).epsilon(1e-9));
    CHECK(a.lateness == doctest::Approx(b.lateness).epsilon(1e-9));
    CHECK(a.unmet == doctest::Approx(b.unmet).epsilon(1e-9));
    CHECK(a.holding == doctest::Approx(b.holding).epsilon(1e-9));
    CHECK(a.overproduction == doctest::Approx(b.overproduction).epsilon(1e-9));
}

int alive_row_index(const SearchState& state, const Instance& in, const std::string& resource, const std::string& product) {
    const auto& rows = state.timeline().rows();
    for (int k = 0; k < static_cast<int>(rows.size()); ++k)
        if (state.timeline().alive(k) && rows[k].resource == *in.find_resource(resource) &&
            rows[k].product == *in.find_product(product))
            return k;
    return -1;
}

}  // namespace

TEST_CASE("search state: a feasible schedule costs what the checker says") {
    const Instance tiny = tiny_plant();
    const Schedule schedule = tiny_plant_schedule(tiny);
    const CheckResult full = check_schedule(tiny, schedule, CheckOptions{false});
    REQUIRE(full.feasible());
    const RuleContext context(tiny);
    SearchState state(context, PlantTimeline::from_schedule(tiny, schedule));
    check_same_objective(state.objective(), full.objective);
    CHECK(state.total() == doctest::Approx(15.9));
    CHECK(state.timeline().alive_rows() == 5);
    // Nothing touched: still valid, same cost.
    CHECK(state.revalidate());
    CHECK(state.total() == doctest::Approx(15.9));
    // The timeline gives the schedule back.
    const Schedule back = state.to_schedule();
    CHECK(back.rows.size() == schedule.rows.size());
    CHECK(check_schedule(tiny, back, CheckOptions{false}).objective.total == doctest::Approx(15.9));
}

TEST_CASE("search state: a removed row that was touched shows as missing demand") {
    const Instance tiny = tiny_plant();
    const RuleContext context(tiny);
    const SearchState start(context, PlantTimeline::from_schedule(tiny, tiny_plant_schedule(tiny)));
    SearchState state = start;
    const int k = alive_row_index(state, tiny, "L1", "S2");
    REQUIRE(k >= 0);
    ops::remove_rows(state, {k});
    CHECK(state.timeline().alive_rows() == 4);
    CHECK_FALSE(state.revalidate());
    CHECK_FALSE(check_schedule(tiny, state.to_schedule(), CheckOptions{false}).feasible());
    // The copy it came from is untouched.
    CHECK(start.timeline().alive_rows() == 5);
    CHECK(start.total() == doctest::Approx(15.9));
}

TEST_CASE("search state: with soft demand the missing units cost their penalty, as in the checker") {
    const Instance tiny = tiny_plant(TinyPlant().with_top("demand_soft: true\nunmet_penalty: 0.01\n"));
    const RuleContext context(tiny);
    SearchState state(context, PlantTimeline::from_schedule(tiny, tiny_plant_schedule(tiny)));
    const double before = state.total();
    const int k = alive_row_index(state, tiny, "L1", "S2");
    REQUIRE(k >= 0);
    ops::remove_rows(state, {k});
    REQUIRE(state.revalidate());
    const CheckResult full = check_schedule(tiny, state.to_schedule(), CheckOptions{false});
    for (const Violation& v : full.violations) INFO(to_string(v));
    REQUIRE(full.feasible());
    check_same_objective(state.objective(), full.objective);
    CHECK(state.objective().unmet > 0);
    CHECK(state.total() != doctest::Approx(before));
}

TEST_CASE("search state: an inserted row that overlaps another is rejected, nothing marked by hand") {
    const Instance tiny = tiny_plant();
    const RuleContext context(tiny);
    SearchState state(context, PlantTimeline::from_schedule(tiny, tiny_plant_schedule(tiny)));
    // A second S2 row on L1 over S1's row [4,15): placed directly, not through a slot search.
    const Row extra = make_row(tiny, "L1", "S2", 100, 6, 7);
    state.timeline().insert_row(extra, Slot{extra.resource, 6, 7, 0, 0});
    CHECK_FALSE(state.revalidate());
    const CheckResult full = check_schedule(tiny, state.to_schedule(), CheckOptions{false});
    CHECK_FALSE(full.feasible());
}

TEST_CASE("search state: random destroy/repair and moves keep incremental and full check in agreement") {
    // small-plant has storage, max_hold and due dates; oakhill-5w a frozen past with fixed rows.
    for (const std::string name : {"bench/small-plant.yaml", "oakhill-5w.yaml"}) {
        CAPTURE(name);
        const Instance instance = load_instance(fixtures::shipped(name));
        const GreedyResult greedy = backward_greedy(instance);
        REQUIRE(greedy.schedule.has_value());
        const RuleContext context(instance);
        SearchState current(context, PlantTimeline::from_schedule(instance, *greedy.schedule));
        check_same_objective(current.objective(), check_schedule(instance, *greedy.schedule, CheckOptions{false}).objective);
        const OperatorRegistry registry = OperatorRegistry::with_builtins();
        std::vector<std::unique_ptr<DestroyOperator>> destroys;
        std::vector<std::unique_ptr<RepairOperator>> repairs;
        std::vector<std::unique_ptr<Move>> moves;
        for (const auto& info : registry.destroys()) destroys.push_back(info.make());
        for (const auto& info : registry.repairs()) repairs.push_back(info.make());
        for (const auto& info : registry.moves()) moves.push_back(info.make());
        Rng rng(123);
        int kept = 0, incremental_rejects = 0;
        for (int step = 0; step < 40; ++step) {
            CAPTURE(step);
            SearchState candidate = current;
            bool ok;
            if (step % 2 == 0) {
                destroys[rng() % destroys.size()]->destroy(candidate, rng, 3);
                ok = repairs[rng() % repairs.size()]->repair(candidate, rng);
            } else {
                ok = moves[rng() % moves.size()]->apply(candidate, rng);
            }
            if (!ok) continue;
            const bool incremental = candidate.revalidate();
            const CheckResult full = check_schedule(instance, candidate.to_schedule(), CheckOptions{false, 5});
            for (const Violation& v : full.violations) INFO(to_string(v));
            if (!incremental) {
                ++incremental_rejects;
                continue;
            }
            // Accepted by the incremental validation: the checker agrees, at the same cost.
            REQUIRE(full.feasible());
            check_same_objective(candidate.objective(), full.objective);
            current = std::move(candidate);  // walk on, better or worse
            ++kept;
        }
        CAPTURE(incremental_rejects);
        CHECK(kept > 0);
    }
}

TEST_CASE("search state: every change of the timeline is re-checked, with nothing marked by hand") {
    const Instance tiny = tiny_plant();
    const RuleContext context(tiny);
    const SearchState start(context, PlantTimeline::from_schedule(tiny, tiny_plant_schedule(tiny)));
    REQUIRE(start.feasible());
    CHECK(start.timeline().unchecked_resources().empty());  // the constructor checked everything
    CHECK(start.touched_pastes().empty());

    SUBCASE("a resize that leaves paste short") {
        SearchState state = start;
        // S2 on L1 from 400 to 700 units: 700 lbs of P1 at 16, only 500 left of the 1000 made.
        const int k = alive_row_index(state, tiny, "L1", "S2");
        REQUIRE(state.timeline().can_resize(k, 700, tiny.horizon));
        state.timeline().resize(k, 700);
        CHECK(state.touched_pastes() == std::vector<int>{*tiny.find_product("P1")});
        CHECK_FALSE(state.revalidate());
        CHECK_FALSE(check_schedule(tiny, state.to_schedule(), CheckOptions{false}).feasible());
    }
    SUBCASE("a removed maintenance block") {
        SearchState state = start;
        REQUIRE(state.timeline().remove_block(*tiny.find_resource("M1"), BlockKind::Maintenance, 20));
        CHECK(state.timeline().unchecked_resources() == std::vector<int>{*tiny.find_resource("M1")});
        CHECK(state.touched_pastes().empty());  // no row changed
        CHECK_FALSE(state.revalidate());
        CHECK_FALSE(check_schedule(tiny, state.to_schedule(), CheckOptions{false}).feasible());
    }
    SUBCASE("a repair request for an unchanged paste re-checks it and forgets it") {
        SearchState state = start;
        state.request_repair(*tiny.find_product("P2"));
        CHECK(state.touched_pastes() == std::vector<int>{*tiny.find_product("P2")});
        CHECK(state.revalidate());
        CHECK(state.touched_pastes().empty());
        CHECK(state.total() == doctest::Approx(start.total()));
    }
    SUBCASE("a candidate re-made from the current plan carries its unchecked changes") {
        SearchState current = start;
        SearchState candidate = start;
        candidate.assign_changed(current);
        ops::remove_rows(current, {alive_row_index(current, tiny, "L2", "S3")});
        candidate.assign_changed(current);
        CHECK(candidate.touched_pastes() == std::vector<int>{*tiny.find_product("P2")});
        CHECK_FALSE(candidate.revalidate());  // S3's demand is missing
    }
}
