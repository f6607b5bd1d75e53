// The operator registry (names, selection, errors) and every built-in
// operator on its own: each destroy removes rows and touches them, each
// repair then restores a plan that the incremental validation and the full
// checker both accept, at the cost the full checker computes.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/operator.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {

// Every expected name is registered, in the expected relative order, and no name twice.
void check_contains_in_order(const std::vector<std::string>& registered, const std::vector<std::string>& expected) {
    std::vector<std::string> sorted = registered;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    std::vector<std::string> seen;
    for (const std::string& name : registered)
        if (std::find(expected.begin(), expected.end(), name) != expected.end()) seen.push_back(name);
    CHECK(seen == expected);
}

// The built-ins this test expects at least (more may be registered; the
// destroy/repair test below runs every registered one).
const std::vector<std::string> kDestroys = {"random", "worst", "related", "resource-window", "plant-window",
                                            "paste", "misplaced", "block-move", "mixer-campaigns"};
const std::vector<std::string> kRepairs = {"greedy", "random-greedy", "regret2", "regret3", "backward"};
const std::vector<std::string> kMoves = {"relocate", "swap", "split", "merge", "consolidate", "gather", "shift-block"};

std::string invalid_argument_message(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no std::invalid_argument)";
}

// oakhill-4w, with a line changeover matrix where sibling SKUs (same paste)
// take 3 h instead of 6 (as the bench instances have), so that every built-in
// move has something to do: gather only acts on such pairs.
Instance oakhill_with_sibling_changeovers() {
    const std::string path = fixtures::shipped("oakhill-4w.yaml");
    const Instance plain = load_instance(path);
    std::string pairs;
    for (int a = plain.num_pastes; a < static_cast<int>(plain.products.size()); ++a)
        for (int b = plain.num_pastes; b < static_cast<int>(plain.products.size()); ++b)
            if (plain.products[a].paste == plain.products[b].paste)
                pairs += (pairs.empty() ? "" : ", ") + std::string("[") + plain.products[a].id + ", " + plain.products[b].id + ", 3]";
    std::string text = read_text(path);
    const std::string flat = "changeover: {mixers: 6, lines: 6}";
    const auto at = text.find(flat);
    REQUIRE(at != std::string::npos);
    text.replace(at, flat.size(), "changeover: {mixers: 6, lines: {default: 6, pairs: [" + pairs + "]}}");
    return make_instance(text, "oakhill-4w-siblings");
}

struct Fixture {
    Instance instance = oakhill_with_sibling_changeovers();
    Schedule start = [this] {
        GreedyResult greedy = backward_greedy(instance);
        REQUIRE(greedy.schedule.has_value());
        return *greedy.schedule;
    }();
    RuleContext context{instance};
};

}  // namespace

TEST_CASE("operator registry: the built-ins, each with a description and a factory") {
    const OperatorRegistry r = OperatorRegistry::with_builtins();
    check_contains_in_order(names_of(r.destroys()), kDestroys);
    check_contains_in_order(names_of(r.repairs()), kRepairs);
    check_contains_in_order(names_of(r.moves()), kMoves);
    for (const auto& info : r.destroys()) { CAPTURE(info.name); CHECK(!info.description.empty()); CHECK(info.make() != nullptr); }
    for (const auto& info : r.repairs()) { CAPTURE(info.name); CHECK(!info.description.empty()); CHECK(info.make() != nullptr); }
    for (const auto& info : r.moves()) { CAPTURE(info.name); CHECK(!info.description.empty()); CHECK(info.make() != nullptr); }
}

TEST_CASE("operator registry: select keeps the named operators in the given order, an empty list keeps all") {
    OperatorRegistry r = OperatorRegistry::with_builtins();
    r.select_destroys({"paste", "random"});
    r.select_repairs({"regret3", "greedy", "backward"});
    r.select_moves({});
    CHECK(names_of(r.destroys()) == std::vector<std::string>{"paste", "random"});
    CHECK(names_of(r.repairs()) == std::vector<std::string>{"regret3", "greedy", "backward"});
    CHECK(names_of(r.moves()) == names_of(OperatorRegistry::with_builtins().moves()));
    r.select_moves({"shift-block"});
    CHECK(names_of(r.moves()) == std::vector<std::string>{"shift-block"});
    // A copy is independent of the original: with_builtins() is untouched.
    check_contains_in_order(names_of(OperatorRegistry::with_builtins().destroys()), kDestroys);
}

TEST_CASE("operator registry: an unknown name throws std::invalid_argument naming it and the known ones") {
    OperatorRegistry r = OperatorRegistry::with_builtins();
    const std::string destroy = invalid_argument_message([&] { r.select_destroys({"random", "longest-rows"}); });
    CHECK(destroy.find("destroy") != std::string::npos);
    CHECK(destroy.find("'longest-rows'") != std::string::npos);
    CHECK(destroy.find("mixer-campaigns") != std::string::npos);  // lists the known ones
    const std::string repair = invalid_argument_message([&] { r.select_repairs({"regret4"}); });
    CHECK(repair.find("repair") != std::string::npos);
    CHECK(repair.find("'regret4'") != std::string::npos);
    const std::string move = invalid_argument_message([&] { r.select_moves({"Relocate"}); });  // names are exact
    CHECK(move.find("move") != std::string::npos);
    CHECK(move.find("'Relocate'") != std::string::npos);
    // A failed selection leaves the registry as it was.
    const OperatorRegistry all = OperatorRegistry::with_builtins();
    CHECK(names_of(r.destroys()) == names_of(all.destroys()));
    CHECK(names_of(r.repairs()) == names_of(all.repairs()));
    CHECK(names_of(r.moves()) == names_of(all.moves()));
}

