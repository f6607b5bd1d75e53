// The resequencer's matrix-guided mixer moves (heuristics/resequence_chains.cpp):
// on a plant whose mixer changeover matrix has one cheap chain they find it,
// the plan they write passes the checker, and where the matrix is one
// constant they are never drawn (the annealing's random stream is unchanged).
#include "heuristics/resequence.hpp"
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
// Two mixers, one line; four pastes A-D of one batch (2 h, no downtime), each
// packed by its own SKU late on the line, so the mixers have all the time they
// want. Changeover 6 h on the mixers except the chain A -> C -> B -> D (1 h each):
// the cheapest mixer side is that chain on one mixer, 3 + 6 (after the last row) = 9 h.
std::string chain_plant_yaml(const std::string& mixer_changeover) {
    std::string yaml = R"(name: chain
horizon: 100
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}, {id: M2, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
)";
    for (const char* p : {"A", "B", "C", "D"})
        yaml += std::string("  - {id: ") + p + ", batch_hours: {M1: 2, M2: 2}, downtime: {M1: 0, M2: 0}}\n";
    yaml += "skus:\n";
    for (const char* p : {"A", "B", "C", "D"})
        yaml += std::string("  - {id: S") + p + ", paste: " + p + ", units_per_lb: 1, demand: 1000, downtime: {L1: 0}}\n";
    return yaml + "changeover: {mixers: " + mixer_changeover + ", lines: 1}\n";
}
const std::string kChain = "{default: 6, pairs: [[A, C, 1], [C, B, 1], [B, D, 1]]}";

// M1: A, B; M2: C, D (every arc the default); L1: SA, SB, SC, SD from hour 50.
Schedule start_plan(const Instance& in, int changeover_after) {
    Schedule s;
    s.instance_name = in.name;
    s.rows = {make_row(in, "M1", "A", 1, 0, 2), make_row(in, "M1", "B", 1, 2 + changeover_after, 4 + changeover_after),
              make_row(in, "M2", "C", 1, 0, 2), make_row(in, "M2", "D", 1, 2 + changeover_after, 4 + changeover_after)};
    int t = 50;
    for (const char* sku : {"SA", "SB", "SC", "SD"}) {
        s.rows.push_back(make_row(in, "L1", sku, 1000, t, t + 10));
        t += 11;
    }
    return s;
}

ResequenceConfig guided_only() {
    ResequenceConfig config;
    config.mixer_matrix_share = 1;  // every mixer step a guided one (where the matrix varies)
    return config;
}
}  // namespace

TEST_CASE("mixer-chain / mixer-tails: the cheap chain of the changeover matrix on one mixer") {
    const Instance in = make_instance(chain_plant_yaml(kChain), "chain");
    const RuleContext context(in);
    SearchState state(context, PlantTimeline::from_schedule(in, start_plan(in, 6)));
    REQUIRE(state.feasible());
    const double before = state.total();

    Resequencer plan(state, Resequencer::Scope::Mixers, guided_only());
    REQUIRE(plan.feasible());
    CHECK(plan.start_cost() == doctest::Approx(24));  // four rows, each followed by the default 6 h
    std::mt19937_64 rng(3);
    plan.improve(rng, 200, 2.0, 0.02);
    CHECK(plan.best_cost() == doctest::Approx(9));
    const auto& counts = plan.move_counts();
    CHECK(counts[static_cast<std::size_t>(ResequenceMove::MixerRelocate)].calls == 0);
    CHECK(counts[static_cast<std::size_t>(ResequenceMove::MixerChain)].accepted +
              counts[static_cast<std::size_t>(ResequenceMove::MixerTails)].accepted > 0);

    plan.write(state);
    REQUIRE(state.revalidate());
    const Schedule written = state.to_schedule();
    CHECK(check_schedule(in, written, CheckOptions{false}).feasible());
    CHECK(state.total() == doctest::Approx(before - 15));
    // The chain, in its order, on one mixer.
    std::vector<Row> mixer_rows;
    for (const Row& row : written.rows)
        if (in.is_mixer(row.resource)) mixer_rows.push_back(row);
    std::sort(mixer_rows.begin(), mixer_rows.end(), [](const Row& a, const Row& b) { return a.start < b.start; });
    REQUIRE(mixer_rows.size() == 4);
    std::string order;
    for (const Row& row : mixer_rows) {
        CHECK(row.resource == mixer_rows.front().resource);
        order += in.products[row.product].id;
    }
    CHECK(order == "ACBD");
}

TEST_CASE("mixer-chain / mixer-tails: a seed gives one plan") {
    const Instance in = make_instance(chain_plant_yaml(kChain), "chain");
    const RuleContext context(in);
    const auto run = [&](std::uint64_t seed) {
        SearchState state(context, PlantTimeline::from_schedule(in, start_plan(in, 6)));
        Resequencer plan(state, Resequencer::Scope::MixersAndLines);
        REQUIRE(plan.feasible());
        std::mt19937_64 rng(seed);
        plan.improve(rng, 2000, 2.0, 0.02);
        plan.write(state);
        REQUIRE(state.revalidate());
        CHECK(check_schedule(in, state.to_schedule(), CheckOptions{false}).feasible());
        return state.to_schedule().rows;
    };
    CHECK(run(5) == run(5));
}

TEST_CASE("mixer-chain / mixer-tails: never drawn where the mixers change over in one time") {
    // One constant for the mixers: the guided moves would gain nothing, and
    // the annealing draws exactly what it drew before they existed.
    const Instance in = make_instance(chain_plant_yaml("6"), "chain");
    const RuleContext context(in);
    const auto run = [&](const ResequenceConfig& config) {
        SearchState state(context, PlantTimeline::from_schedule(in, start_plan(in, 6)));
        Resequencer plan(state, Resequencer::Scope::Mixers, config);
        REQUIRE(plan.feasible());
        std::mt19937_64 rng(9);
        plan.improve(rng, 2000, 2.0, 0.02);
        CHECK(plan.move_counts()[static_cast<std::size_t>(ResequenceMove::MixerChain)].calls == 0);
        CHECK(plan.move_counts()[static_cast<std::size_t>(ResequenceMove::MixerTails)].calls == 0);
        plan.write(state);
        return state.to_schedule().rows;
    };
    ResequenceConfig none;
    none.mixer_matrix_share = 0;
    CHECK(run(guided_only()) == run(none));
}
