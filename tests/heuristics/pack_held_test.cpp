// The "pack-held" move (heuristics/operators/move_pack_held.cpp): a short SKU
// whose paste has a max_hold gets its missing units in one line row with its
// paste made within max_hold before it. feas0393 of bench/feasibility is the
// plant it was built for: S1 (270,000 units of P1, max_hold 120) is the SKU
// the search could not pack whole.
#include "heuristics/operators/builtin.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/rules/rule_context.hpp"
#include "solver/generate/generator.hpp"
#include "solver/solve/solve.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace makepack;

namespace {
Instance feas0393() {
    GeneratorOptions g;  // makepack generate --weeks 3 --seed 5393 --load 0.85 --max-hold 120 --due --outages 1
    g.weeks = 3;
    g.seed = 5393;
    g.load = 0.85;
    g.max_hold = 120;
    g.due = true;
    g.outages = 1;
    g.name = "feas0393";
    return parse_instance(generate_instance(g).yaml, g.name);
}

SolveOptions reproducible(long long iterations, std::uint64_t seed) {
    SolveOptions options;
    options.threads = 1;
    options.seed = seed;
    options.iterations = iterations;
    options.time_limit_seconds = 60;  // the iteration budget ends it
    return options;
}
}  // namespace

TEST_CASE("pack-held: every plan it makes passes the checker, and it packs short SKUs under max_hold") {
    Instance in = feas0393();
    // From the insertion greedy's start 100 iterations leave hard demand short
    // (from the pipelined start on the relaxed copy they plan it all).
    SolveOptions options = reproducible(100, 1);
    options.start.kind = StartKind::Backward;
    const SolveOutcome short_run = solve_instance(in, options);
    REQUIRE(short_run.partial);
    in.relax_hard_demand = true;  // the search's view: short plans are plans
    const RuleContext context(in);
    const SearchState start(context, PlantTimeline::from_schedule(in, *short_run.partial));
    REQUIRE(start.feasible());
    REQUIRE(start.shortfall() > 0);
    auto move = make_pack_held();
    Rng rng(7);
    int applied = 0, less_short = 0;
    for (int run = 0; run < 60; ++run) {
        CAPTURE(run);
        SearchState state = start;
        if (!move->apply(state, rng)) continue;
        ++applied;
        if (!state.revalidate()) continue;
        const CheckResult full = check_schedule(in, state.to_schedule(), CheckOptions{false, 5});
        for (const Violation& v : full.violations) INFO(to_string(v));
        CHECK(full.feasible());
        if (state.shortfall() < start.shortfall()) ++less_short;
    }
    CHECK(applied > 0);
    CHECK(less_short > 0);
}

TEST_CASE("pack-held: feas0393 gets a plan within 2000 iterations (it did not without the move)") {
    const Instance in = feas0393();
    // The insertion greedy's start (`--start backward`): since the pipelined
    // start competes on the relaxed copy, the default start alone plans
    // feas0393 within 2000 iterations, with or without this move.
    SolveOptions with_move = reproducible(2000, 3);
    with_move.start.kind = StartKind::Backward;
    const SolveOutcome with = solve_instance(in, with_move);
    REQUIRE(with.schedule);
    CHECK(with.shortfall == 0);
    CHECK(check_schedule(in, *with.schedule).feasible());
    // The same run with every other move (main before the move: 104,500 units short).
    SolveOptions without = with_move;
    without.moves.clear();
    const OperatorRegistry builtins = OperatorRegistry::with_builtins();
    for (const auto& m : builtins.moves())
        if (m.name != "pack-held") without.moves.push_back(m.name);
    const SolveOutcome short_run = solve_instance(in, without);
    CHECK_FALSE(short_run.schedule);
    CHECK(short_run.shortfall > 0);
}