TEST_CASE("operator registry: add appends, and a custom operator is selectable by name") {
    struct Nothing : DestroyOperator {
        void destroy(SearchState&, Rng&, int) override {}
    };
    OperatorRegistry r = OperatorRegistry::with_builtins();
    r.add_destroy("nothing", "removes nothing", [] { return std::make_unique<Nothing>(); });
    CHECK(names_of(r.destroys()).back() == "nothing");
    r.select_destroys({"nothing", "random"});
    CHECK(names_of(r.destroys()) == std::vector<std::string>{"nothing", "random"});
}

TEST_CASE("operator registry: each built-in destroy removes and touches rows and each repair restores a feasible plan") {
    Fixture f;
    const SearchState start(f.context, PlantTimeline::from_schedule(f.instance, f.start));
    REQUIRE(start.total() == doctest::Approx(check_schedule(f.instance, f.start, CheckOptions{false}).objective.total));
    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    Rng rng(2024);
    for (const auto& d : registry.destroys()) {
        // "unmet" acts only on plans short of demand (this one is not): unmet_demand_test.cpp.
        if (d.name == "unmet") continue;
        auto destroy = d.make();
        int removing_calls = 0;
        for (const auto& r : registry.repairs()) {
            auto repair = r.make();
            int successes = 0;
            // Repairs may fail (return false): e.g. greedy after "misplaced" about half the time.
            for (int run = 0; run < 8; ++run) {
                INFO("pair " << d.name << "+" << r.name << ", run " << run);
                SearchState state = start;
                destroy->destroy(state, rng, 4);
                const bool removed = state.timeline().alive_rows() < start.timeline().alive_rows();
                CHECK(state.timeline().alive_rows() <= start.timeline().alive_rows());
                // Destroys that only remove rows (all but e.g. "block-move", which also moves a calendar
                // block that no repair puts back) must be fully repaired.
                const bool rows_only = state.timeline().blocks() == start.timeline().blocks();
                if (removed) {
                    ++removing_calls;
                    // The timeline recorded the removed rows: the incremental validation sees the missing demand.
                    SearchState copy = state;
                    CHECK_FALSE(copy.revalidate());
                }
                if (!repair->repair(state, rng)) continue;
                const bool incremental = state.revalidate();
                const CheckResult full = check_schedule(f.instance, state.to_schedule(), CheckOptions{false, 5});
                for (const Violation& v : full.violations) INFO(to_string(v));
                if (rows_only) {
                    CHECK(incremental);
                    CHECK(full.feasible());
                } else {
                    CHECK(incremental == full.feasible());  // both judge the moved block alike
                }
                if (incremental && full.feasible()) {
                    ++successes;
                    // Incremental cost == full cost.
                    CHECK(state.total() == doctest::Approx(full.objective.total).epsilon(1e-9));
                }
            }
            INFO("pair " << d.name << "+" << r.name);
            CHECK(successes > 0);
        }
        INFO("destroy " << d.name);
        CHECK(removing_calls > 0);
    }
}

TEST_CASE("operator registry: a built-in move the incremental validation accepts is feasible for the checker") {
    Fixture f;
    SearchState start(f.context, PlantTimeline::from_schedule(f.instance, f.start));
    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    Rng rng(77);
    {
        // The greedy plan has about one row per product: split some so that "merge" has work.
        auto split = registry.moves()[2].make();
        REQUIRE(registry.moves()[2].name == "split");
        for (int splits = 0, tries = 0; splits < 6 && tries < 100; ++tries) {
            SearchState candidate = start;
            if (split->apply(candidate, rng) && candidate.revalidate()) {
                start = std::move(candidate);
                ++splits;
            }
        }
        REQUIRE(start.timeline().alive_rows() > static_cast<int>(f.start.rows.size()));
    }
    for (const auto& m : registry.moves()) {
        // "grow" and "pack-held" act only on SKUs short of demand (none here):
        // unmet_demand_test.cpp, pack_held_test.cpp.
        if (m.name == "grow" || m.name == "pack-held") continue;
        auto move = m.make();
        int applied = 0, accepted = 0, disagreements = 0;
        for (int run = 0; run < 12; ++run) {
            CAPTURE(m.name);
            CAPTURE(run);
            SearchState state = start;
            if (!move->apply(state, rng)) continue;
            ++applied;
            const bool incremental = state.revalidate();
            const CheckResult full = check_schedule(f.instance, state.to_schedule(), CheckOptions{false, 5});
            for (const Violation& v : full.violations) INFO(to_string(v));
            // The incremental validation never accepts what the full checker rejects.
            if (incremental) {
                CHECK(full.feasible());
                if (full.feasible()) {
                    ++accepted;
                    CHECK(state.total() == doctest::Approx(full.objective.total).epsilon(1e-9));
                }
            } else if (full.feasible()) {
                ++disagreements;  // stricter than the checker: allowed but worth seeing
            }
        }
        CAPTURE(m.name);
        CHECK(applied > 0);
        CHECK(disagreements == 0);
    }
}
