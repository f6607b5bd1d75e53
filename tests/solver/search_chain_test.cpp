// The speculative chain (SearchConfig::parallel = ParallelMode::Chain,
// solver/search/speculative_chain.hpp): with one lane it is the destroy/repair
// worker's walk step for step; with several its plan depends only on the seed
// and the number of lanes, passes the checker, and its lanes run on threads
// at once (run under ThreadSanitizer). Each case stays under 1 s in Release.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/resequence_config.hpp"
#include "heuristics/work_unit.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace makepack;

namespace {

struct ChainStart {
    Instance instance;
    Schedule schedule;
};

ChainStart chain_start(const std::string& shipped_name = "oakhill-4w.yaml") {
    ChainStart s{load_instance(fixtures::shipped(shipped_name)), {}};
    GreedyResult greedy = backward_greedy(s.instance);
    REQUIRE(greedy.schedule.has_value());
    s.schedule = *greedy.schedule;
    return s;
}

SearchConfig chain_config(unsigned threads) {
    SearchConfig config;
    config.parallel = ParallelMode::Chain;
    config.threads = threads;
    config.seed = 11;
    config.time_limit_seconds = 0.001;  // ignored with a counted budget
    return config;
}

void check_same_plan(const SearchResult& a, const SearchResult& b) {
    CHECK(a.best.rows == b.best.rows);
    CHECK(a.best.blocks == b.best.blocks);
    CHECK(a.objective.total == b.objective.total);
    CHECK(a.stats.size() == b.stats.size());
    for (const auto& [name, stat] : a.stats) {
        CAPTURE(name);
        REQUIRE(b.stats.count(name) == 1);
        CHECK(stat.calls == b.stats.at(name).calls);
        CHECK(stat.accepted == b.stats.at(name).accepted);
        CHECK(stat.work == b.stats.at(name).work);
        CHECK(stat.discarded == b.stats.at(name).discarded);
    }
}

}  // namespace

TEST_CASE("speculative chain: one lane walks as the one-thread pool search does (same plan, same operator counts)") {
    const ChainStart s = chain_start();
    SearchConfig chain = chain_config(1);
    chain.iterations = 300;
    SearchConfig pool = chain;
    pool.parallel = ParallelMode::Pool;
    check_same_plan(parallel_search(s.instance, s.schedule, chain), parallel_search(s.instance, s.schedule, pool));
}

TEST_CASE("speculative chain: four lanes, --check-moves: every accepted move, graft and the plan pass the checker") {
    // bench medium, seed 3: its 400 evaluations graft candidates onto others
    // (the small instances' improvements all overlap at this budget).
    const ChainStart s = chain_start("bench/medium.yaml");
    SearchConfig config = chain_config(4);
    config.seed = 3;
    config.iterations = 100;  // per lane: 400 evaluations in all
    config.check_moves = true;
    const SearchResult result = parallel_search(s.instance, s.schedule, config);
    CHECK(result.check_failures == 0);
    CHECK(result.iterations == 400);
    long long calls = 0, work = 0;
    for (const auto& [name, stat] : result.stats)
        if (name != "combined") calls += stat.calls, work += stat.work;  // "combined" counts grafts taken
    CHECK(calls == result.iterations);  // settled, grafted or discarded, every evaluation is counted once
    CHECK(work >= calls);               // a re-plan counts its annealing steps
    CHECK(result.stats.count("combined") == 1);
    const CheckResult check = check_schedule(s.instance, result.best, CheckOptions{false});
    for (const Violation& v : check.violations) INFO(to_string(v));
    CHECK(check.feasible());
    CHECK(result.objective.total < result.start_total);
}

TEST_CASE("speculative chain: four lanes, the same seed and work budget -> the same plan") {
    const ChainStart s = chain_start();
    SearchConfig config = chain_config(4);
    config.work = 600;
    const SearchResult first = parallel_search(s.instance, s.schedule, config);
    const SearchResult second = parallel_search(s.instance, s.schedule, config);
    long long work = 0, discarded = 0;
    for (const auto& [name, stat] : first.stats) work += stat.work, discarded += stat.discarded;
    CHECK(work >= 600);  // the last round is finished: up to 4 re-plans (200 units each) beyond
    CHECK(work < 600 + 4 * annealing_work(ResequenceConfig{}.steps));
    check_same_plan(first, second);
    CHECK(discarded > 0);  // some rounds took a candidate before the last lane
}
