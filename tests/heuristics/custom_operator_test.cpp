// The plug-in operator API end to end: the "longest-rows" destroy of
// docs/operators.md (docs/examples/destroy_longest_rows.cpp, included below and
// checked to appear verbatim in the doc) plus a
// counting repair that wraps the built-in greedy, registered on a copy of the
// built-in registry and run by parallel_search.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/builtin.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "solver/solve/solve.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

// The example itself, compiled here so that what the docs show is what runs.
#include "docs/examples/destroy_longest_rows.cpp"
#include "tests/support/source_paths.hpp"

using namespace makepack;

namespace {

std::string source_file(const std::string& relative) {
    std::ifstream in(std::string(MAKEPACK_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << relative);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Counts every call to the wrapped destroy (workers call from their own threads).
std::atomic<long long> destroy_calls{0};
std::atomic<long long> rows_destroyed{0};
class CountingDestroy : public DestroyOperator {
public:
    explicit CountingDestroy(std::unique_ptr<DestroyOperator> inner) : inner_(std::move(inner)) {}
    void destroy(SearchState& state, Rng& rng, int size) override {
        const int before = state.timeline().alive_rows();
        inner_->destroy(state, rng, size);
        ++destroy_calls;
        rows_destroyed += before - state.timeline().alive_rows();
    }

private:
    std::unique_ptr<DestroyOperator> inner_;
};

// A custom repair: the built-in greedy, counted.
std::atomic<long long> repair_calls{0};
std::atomic<long long> repair_successes{0};
class CountingGreedyRepair : public RepairOperator {
public:
    bool repair(SearchState& state, Rng& rng) override {
        ++repair_calls;
        const bool ok = greedy_->repair(state, rng);
        if (ok) ++repair_successes;
        return ok;
    }

private:
    std::unique_ptr<RepairOperator> greedy_ = make_greedy_insertion();
};

}  // namespace

TEST_CASE("custom operators: longest-rows destroy and a counting greedy repair run in parallel_search") {
    const Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    const GreedyResult greedy = backward_greedy(instance);
    REQUIRE(greedy.schedule.has_value());
    const double start_total = check_schedule(instance, *greedy.schedule, CheckOptions{false}).objective.total;

    // The C++ way of docs/operators.md: copy the built-ins, add, point the config at it.
    OperatorRegistry registry = OperatorRegistry::with_builtins();
    registry.add_destroy("longest-rows", "rows with the most work hours (biased pick)",
                         [] { return std::make_unique<CountingDestroy>(make_longest_rows()); });
    registry.add_repair("counted-greedy", "the built-in greedy, counted",
                        [] { return std::make_unique<CountingGreedyRepair>(); });
    destroy_calls = 0;
    rows_destroyed = 0;
    repair_calls = 0;
    repair_successes = 0;

    SearchConfig config;
    config.registry = &registry;
    config.destroys = {"longest-rows"};
    config.repairs = {"counted-greedy"};
    config.moves = {"relocate"};
    config.threads = 1;
    config.seed = 11;
    config.iterations = 300;
    config.check_moves = true;
    const SearchResult result = parallel_search(instance, *greedy.schedule, config);

    CHECK(destroy_calls.load() > 0);
    CHECK(rows_destroyed.load() > 0);
    CHECK(repair_calls.load() == destroy_calls.load());
    CHECK(repair_successes.load() > 0);
    REQUIRE(result.stats.count("longest-rows+counted-greedy") == 1);
    CHECK(result.stats.at("longest-rows+counted-greedy").calls == destroy_calls.load());
    for (const auto& [name, stat] : result.stats) {
        CAPTURE(name);  // only the selected operators ran
        CHECK((name == "longest-rows+counted-greedy" || name == "relocate"));
    }
    CHECK(result.iterations == 300);
    CHECK(result.check_failures == 0);
    const CheckResult check = check_schedule(instance, result.best, CheckOptions{false});
    for (const Violation& v : check.violations) INFO(to_string(v));
    CHECK(check.feasible());
    CHECK(check.objective.total == doctest::Approx(result.objective.total));
    CHECK(result.start_total == doctest::Approx(start_total));
    CHECK(result.objective.total <= start_total + 1e-9);
}

TEST_CASE("custom operators: SolveOptions::registry reaches the search of solve_instance") {
    const Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    OperatorRegistry registry = OperatorRegistry::with_builtins();
    registry.add_destroy("longest-rows", "rows with the most work hours (biased pick)", make_longest_rows);
    SolveOptions options;
    options.registry = &registry;
    options.destroys = {"random", "longest-rows"};
    options.repairs = {"regret2"};
    options.threads = 1;
    options.seed = 3;
    options.iterations = 100;
    options.check_moves = true;
    const SolveOutcome outcome = solve_instance(instance, options);
    REQUIRE(outcome.schedule.has_value());
    CHECK(outcome.check_failures == 0);
    REQUIRE(outcome.operator_stats.count("longest-rows+regret2") == 1);
    CHECK(outcome.operator_stats.at("longest-rows+regret2").calls > 0);
    CHECK(outcome.operator_stats.count("worst+regret2") == 0);  // only the selected destroys
    const CheckResult check = check_schedule(instance, *outcome.schedule, CheckOptions{false});
    CHECK(check.feasible());
    CHECK(check.objective.total <= outcome.start_objective + 1e-9);
}

TEST_CASE("custom operators: longest-rows removes long rows first") {
    const Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    const GreedyResult greedy = backward_greedy(instance);
    REQUIRE(greedy.schedule.has_value());
    const RuleContext context(instance);
    const SearchState start(context, PlantTimeline::from_schedule(instance, *greedy.schedule));
    long long longest = 0;
    double removed_work = 0, all_work = 0;
    for (const Row& row : greedy.schedule->rows) {
        longest = std::max<long long>(longest, instance.work(row));
        all_work += instance.work(row);
    }
    const double mean_work = all_work / static_cast<double>(greedy.schedule->rows.size());
    Rng rng(5);
    auto op = make_longest_rows();
    int removed = 0;
    for (int run = 0; run < 20; ++run) {
        SearchState state = start;
        op->destroy(state, rng, 3);
        REQUIRE(state.timeline().alive_rows() == start.timeline().alive_rows() - 3);
        for (int k = 0; k < static_cast<int>(state.timeline().rows().size()); ++k)
            if (!state.timeline().alive(k)) {
                removed_work += instance.work(state.timeline().rows()[k]);
                ++removed;
            }
        CHECK_FALSE(state.revalidate());  // what it removed is re-checked: the demand is missing
    }
    // Biased to the long rows: the removed ones are longer than the average row.
    CHECK(removed_work / removed > mean_work);
    CHECK(longest > 0);
}

TEST_CASE("custom operators: docs/operators.md shows docs/examples/destroy_longest_rows.cpp verbatim") {
    const std::string example = source_file("docs/examples/destroy_longest_rows.cpp");
    REQUIRE(!example.empty());
    const std::string doc = source_file("docs/operators.md");
    CHECK_MESSAGE(doc.find("```cpp\n" + example + "```") != std::string::npos,
                  "docs/operators.md must show docs/examples/destroy_longest_rows.cpp verbatim in a ```cpp block");
}
