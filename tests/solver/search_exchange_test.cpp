// SearchConfig::exchange, the hook of the island solve (solver/mpi/islands.cpp):
// the search hands it its best plan and takes the plans it returns into the
// pool after the full check. Runs without MPI (and so under the sanitizers).
#include "heuristics/backward_greedy.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

using namespace makepack;

TEST_CASE("search exchange: the hook gets a feasible best plan; a better foreign plan joins the pool, a broken one is refused") {
    const Instance instance = load_instance(fixtures::shipped("bench/small-tight.yaml"));
    GreedyResult greedy = backward_greedy(instance);
    REQUIRE(greedy.schedule.has_value());
    // The "other island's" plan: a longer reproducible search from the same start.
    SearchConfig longer;
    longer.threads = 1;
    longer.seed = 7;
    longer.iterations = 600;
    const SearchResult other = parallel_search(instance, *greedy.schedule, longer);
    const double start_total = check_schedule(instance, *greedy.schedule, CheckOptions{false}).objective.total;
    REQUIRE(other.objective.total < start_total - 1);

    std::mutex mutex;
    std::vector<std::string> log;
    std::atomic<int> calls{0};
    std::atomic<bool> best_feasible{true};
    SearchConfig config;
    config.threads = 1;
    config.seed = 3;
    config.time_limit_seconds = 20;         // ends at the target, once the foreign plan is in
    config.target = other.objective.total;  // what the local worker cannot reach in the first 20 ms
    config.exchange_seconds = 0.02;
    config.log = [&](const std::string& line) {
        std::lock_guard lock(mutex);
        log.push_back(line);
    };
    config.exchange = [&](const Schedule& best) {
        if (!check_schedule(instance, best, CheckOptions{false}).feasible()) best_feasible = false;
        if (calls.fetch_add(1) > 0) return std::vector<ForeignPlan>{};
        Schedule broken;  // no rows: the demand is not packed
        broken.instance_name = instance.name;
        return std::vector<ForeignPlan>{{broken, "broken island"}, {other.best, "test island"}};
    };
    const SearchResult result = parallel_search(instance, *greedy.schedule, config);
    CHECK(calls >= 1);
    CHECK(best_feasible);
    CHECK(check_schedule(instance, result.best, CheckOptions{false}).feasible());
    CHECK(result.objective.total <= other.objective.total + 1e-6);
    bool refused = false, found = false;
    for (const std::string& line : log) {
        refused = refused || line.find("the plan from broken island fails the check") != std::string::npos;
        found = found || line.find("found by test island") != std::string::npos;
    }
    CHECK(refused);
    CHECK(found);
}
