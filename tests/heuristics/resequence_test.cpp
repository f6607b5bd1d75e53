// Resequencer (heuristics/resequence.hpp): the mixer side re-planned with the
// line rows fixed, or both stages together, never costs more than it did, and
// what it writes back passes the checker (every line row still has its paste).
#include "heuristics/backward_greedy.hpp"
#include "heuristics/resequence.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// A shipped instance and the search state of its greedy plan.
struct GreedyPlan {
    explicit GreedyPlan(const std::string& name)
        : in(load_instance(fixtures::shipped(name))), context(in),
          state(context, PlantTimeline::from_schedule(in, greedy_schedule(in))) {}
    static Schedule greedy_schedule(const Instance& in) {
        GreedyResult greedy = backward_greedy(in);
        REQUIRE(greedy.schedule.has_value());
        return *greedy.schedule;
    }
    Instance in;
    RuleContext context;
    SearchState state;
};
}  // namespace

TEST_CASE("mixer resequence: greedy plans get cheaper mixers and stay feasible") {
    for (const std::string name : {"oakhill-4w.yaml", "bench/small-tight.yaml", "bench/medium.yaml"}) {
        CAPTURE(name);
        GreedyPlan greedy(name);
        const Instance& in = greedy.in;
        SearchState& state = greedy.state;
        REQUIRE(Resequencer::applicable(in, Resequencer::Scope::Mixers));
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

TEST_CASE("plan resequence: mixers forward and lines backward, re-sequenced together, stay feasible") {
    for (const std::string name : {"oakhill-4w.yaml", "bench/small-tight.yaml", "bench/medium.yaml"}) {
        CAPTURE(name);
        GreedyPlan greedy(name);
        const Instance& in = greedy.in;
        SearchState& state = greedy.state;
        REQUIRE(Resequencer::applicable(in, Resequencer::Scope::MixersAndLines));
        const double before = state.total();

        Resequencer plan(state, Resequencer::Scope::MixersAndLines);
        REQUIRE(plan.feasible());  // the greedy's lines end by the horizon, its paste comes earlier, not later
        CHECK(plan.start_cost() == doctest::Approx(before));  // the whole objective is downtime + changeover here
        std::mt19937_64 rng(11);
        plan.improve(rng, 20000, 2.0, 0.02);
        CHECK(plan.best_cost() <= plan.start_cost() + 1e-9);
        if (name != "oakhill-4w.yaml") CHECK(plan.best_cost() < plan.start_cost() - 1);
        plan.write(state);

        REQUIRE(state.revalidate());
        CHECK(check_schedule(in, state.to_schedule(), CheckOptions{false}).feasible());
        CHECK(state.total() == doctest::Approx(plan.best_cost()));
    }
}

TEST_CASE("plan resequence: not where a line row's time has a cost") {
    // A due date makes lateness depend on when a line row runs.
    std::string yaml = tiny_plant_yaml();
    const std::string s1 = "{id: S1, paste: P1,";
    REQUIRE(yaml.find(s1) != std::string::npos);
    CHECK(Resequencer::applicable(make_instance(yaml, "tiny"), Resequencer::Scope::MixersAndLines));
    yaml.replace(yaml.find(s1), s1.size(), "{id: S1, paste: P1, due: 30,");
    const Instance due = make_instance(yaml, "tiny");
    CHECK_FALSE(Resequencer::applicable(due, Resequencer::Scope::MixersAndLines));
    CHECK(Resequencer::applicable(due, Resequencer::Scope::Mixers));  // the line rows stay where they are
}

TEST_CASE("mixer resequence: not where early paste costs or breaks something") {
    CHECK(Resequencer::applicable(tiny_plant(), Resequencer::Scope::Mixers));
    CHECK_FALSE(Resequencer::applicable(tiny_plant(TinyPlant().with_top("storage: {totes: 12, tote_capacity: 250}\n")), Resequencer::Scope::Mixers));
}
