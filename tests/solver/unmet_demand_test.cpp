// Plants whose start plan cannot pack everything (docs/unmet-demand.md): the
// search goes on from what fits, soft demand always gets a plan, and "cannot
// be scheduled" comes only with a proof or after the budget, with a partial plan.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "heuristics/operators/builtin.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/generate/generator.hpp"
#include "solver/solve/shortage_report.hpp"
#include "solver/solve/solve.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;
using namespace makepack;
using namespace makepack::fixtures;

namespace {
const fs::path kUnmetData = fs::path(MAKEPACK_SOURCE_DIR) / "tests" / "data" / "unmet";

SolveOptions reproducible(long long iterations) {
    SolveOptions options;
    options.threads = 1;
    options.seed = 1;
    options.iterations = iterations;
    options.time_limit_seconds = 60;  // the iteration budget ends it
    return options;
}
}  // namespace

TEST_CASE("unmet demand: plans rank by hard units short first, then by objective") {
    CHECK(PlanRank{0, 5000}.better_than(PlanRank{1, 10}));
    CHECK_FALSE(PlanRank{1, 10}.better_than(PlanRank{0, 5000}));
    CHECK(PlanRank{3, 10}.better_than(PlanRank{3, 11}));
    CHECK_FALSE(PlanRank{3, 10}.better_than(PlanRank{3, 10}));
}

TEST_CASE("unmet demand: a soft plant far above capacity gets a plan that packs what it can") {
    const Instance in = load_instance((kUnmetData / "soft-overload.yaml").string());
    // The strict greedy could not place it (59cdaa1 answered "cannot be scheduled" in 0.01 s).
    const SolveOutcome outcome = solve_instance(in, reproducible(300));
    REQUIRE(outcome.schedule);
    CHECK_FALSE(outcome.partial);
    const CheckResult check = check_schedule(in, *outcome.schedule);
    CHECK(check.feasible());
    CHECK(check.objective.unmet > 0);
    // More than the greedy's partial start: S1 (3,000,000 units) is packed in large part.
    std::int64_t s1 = 0;
    for (const Row& row : outcome.schedule->rows)
        if (in.products[row.product].id == "S1") s1 += row.amount;
    CHECK(s1 >= 1000000);
}

TEST_CASE("unmet demand: a hard plant the strict greedy cannot pack is planned in full by the relaxed search") {
    const Instance in = load_instance((kUnmetData / "hard-storage-due.yaml").string());
    GreedyResult strict = backward_greedy(in);
    CHECK_FALSE(strict.schedule);  // storage, max_hold, due dates and outages defeat every start order
    const SolveOutcome outcome = solve_instance(in, reproducible(1000));
    REQUIRE(outcome.schedule);
    CHECK(check_schedule(in, *outcome.schedule).feasible());
    CHECK(outcome.shortfall == 0);
}

TEST_CASE("unmet demand: where the backward greedy leaves hard demand short, the default start tries the rule portfolio") {
    // feas0275 of bench/feasibility (12x12, storage 0.2, 3 outages, load 0.5):
    // the independent dispatch rule plans it; from the backward greedy's start
    // (millions of units short) the search was still short after 5 s.
    GeneratorOptions g;
    g.mixers = g.lines = 12;
    g.pastes = 28;
    g.skus = 64;
    g.weeks = 4;
    g.seed = 5275;
    g.load = 0.5;
    g.storage = 0.2;
    g.outages = 3;
    g.name = "feas0275";
    const Instance in = parse_instance(generate_instance(g).yaml, g.name);
    SolveOptions backward = reproducible(200);
    backward.start.kind = StartKind::Backward;
    backward.greedy_only = true;
    const SolveOutcome from_backward = solve_instance(in, backward);
    REQUIRE_FALSE(from_backward.schedule);
    CHECK(from_backward.shortfall > 1000000);  // the witness: the backward start is far from a plan

    const SolveOutcome outcome = solve_instance(in, reproducible(200));  // --start auto, the default
    CHECK(outcome.method.rfind("portfolio: ", 0) == 0);
    REQUIRE(outcome.schedule);
    CHECK(outcome.shortfall == 0);
    CHECK(check_schedule(in, *outcome.schedule).feasible());
}

