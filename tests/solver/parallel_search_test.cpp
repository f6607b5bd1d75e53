// The parallel LNS/SA search: reproducible with one thread and an iteration
// budget, feasible and check-clean with several threads, and every stopping
// rule (iterations, time, target, external stop) plus unknown operator names.
// Each case stays well under 3 s in a Release build.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/operator.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "solver/solve/solve.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace makepack;

namespace {

struct Start {
    Instance instance;
    Schedule schedule;
    double total = 0;
};

Start greedy_start(const std::string& shipped_name) {
    Start s{load_instance(fixtures::shipped(shipped_name)), {}, 0};
    GreedyResult greedy = backward_greedy(s.instance);
    REQUIRE(greedy.schedule.has_value());
    s.schedule = *greedy.schedule;
    s.total = check_schedule(s.instance, s.schedule, CheckOptions{false}).objective.total;
    return s;
}

void require_feasible(const Instance& instance, const Schedule& schedule) {
    const CheckResult check = check_schedule(instance, schedule, CheckOptions{false});
    for (const Violation& v : check.violations) INFO(to_string(v));
    REQUIRE(check.feasible());
}

}  // namespace

TEST_CASE("parallel search: one thread, same seed and iteration budget -> the same schedule") {
    const Start s = greedy_start("oakhill-4w.yaml");
    SearchConfig config;
    config.threads = 1;
    config.seed = 42;
    config.iterations = 200;
    config.time_limit_seconds = 0.001;  // ignored with an iteration budget
    const SearchResult first = parallel_search(s.instance, s.schedule, config);
    const SearchResult second = parallel_search(s.instance, s.schedule, config);
    CHECK(first.iterations == 200);
    CHECK(second.iterations == 200);
    CHECK(first.best.rows == second.best.rows);
    CHECK(first.best.blocks == second.best.blocks);
    CHECK(first.objective.total == second.objective.total);
    CHECK(first.stats.size() == second.stats.size());
    for (const auto& [name, stat] : first.stats) {
        CAPTURE(name);
        REQUIRE(second.stats.count(name) == 1);
        CHECK(stat.calls == second.stats.at(name).calls);
        CHECK(stat.accepted == second.stats.at(name).accepted);
    }
    require_feasible(s.instance, first.best);
    CHECK(first.objective.total <= s.total + 1e-9);
    CHECK(first.start_total == doctest::Approx(s.total));
}

TEST_CASE("parallel search: two threads, 1 s, --check-moves: no check failure, a feasible result") {
    const Start s = greedy_start("oakhill-4w.yaml");
    SearchConfig config;
    config.threads = 2;
    config.seed = 3;
    config.time_limit_seconds = 1;
    config.check_moves = true;
    std::mutex log_mutex;
    std::vector<std::string> log;
    config.log = [&](const std::string& line) {
        std::lock_guard lock(log_mutex);
        log.push_back(line);
    };
    const SearchResult result = parallel_search(s.instance, s.schedule, config);
    for (const std::string& line : log) INFO(line);
    CHECK(result.check_failures == 0);
    CHECK(result.iterations > 0);
    CHECK(result.seconds < 4);  // 1 s plus the last iteration (slow under sanitizers)
    require_feasible(s.instance, result.best);
    CHECK(result.objective.total <= s.total + 1e-9);
    CHECK(result.objective.total == doctest::Approx(check_schedule(s.instance, result.best, CheckOptions{false}).objective.total));
    long long calls = 0;
    for (const auto& [name, stat] : result.stats)
        if (name.rfind("resequence:", 0) != 0) calls += stat.calls;  // those rows count annealing steps inside "resequence"
    CHECK(calls == result.iterations);
}

TEST_CASE("parallel search: a target at or above the first improvement stops it early") {
    const Start s = greedy_start("oakhill-5w.yaml");
    SearchConfig config;
    config.threads = 1;
    config.seed = 5;
    config.time_limit_seconds = 20;
    config.target = s.total + 1;  // any new best reaches it
    const auto started = std::chrono::steady_clock::now();
    const SearchResult result = parallel_search(s.instance, s.schedule, config);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(wall < 3);
    CHECK(result.seconds < 3);
    require_feasible(s.instance, result.best);
    CHECK(result.objective.total <= *config.target + 1e-9);
}

TEST_CASE("parallel search: a start that already meets the target returns at once") {
    // The mini plant's start is optimal: nothing better exists, so only the
    // start can meet the target. SearchConfig::target says "stop once the best
    // objective is <= target"; the best is the start from the first instant.
    const Instance mini = fixtures::mini_plant();
    const Schedule start = fixtures::mini_plant_schedule(mini);
    require_feasible(mini, start);
    const double total = check_schedule(mini, start, CheckOptions{false}).objective.total;
    SearchConfig config;
    config.threads = 1;
    config.time_limit_seconds = 2;
    config.target = total + 1;
    const SearchResult result = parallel_search(mini, start, config);
    CHECK(result.objective.total <= *config.target + 1e-9);
    CHECK(result.seconds < 0.5);
}

