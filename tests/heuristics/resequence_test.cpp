// Resequencer (heuristics/mixer_resequence.hpp): the mixer side
// re-planned with the line rows fixed never costs more than it did, and what
// it writes back passes the checker (every line row still has its paste).
#include "heuristics/backward_greedy.hpp"
#include "heuristics/resequence.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace makepack;
using namespace makepack::fixtures;

TEST_CASE("mixer resequence: greedy plans get cheaper mixers and stay feasible") {
    for (const std::string name : {"oakhill-4w.yaml", "bench/small-tight.yaml", "bench/medium.yaml"}) {
        CAPTURE(name);
        const Instance in = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/instances/" + name);
        REQUIRE(Resequencer::applicable(in, Resequencer::Scope::Mixers));
        const GreedyResult greedy = backward_greedy(in);
        REQUIRE(greedy.schedule.has_value());
        RuleContext context(in);
        SearchState state(context, PlantTimeline::from_schedule(in, *greedy.schedule));
        const double before = state.total();

        Resequencer plan(state, Resequencer::Scope::Mixers);
        REQUIRE(plan.feasible());  // the same sequences, only earlier
        std::mt19937_64 rng(7);
        plan.improve(rng, 20000, 2.0, 0.02);
        CHECK(plan.best_cost() <= plan.start_cost() + 1e-9);
        // On the generated plants (changeover matrices) the greedy's mixer side is far from its best.
        if (name != "oakhill-4w.yaml") CHECK(plan.best_cost() < plan.start_cost() - 1);
        plan.write(state);

        REQUIRE(state.revalidate());
        const CheckResult full = check_schedule(in, state.to_schedule(), CheckOptions{false});
        CHECK(full.feasible());
        // Only the mixer side changed, by what the resequencer says.
        CHECK(state.total() == doctest::Approx(before - (plan.start_cost() - plan.best_cost())));
    }
}

TEST_CASE("mixer resequence: not where early paste costs or breaks something") {
    CHECK(Resequencer::applicable(tiny_plant(), Resequencer::Scope::Mixers));
    CHECK_FALSE(Resequencer::applicable(tiny_plant(TinyPlant().with_top("storage: {totes: 12, tote_capacity: 250}\n")), Resequencer::Scope::Mixers));
}