TEST_CASE("unmet demand: a budget that ends short returns the best partial plan and what is short") {
    const Instance in = load_instance((kUnmetData / "hard-short.yaml").string());
    const SolveOutcome outcome = solve_instance(in, reproducible(100));
    REQUIRE_FALSE(outcome.schedule);
    REQUIRE(outcome.partial);
    CHECK(outcome.shortfall > 0);
    CHECK(contains(outcome.failure, "units of hard demand unpacked"));
    // The partial plan keeps every rule but demand: feasible with demand soft.
    Instance soft = in;
    soft.demand_soft = true;
    const CheckResult check = check_schedule(soft, *outcome.partial);
    CHECK(check.feasible());
    CHECK(check.objective.unmet == doctest::Approx(outcome.shortfall));
    const std::vector<SkuShortage> shortages = find_shortages(in, *outcome.partial);
    REQUIRE_FALSE(shortages.empty());
    std::int64_t missing = 0;
    for (const SkuShortage& s : shortages) {
        missing += s.missing;
        CHECK_FALSE(s.binding.empty());
    }
    CHECK(static_cast<double>(missing) == doctest::Approx(outcome.shortfall));
}

TEST_CASE("unmet demand: a stop before the start plan is done keeps what was placed") {
    Instance in = load_instance((kUnmetData / "hard-storage-due.yaml").string());
    in.relax_hard_demand = true;
    int calendar_polls = 0;  // the calendar placement polls too: let it finish
    PlantTimeline calendar(in);
    REQUIRE(place_calendar_blocks(calendar, [&] { ++calendar_polls; return false; }).empty());
    GreedyOptions options;
    int polls = 0;
    options.should_stop = [&] { return ++polls > calendar_polls + 3; };  // stops inside the first construction
    const GreedyResult result = backward_greedy(in, options);
    CHECK(result.stopped);
    REQUIRE(result.schedule);
    CHECK(result.shortfall > 0);
    CHECK(check_schedule(in, *result.schedule).feasible());
}

TEST_CASE("unmet demand: the 'unmet' destroy opens room around a short SKU and touches its paste") {
    Instance in = load_instance((kUnmetData / "hard-short.yaml").string());
    in.relax_hard_demand = true;
    const GreedyResult start = backward_greedy(in);
    REQUIRE(start.schedule);
    REQUIRE(start.shortfall > 0);
    const RuleContext context(in);
    const SearchState state(context, PlantTimeline::from_schedule(in, *start.schedule));
    REQUIRE(state.feasible());
    auto destroy = make_unmet_demand();
    Rng rng(7);
    for (int run = 0; run < 5; ++run) {
        SearchState copy = state;
        destroy->destroy(copy, rng, 6);
        CHECK(copy.timeline().alive_rows() < state.timeline().alive_rows());
        CHECK_FALSE(copy.touched_pastes().empty());
    }
}

TEST_CASE("unmet demand: solve exits 3 with no proof and --partial writes a plan verify accepts only with --allow-unmet") {
    TempDir dir;
    const std::string instance = (kUnmetData / "hard-short.yaml").string();
    Run run = run_makepack(dir.work(), {"solve", instance, "--threads", "1", "--seed", "1", "--iterations", "100",
                                        "-o", "plan.yaml", "--partial", "partial.yaml"});
    CHECK_EXIT(run, 3);
    CHECK(contains(run.err, "cannot be scheduled (unproved: iteration budget)"));
    CHECK(contains(run.err, "units short; binds:"));
    CHECK_FALSE(fs::exists(dir.work() / "plan.yaml"));
    REQUIRE(fs::exists(dir.work() / "partial.yaml"));
    CHECK(contains(read_text(dir.work() / "partial.yaml"), "# PARTIAL PLAN"));
    run = run_makepack(dir.work(), {"verify", instance, "partial.yaml"});
    CHECK_EXIT(run, 1);
    CHECK(contains(run.out, "demand"));
    run = run_makepack(dir.work(), {"verify", instance, "partial.yaml", "--allow-unmet", "0"});
    CHECK_EXIT(run, 0);
}

