// The plug-in operator API end to end: the "longest-rows" destroy of
// docs/operators.md (copied verbatim between the markers below, and checked to
// stay identical to docs/examples/destroy_longest_rows.cpp and the doc) plus a
// counting repair that wraps the built-in greedy, registered on a copy of the
// built-in registry and run by parallel_search.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/builtin.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "solver/solve.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>

// ---- begin docs/examples/destroy_longest_rows.cpp ----
// Longest rows: removes the rows with the most work hours (a biased pick, so
// repeated calls differ), so the repair can split or move the big rows that
// fill a resource.
#include "heuristics/operators/operator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace makepack {
namespace {
class LongestRows : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        std::vector<std::pair<int, int>> by_work;  // (work hours, row index)
        for (int k : ops::movable_rows(state)) by_work.emplace_back(in.work(state.timeline().rows()[k]), k);
        std::sort(by_work.begin(), by_work.end(), std::greater<>());  // longest first
        std::vector<int> chosen;
        std::uniform_real_distribution<double> u(0, 1);
        while (static_cast<int>(chosen.size()) < size && !by_work.empty()) {
            // u^3 bias towards the front, as the built-in "worst" does.
            const auto pick = static_cast<std::size_t>(std::pow(u(rng), 3) * by_work.size());
            chosen.push_back(by_work[pick].second);
            by_work.erase(by_work.begin() + static_cast<long>(pick));
        }
        ops::remove_rows(state, chosen);  // touches what it removes
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_longest_rows() { return std::make_unique<LongestRows>(); }
}  // namespace makepack
// ---- end docs/examples/destroy_longest_rows.cpp ----

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
    const Instance instance = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/instances/oakhill-4w.yaml");
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
    const Instance instance = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/instances/oakhill-4w.yaml");
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
    const Instance instance = load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/instances/oakhill-4w.yaml");
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
        CHECK_FALSE(state.revalidate());  // it touched what it removed: the demand is missing
    }
    // Biased to the long rows: the removed ones are longer than the average row.
    CHECK(removed_work / removed > mean_work);
    CHECK(longest > 0);
}

TEST_CASE("custom operators: the example is the same in the test, docs/examples and docs/operators.md") {
    const std::string test = source_file("tests/heuristics/custom_operator_test.cpp");
    const std::string begin = "// ---- begin docs/examples/destroy_longest_rows.cpp ----\n";
    const std::string end = "// ---- end docs/examples/destroy_longest_rows.cpp ----\n";
    const auto from = test.find(begin);
    const auto to = test.find(end);
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    const std::string in_test = test.substr(from + begin.size(), to - from - begin.size());
    CHECK(in_test == source_file("docs/examples/destroy_longest_rows.cpp"));
    const std::string doc = source_file("docs/operators.md");
    CHECK_MESSAGE(doc.find("```cpp\n" + in_test + "```") != std::string::npos,
                  "docs/operators.md must show docs/examples/destroy_longest_rows.cpp verbatim in a ```cpp block");
}
