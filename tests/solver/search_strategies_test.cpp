// The search's strategy objects (solver/search/): the roulette wheel follows
// its scores, the self-calibrating annealing takes every improvement and
// cools, plan_workers shares a --work budget out as a total, and a work budget
// with one thread is the same run as that many iterations where every step is one unit.
#include "heuristics/backward_greedy.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/acceptance.hpp"
#include "solver/search/operator_selection.hpp"
#include "solver/search/parallel_search.hpp"
#include "solver/search/worker_roles.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <numeric>
#include <stdexcept>

using namespace makepack;

TEST_CASE("roulette wheel: an arm that scores gets drawn more, one that does not keeps a chance") {
    RouletteWheel wheel({"good", "bad"});
    RouletteConfig config;
    config.reaction = 1;  // the new weight is the last segment's mean score
    wheel.credit(0, config.score_new_best);
    wheel.credit(1, 0);
    wheel.end_segment(config);
    Rng rng(3);
    int good = 0;
    for (int i = 0; i < 2000; ++i) good += wheel.pick(rng) == 0;
    // weights 33 : 0.05 -> "bad" about 1 in 660 draws
    CHECK(good > 1980);
    CHECK(good < 2000);
}

TEST_CASE("annealing: improvements always, worse moves less often as the budget is used") {
    AnnealingConfig config;
    SelfCalibratingAnnealing annealing(config, 1);
    Rng rng(9);
    CHECK(annealing.accept(-5, 100, 0.5, rng));
    CHECK(annealing.accept(0, 100, 0.5, rng));
    for (int i = 0; i < config.calibration_moves; ++i) annealing.accept(10, 100, 0, rng);  // calibrates on delta 10
    // Calibrated: delta 10 is accepted with p = 1/2 at the start, p = 2^-1000 at the end.
    CHECK(annealing.temperature(100, 0) == doctest::Approx(10 / std::log(2.0)));
    int early = 0, late = 0;
    for (int i = 0; i < 1000; ++i) {
        early += annealing.accept(10, 100, 0, rng);
        late += annealing.accept(10, 100, 1, rng);
    }
    CHECK(early > 400);
    CHECK(early < 600);
    CHECK(late == 0);
    // Cycles: each starts again, half as hot as the one before.
    SelfCalibratingAnnealing cycling(config, 2);
    CHECK(cycling.temperature(1000, 0.5) == doctest::Approx(0.5 * cycling.temperature(1000, 0)));
}

TEST_CASE("plan_workers: --work is a total shared by the workers; roles alternate") {
    OperatorRegistry registry = OperatorRegistry::with_builtins();
    SearchConfig config;
    config.work = 10;
    config.mix.uniform_under_work = false;  // the wall-clock roles
    const auto three = plan_workers(config, registry, 3);
    REQUIRE(three.size() == 3);
    CHECK(three[0].budget == 4);
    CHECK(three[1].budget == 3);
    CHECK(three[2].budget == 3);
    CHECK(three[0].role == std::string("lns"));
    CHECK(three[1].role == std::string("resequence"));
    CHECK(three[1].annealing_cycles == 1);  // a counted budget cools once
    config.mix.uniform_under_work = true;  // the default: all destroy/repair under --work
    CHECK(plan_workers(config, registry, 3)[1].role == std::string("lns"));
    CHECK(plan_workers(config, registry, 3)[1].small_moves_share == config.mix.single_small_moves);
    const auto one = plan_workers(config, registry, 1);
    CHECK(one[0].budget == 10);
    CHECK(one[0].small_moves_share == config.mix.single_small_moves);
    config.work = 0;
    config.time_limit_seconds = 60;
    CHECK(plan_workers(config, registry, 2)[1].annealing_cycles == 4);  // 60 s in 15 s cycles
}

TEST_CASE("make_worker_role: each planned role is built; an unknown name is an error") {
    OperatorRegistry registry = OperatorRegistry::with_builtins();
    SearchConfig config;
    config.threads = 2;
    for (const WorkerPlan& plan : plan_workers(config, registry, 2)) CHECK(make_worker_role(plan, config, registry));
    WorkerPlan unknown;
    unknown.role = "tabu";
    CHECK_THROWS_AS(make_worker_role(unknown, config, registry), std::invalid_argument);
}

TEST_CASE("parallel search: one thread with --work W is the run of --iterations W where every step is one unit") {
    const Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    const GreedyResult greedy = backward_greedy(instance);
    REQUIRE(greedy.schedule.has_value());
    SearchConfig config;
    config.threads = 1;
    config.seed = 11;
    config.time_limit_seconds = 0.001;  // ignored with a counted budget
    config.iterations = 150;
    // Without the re-plan moves, whose calls count their annealing steps (tests/solver/work_unit_test.cpp);
    // without "grow" too, as the default move set of a plant whose demand is all hard.
    const OperatorRegistry builtins = OperatorRegistry::with_builtins();
    for (const auto& info : builtins.moves())
        if (info.name != "mixer-replan" && info.name != "plan-replan" && info.name != "grow") config.moves.push_back(info.name);
    const SearchResult by_iterations = parallel_search(instance, *greedy.schedule, config);
    config.iterations = 0;
    config.work = 150;
    const SearchResult by_work = parallel_search(instance, *greedy.schedule, config);
    CHECK(by_work.iterations == 150);
    CHECK(by_work.objective.total == by_iterations.objective.total);
    CHECK(by_work.best.rows.size() == by_iterations.best.rows.size());
}
