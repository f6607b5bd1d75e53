// Cooperative search (solver/search/plan_merge.*): what a worker changed on a
// plan that fell behind is grafted, resource by resource, onto the pool's
// best. The resources found changed are those an operator touched, a graft of
// all of them reproduces the donor, grafts of disjoint changes keep both, and
// a multi-thread search that merges still ends on a checked plan.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/operators/operator.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "solver/search/plan_merge.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>

using namespace makepack;

namespace {

struct Plant {
    Instance instance = load_instance(fixtures::shipped("oakhill-4w.yaml"));
    Schedule start;
    Plant() {
        GreedyResult greedy = backward_greedy(instance);
        REQUIRE(greedy.schedule.has_value());
        start = *greedy.schedule;
    }
};

// A feasible plan one move away from `base` that changes something, with the
// resources its timeline recorded as changed (before revalidate() forgets them).
struct Changed {
    SearchState state;
    std::set<int> recorded;
};
std::optional<Changed> one_move(const SearchState& base, Move& move, Rng& rng) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        SearchState next = base;
        next.timeline().forget_unchecked();
        if (!move.apply(next, rng)) continue;
        const std::vector<int>& touched = next.timeline().unchecked_resources();
        std::set<int> recorded(touched.begin(), touched.end());
        if (!next.revalidate() || changed_resources(base.timeline(), next.timeline()).empty()) continue;
        return Changed{std::move(next), std::move(recorded)};
    }
    return std::nullopt;
}

std::vector<Row> rows_on(const Schedule& schedule, int resource) {
    std::vector<Row> rows;
    for (const Row& row : schedule.rows)
        if (row.resource == resource) rows.push_back(row);
    return rows;
}

}  // namespace

TEST_CASE("plan merge: changed resources are the touched ones; grafting all of them reproduces the donor") {
    const Plant plant;
    const RuleContext context(plant.instance);
    const SearchState base(context, PlantTimeline::from_schedule(plant.instance, plant.start));
    REQUIRE(base.feasible());
    CHECK(changed_resources(base.timeline(), base.timeline()).empty());

    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    Rng rng(7);
    int moves_tried = 0;
    for (const auto& info : registry.moves()) {
        if (info.name == "mixer-replan" || info.name == "plan-replan") continue;  // slow; the same code path
        const std::unique_ptr<Move> move = info.make();
        const std::optional<Changed> changed = one_move(base, *move, rng);
        if (!changed) continue;
        ++moves_tried;
        INFO(info.name);
        const std::vector<int> found = changed_resources(base.timeline(), changed->state.timeline());
        for (int r : found) CHECK(changed->recorded.count(r) == 1);
        CHECK(std::is_sorted(found.begin(), found.end()));
        // Both ways: base + the changed resources = the moved plan, and back.
        const Schedule forward = graft_resources(base.timeline(), changed->state.timeline(), found);
        const Schedule moved = changed->state.to_schedule();
        CHECK(forward.rows == moved.rows);
        CHECK(forward.blocks == moved.blocks);
        const Schedule back = graft_resources(changed->state.timeline(), base.timeline(), found);
        CHECK(back.rows == base.to_schedule().rows);
        CHECK(back.blocks == base.to_schedule().blocks);
    }
    CHECK(moves_tried >= 3);
}

TEST_CASE("plan merge: two changes on disjoint resources are both in the graft") {
    const Plant plant;
    const RuleContext context(plant.instance);
    const SearchState base(context, PlantTimeline::from_schedule(plant.instance, plant.start));
    const OperatorRegistry registry = OperatorRegistry::with_builtins();
    std::vector<std::unique_ptr<Move>> moves;
    for (const auto& info : registry.moves())
        if (info.name != "mixer-replan" && info.name != "plan-replan") moves.push_back(info.make());
    Rng rng(11);
    // Two plans each one move from base, on no common resource.
    std::optional<Changed> a, b;
    std::vector<int> in_a, in_b;
    for (int attempt = 0; attempt < 200 && !b; ++attempt) {
        a = one_move(base, *moves[attempt % moves.size()], rng);
        b = one_move(base, *moves[(attempt * 7 + 3) % moves.size()], rng);
        if (!a || !b) { b.reset(); continue; }
        in_a = changed_resources(base.timeline(), a->state.timeline());
        in_b = changed_resources(base.timeline(), b->state.timeline());
        std::vector<int> common;
        std::set_intersection(in_a.begin(), in_a.end(), in_b.begin(), in_b.end(), std::back_inserter(common));
        if (!common.empty()) b.reset();
    }
    REQUIRE(b.has_value());
    const Schedule merged = graft_resources(b->state.timeline(), a->state.timeline(), in_a);
    const Schedule plan_a = a->state.to_schedule(), plan_b = b->state.to_schedule(), start = base.to_schedule();
    for (int r = 0; r < static_cast<int>(plant.instance.resources.size()); ++r) {
        INFO("resource " << r);
        const bool from_a = std::binary_search(in_a.begin(), in_a.end(), r);
        const bool from_b = std::binary_search(in_b.begin(), in_b.end(), r);
        CHECK(rows_on(merged, r) == rows_on(from_a ? plan_a : plan_b, r));
        if (!from_a && !from_b) CHECK(rows_on(merged, r) == rows_on(start, r));
    }
    // Relative to base, the graft changed exactly the union.
    std::vector<int> both;
    std::set_union(in_a.begin(), in_a.end(), in_b.begin(), in_b.end(), std::back_inserter(both));
    const SearchState graft(context, PlantTimeline::from_schedule(plant.instance, merged));
    CHECK(changed_resources(base.timeline(), graft.timeline()) == both);
}

TEST_CASE("plan merge: a multi-thread search that grafts ends on a checked plan, and counts its grafts") {
    const Plant plant;
    SearchConfig config;
    config.threads = 4;
    config.seed = 3;
    config.work = 1200;
    const SearchResult result = parallel_search(plant.instance, plant.start, config);
    const CheckResult check = check_schedule(plant.instance, result.best, CheckOptions{false});
    REQUIRE(check.feasible());
    CHECK(check.objective.total <= result.start_total + 1e-9);
    CHECK(result.check_failures == 0);
    if (result.stats.count("graft")) {
        const OperatorStats& merge = result.stats.at("graft");
        CHECK(merge.failed + merge.accepted == merge.calls);
        CHECK(merge.improvements <= merge.accepted);
        CHECK(merge.new_bests <= merge.improvements);
    }
    // Off: no graft is tried.
    config.merge_stale = false;
    CHECK(parallel_search(plant.instance, plant.start, config).stats.count("graft") == 0);
}
