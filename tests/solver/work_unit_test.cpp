// The unit of --work (heuristics/work_unit.hpp): a re-plan move charges its
// annealing steps, an ordinary move one unit; a --work budget is spent in
// those units by one walk and by the speculative chain, while --iterations
// still counts one per step. Each case runs a few re-plans on oakhill-4w
// (well under 1 s in Release).
#include "heuristics/operators/operator.hpp"
#include "heuristics/resequence_config.hpp"
#include "heuristics/work_unit.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "tests/support/greedy_plan.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

using namespace makepack;

namespace {

struct Oakhill {
    Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    Schedule start = fixtures::feasible_greedy_plan(instance);
};

// The built-in registry with only the named move (no destroy or repair: every step is that move).
OperatorRegistry only_move(const std::string& name) {
    OperatorRegistry only;
    const OperatorRegistry builtins = OperatorRegistry::with_builtins();
    for (const auto& info : builtins.moves())
        if (info.name == name) only.add_move(info.name, info.description, info.make);
    REQUIRE(only.moves().size() == 1);
    return only;
}

long long total_work(const SearchResult& result) {
    long long work = 0;
    for (const auto& [name, stat] : result.stats) work += stat.work;
    return work;
}

}  // namespace

TEST_CASE("work unit: annealing steps are priced 50 a unit, at least one unit") {
    CHECK(annealing_work(10000) == 200);
    CHECK(annealing_work(20000) == 400);  // a resequence role's chunk
    CHECK(annealing_work(51) == 2);
    CHECK(annealing_work(0) == 1);
}

TEST_CASE("work unit: a re-plan move charges its annealing steps, an ordinary move one unit") {
    const Oakhill plant;
    const RuleContext context(plant.instance);
    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    Rng rng(5);
    for (const char* name : {"plan-replan", "mixer-replan", "relocate"}) {
        CAPTURE(name);
        std::unique_ptr<Move> move;
        for (const auto& info : registry.moves())
            if (info.name == name) move = info.make();
        REQUIRE(move);
        SearchState state(context, PlantTimeline::from_schedule(plant.instance, plant.start));
        REQUIRE(move->apply(state, rng));
        const bool replan = std::string(name) != "relocate";
        CHECK(move->last_call_work() == (replan ? annealing_work(ResequenceConfig{}.steps) : 1));
    }
}

TEST_CASE("work unit: --work W buys W / 200 re-plans in one walk and in the chain, --iterations counts calls") {
    const Oakhill plant;
    const OperatorRegistry replans = only_move("plan-replan");
    const long long per_call = annealing_work(ResequenceConfig{}.steps);
    SearchConfig config;
    config.registry = &replans;
    config.threads = 1;
    config.seed = 3;
    config.time_limit_seconds = 0.001;  // ignored with a counted budget
    config.work = 5 * per_call;
    const SearchResult walk = parallel_search(plant.instance, plant.start, config);
    REQUIRE(walk.stats.count("plan-replan") == 1);
    CHECK(walk.stats.at("plan-replan").calls == 5);
    CHECK(walk.stats.at("plan-replan").work == 5 * per_call);
    CHECK(walk.iterations == 5);
    // --iterations 5: the same five calls, the same plan.
    config.work = 0;
    config.iterations = 5;
    const SearchResult counted = parallel_search(plant.instance, plant.start, config);
    CHECK(counted.best.rows == walk.best.rows);
    // The chain, 2 lanes: rounds of two re-plans (400 units) until 1,000 are
    // spent -- the third round is finished, so six calls and 1,200 units.
    config.iterations = 0;
    config.work = 5 * per_call;
    config.threads = 2;
    config.parallel = ParallelMode::Chain;
    const SearchResult chain = parallel_search(plant.instance, plant.start, config);
    CHECK(chain.stats.at("plan-replan").calls == 6);
    CHECK(total_work(chain) == 6 * per_call);
    CHECK(chain.iterations == 6);
}

TEST_CASE("speculative chain: a re-plan is drawn at most once a round") {
    // Every move drawn is a plan-replan (30 % of the steps), so without the
    // rule a round of eight would hold two or more of them on average (seed 5:
    // 37 in 15 rounds without the rule, 13 with).
    const Oakhill plant;
    const OperatorRegistry builtins = OperatorRegistry::with_builtins();
    OperatorRegistry registry = only_move("plan-replan");
    for (const auto& info : builtins.destroys()) registry.add_destroy(info.name, info.description, info.make);
    for (const auto& info : builtins.repairs()) registry.add_repair(info.name, info.description, info.make);
    SearchConfig config;
    config.registry = &registry;
    config.parallel = ParallelMode::Chain;
    config.threads = 8;
    config.seed = 5;
    config.iterations = 15;  // per lane: 15 rounds of 8
    const SearchResult result = parallel_search(plant.instance, plant.start, config);
    CHECK(result.iterations == 120);
    REQUIRE(result.stats.count("plan-replan") == 1);
    CHECK(result.stats.at("plan-replan").calls > 5);
    CHECK(result.stats.at("plan-replan").calls <= 15);
}