TEST_CASE("parallel search: the stop flag set from another thread stops every worker") {
    const Start s = greedy_start("oakhill-4w.yaml");
    std::atomic<bool> stop{false};
    SearchConfig config;
    config.threads = 2;
    config.seed = 9;
    config.time_limit_seconds = 60;
    config.stop = &stop;
    std::thread stopper([&stop] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        stop = true;
    });
    const auto started = std::chrono::steady_clock::now();
    const SearchResult result = parallel_search(s.instance, s.schedule, config);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    stopper.join();
    CHECK(wall < 10);  // stopped at 0.3 s, far from the 60 s limit
    CHECK(result.seconds < 10);
    CHECK(result.iterations > 0);
    CHECK(result.check_failures == 0);
    require_feasible(s.instance, result.best);
}

TEST_CASE("parallel search: an unknown operator name throws std::invalid_argument naming it") {
    const Instance mini = fixtures::mini_plant();
    const Schedule start = fixtures::mini_plant_schedule(mini);
    SearchConfig config;
    config.iterations = 1;
    for (int kind = 0; kind < 3; ++kind) {
        CAPTURE(kind);
        SearchConfig c = config;
        (kind == 0 ? c.destroys : kind == 1 ? c.repairs : c.moves) = {"no-such-operator"};
        try {
            parallel_search(mini, start, c);
            FAIL("no exception");
        } catch (const std::invalid_argument& e) {
            CHECK(std::string(e.what()).find("'no-such-operator'") != std::string::npos);
        }
    }
    // Through solve_instance, the entry point of `makepack solve`, too.
    SolveOptions options;
    options.iterations = 1;
    options.threads = 1;
    options.repairs = {"regret9"};
    CHECK_THROWS_AS(solve_instance(mini, options), std::invalid_argument);
}

TEST_CASE("parallel search: every requested worker runs, also beyond the number of cores") {
    // Each worker builds its own operators from the registry: count the
    // instances and which of them were called.
    struct Census {
        std::mutex mutex;
        int made = 0;
        std::set<int> called;
    };
    static Census census;
    struct Tagged : Move {
        int id;
        explicit Tagged(int i) : id(i) {}
        bool apply(SearchState&, Rng&) override {
            std::lock_guard lock(census.mutex);
            census.called.insert(id);
            return false;  // changes nothing
        }
    };
    {
        std::lock_guard lock(census.mutex);
        census.made = 0;
        census.called.clear();
    }
    OperatorRegistry registry;  // only the tagged move: every iteration calls it
    registry.add_move("tagged", "records which worker called", [] {
        std::lock_guard lock(census.mutex);
        return std::make_unique<Tagged>(census.made++);
    });
    const Instance mini = fixtures::mini_plant();
    const Schedule start = fixtures::mini_plant_schedule(mini);
    const unsigned threads = std::max(4u, std::thread::hardware_concurrency() + 2);
    SearchConfig config;
    config.registry = &registry;
    config.threads = threads;
    // An iteration budget, not a time limit: every worker must do its share,
    // however slowly the machine (or the TSan build) starts the later ones.
    config.time_limit_seconds = 120;
    config.iterations = 20;
    const SearchResult result = parallel_search(mini, start, config);
    std::lock_guard lock(census.mutex);
    CHECK(census.made == static_cast<int>(threads));
    CHECK(census.called.size() == threads);  // a worker that never ran did not search
    CHECK(result.seconds < 60);
}

TEST_CASE("parallel search: an operator that throws in one worker stops the others and reaches the caller promptly") {
    // Only the first worker's object throws (as a researcher's operator might);
    // the other worker must not keep searching until the time limit.
    static std::atomic<int> made{0};
    struct ThrowsInFirstWorker : Move {
        bool first;
        explicit ThrowsInFirstWorker(bool f) : first(f) {}
        bool apply(SearchState&, Rng&) override {
            if (first) throw std::runtime_error("operator bug");
            return false;
        }
    };
    made = 0;
    OperatorRegistry registry;
    registry.add_move("throws-once", "throws in the first worker", [] {
        return std::make_unique<ThrowsInFirstWorker>(made++ == 0);
    });
    const Instance mini = fixtures::mini_plant();
    const Schedule start = fixtures::mini_plant_schedule(mini);
    SearchConfig config;
    config.registry = &registry;
    config.threads = 2;
    config.time_limit_seconds = 4;
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH_AS(parallel_search(mini, start, config), "operator bug", std::runtime_error);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(wall < 2.5);  // well before the 4 s limit
}

TEST_CASE("parallel search: with two threads the odd worker anneals the sequences, and its plans pass every check") {
    const Start s = greedy_start("bench/small-tight.yaml");
    SearchConfig config;
    config.threads = 2;
    config.seed = 5;
    config.time_limit_seconds = 1.5;
    config.check_moves = true;
    const SearchResult result = parallel_search(s.instance, s.schedule, config);
    CHECK(result.check_failures == 0);
    REQUIRE(result.stats.count("resequence") == 1);
    CHECK(result.stats.at("resequence").calls > 0);
    CHECK(result.stats.at("resequence").improvements > 0);  // the greedy's plan is far from its best
    // The annealing's own moves have rows of their own.
    REQUIRE(result.stats.count("resequence:mixer-relocate") == 1);
    CHECK(result.stats.at("resequence:mixer-relocate").calls > 0);
    CHECK(result.stats.at("resequence:mixer-relocate").accepted > 0);
    require_feasible(s.instance, result.best);
    CHECK(result.objective.total < s.total);

    // A researcher's own move set runs as chosen: without plan-replan there is no resequence worker.
    config.moves = {"relocate", "swap"};
    const SearchResult chosen = parallel_search(s.instance, s.schedule, config);
    CHECK(chosen.stats.count("resequence") == 0);
}
