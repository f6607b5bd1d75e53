// What the workers of one search share besides plans (solver/search/):
// one set of operator weights and one destroy size fed by every worker's
// segments (SharedAdaptation), and the pool's count of new bests that tells a
// worker without a lock that another one found a better plan.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/operator.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "solver/search/shared_adaptation.hpp"
#include "solver/search/solution_pool.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace makepack;

namespace {
struct Wheels {
    RouletteWheel destroy, repair, move;
    explicit Wheels(const OperatorRegistry& registry)
        : destroy(names_of(registry.destroys())), repair(names_of(registry.repairs())), move(names_of(registry.moves())) {}
};
}  // namespace

TEST_CASE("shared adaptation: one worker's segment updates the weights as its own wheel would; the next worker learns them") {
    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    REQUIRE(registry.destroys().size() >= 2);
    SearchConfig config;
    SharedAdaptation shared(config, registry);
    const double start_size = config.min_destroy + config.destroy_start * (config.max_destroy - config.min_destroy);
    CHECK(shared.destroy_size() == doctest::Approx(start_size));

    // Worker A alone: the same weights as a private wheel given the same scores.
    Wheels a(registry), b(registry);
    RouletteWheel alone(names_of(registry.destroys()));
    for (RouletteWheel* wheel : {&a.destroy, &alone}) {
        wheel->credit(0, config.roulette.score_new_best);
        wheel->credit(1, 0);
    }
    alone.end_segment(config.roulette);
    const double after_a = shared.end_segment(a.destroy, a.repair, a.move, true, 1000);
    CHECK(after_a == doctest::Approx(start_size * config.destroy_shrink));
    for (std::size_t k = 0; k < alone.size(); ++k) CHECK(a.destroy.weight(k) == alone.weight(k));
    CHECK(a.destroy.weight(0) > 1);
    CHECK(a.destroy.weight(1) < 1);

    // Worker B never drew operator 0, but after its segment it has A's weight for it;
    // its own score for operator 1 moves the shared weight from where A left it.
    b.destroy.credit(1, config.roulette.score_better);
    const double after_b = shared.end_segment(b.destroy, b.repair, b.move, false, 1000);
    CHECK(after_b == doctest::Approx(after_a * config.destroy_grow + 1));
    CHECK(shared.destroy_size() == doctest::Approx(after_b));
    CHECK(b.destroy.weight(0) == alone.weight(0));
    const double expected1 =
        (1 - config.roulette.reaction) * alone.weight(1) + config.roulette.reaction * config.roulette.score_better;
    CHECK(b.destroy.weight(1) == doctest::Approx(expected1));
    // A's scores were taken once: its next segment without draws leaves the weights as they are.
    shared.end_segment(a.destroy, a.repair, a.move, false, 1000);
    CHECK(a.destroy.weight(0) == alone.weight(0));
    CHECK(a.destroy.weight(1) == doctest::Approx(expected1));
}

TEST_CASE("solution pool: best_version counts new bests only") {
    const Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    const GreedyResult greedy = backward_greedy(instance);
    REQUIRE(greedy.schedule.has_value());
    SearchConfig config;
    config.threads = 1;
    config.iterations = 200;
    const SearchResult better = parallel_search(instance, *greedy.schedule, config);
    const RuleContext context(instance);
    const SearchState start(context, PlantTimeline::from_schedule(instance, *greedy.schedule));
    const SearchState improved(context, PlantTimeline::from_schedule(instance, better.best));
    REQUIRE(improved.rank().better_than(start.rank()));

    SolutionPool pool(4);
    CHECK(pool.best_version() == 0);
    CHECK(pool.offer(start));
    CHECK(pool.best_version() == 1);
    CHECK_FALSE(pool.offer(start));  // the same plan again
    CHECK(pool.best_version() == 1);
    CHECK(pool.offer(improved));
    CHECK(pool.best_version() == 2);
    CHECK_FALSE(pool.offer(start));  // no longer the best (kept as an elite or not)
    CHECK(pool.best_version() == 2);
}