TEST_CASE("unmet demand: --allow-unmet turns a hard plant soft for the run: a plan, exit 0") {
    TempDir dir;
    const std::string instance = (kUnmetData / "hard-short.yaml").string();
    Run run = run_makepack(dir.work(), {"solve", instance, "--threads", "1", "--seed", "1", "--iterations", "100",
                                        "-o", "plan.yaml", "--allow-unmet", "0.5"});
    CHECK_EXIT(run, 0);
    run = run_makepack(dir.work(), {"verify", instance, "plan.yaml", "--allow-unmet", "0.5"});
    CHECK_EXIT(run, 0);
    run = run_makepack(dir.work(), {"solve", instance, "--allow-unmet", "-1"});
    CHECK_EXIT(run, 2);
}

TEST_CASE("unmet demand: 'grow' packs more of a short SKU in place, and the incremental check agrees with the checker") {
    const Instance in = load_instance((kUnmetData / "soft-overload.yaml").string());
    const GreedyResult start = backward_greedy(in);
    REQUIRE(start.schedule);
    const RuleContext context(in);
    const SearchState state(context, PlantTimeline::from_schedule(in, *start.schedule));
    REQUIRE(state.feasible());
    auto grow = make_grow();
    Rng rng(11);
    int packed_more = 0;
    for (int run = 0; run < 20; ++run) {
        SearchState copy = state;
        if (!grow->apply(copy, rng)) continue;
        const bool incremental = copy.revalidate();
        const CheckResult full = check_schedule(in, copy.to_schedule(), CheckOptions{false, 5});
        CHECK(incremental == full.feasible());
        if (incremental && full.objective.unmet < state.objective().unmet) {
            ++packed_more;
            CHECK(copy.total() == doctest::Approx(full.objective.total).epsilon(1e-9));
        }
    }
    CHECK(packed_more > 0);
}

TEST_CASE("unmet demand: the re-plan moves run every 300 iterations where demand may stay unmet, else every 1000") {
    const Instance in = load_instance((kUnmetData / "soft-overload.yaml").string());
    REQUIRE(in.unmet_allowed());
    const GreedyResult start = backward_greedy(in);
    REQUIRE(start.schedule);
    const RuleContext context(in);
    for (auto make : {make_mixer_replan, make_plan_replan}) {
        auto move = make();
        CHECK(move->min_iterations_between_calls() == 1000);  // before it has seen a plant
        SearchState state(context, PlantTimeline::from_schedule(in, *start.schedule));
        Rng rng(3);
        move->apply(state, rng);
        CHECK(move->min_iterations_between_calls() == 300);
    }
}

TEST_CASE("unmet demand: a 10,000,000-hour horizon with --time-limit 1 ends within seconds, with a checked plan") {
    // 59cdaa1 kept the greedy running 199 s past the limit (issue 12); the bound
    // stays generous for sanitizer builds: the point is seconds, not minutes.
    TempDir dir;
    const auto started = std::chrono::steady_clock::now();
    const Run run = run_makepack(dir.work(), {"solve", (fs::path(MAKEPACK_SOURCE_DIR) / "tests/data/calendar/horizon-max-1e7.yaml").string(),
                                              "--time-limit", "1", "-o", "plan.yaml", "--quiet"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(seconds < 60);
    // A plan (Release: in about 1.4 s), or, in a slow sanitizer build where the
    // limit ends the calendar placement, the unproved exit 3 and nothing written.
    INFO(run.err);
    if (run.exit_code == 0) {
        CHECK(fs::exists(dir.work() / "plan.yaml"));
    } else {
        CHECK_EXIT(run, 3);
        CHECK(contains(run.err, "cannot be scheduled (unproved: time limit)"));
        CHECK_FALSE(fs::exists(dir.work() / "plan.yaml"));
    }
}
