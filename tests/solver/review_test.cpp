// `makepack review` (MODEL.md 6, 7 `changes`, 9.15; docs/review.md): the
// thesis's two weekly reviews end to end, plan stability, the `changes`
// objective in the checker and the search state, and the review's input errors.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/search_state.hpp"
#include "heuristics/timeline.hpp"
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "model/rules/rule_context.hpp"
#include "model/schedule_io.hpp"
#include "solver/review/review.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

using namespace makepack;
using namespace makepack::fixtures;
namespace fs = std::filesystem;

namespace {


bool has_row(const Schedule& plan, const Row& row) {
    return std::any_of(plan.rows.begin(), plan.rows.end(), [&](const Row& r) {
        return r.resource == row.resource && r.product == row.product && r.start == row.start &&
               r.amount == row.amount && r.end == row.end;
    });
}

bool has_block(const Schedule& plan, const Block& block) {
    return std::find(plan.blocks.begin(), plan.blocks.end(), block) != plan.blocks.end();
}

// Every row and solver block of `previous` starting before t0 is in `plan` unchanged.
void check_frozen_part(const Instance& in, const Schedule& previous, const Schedule& plan, int t0) {
    int rows = 0, blocks = 0;
    for (const Row& row : previous.rows)
        if (row.start < t0) {
            CAPTURE(in.resources[row.resource].id);
            CAPTURE(row.start);
            CHECK(has_row(plan, row));
            ++rows;
        }
    for (const Block& block : previous.blocks)
        if (block.start < t0 && (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity)) {
            CAPTURE(in.resources[block.resource].id);
            CAPTURE(block.start);
            CHECK(has_block(plan, block));
            ++blocks;
        }
    CHECK(rows > 0);
    CHECK(blocks > 0);
    // Nothing else starts before t0.
    for (const Row& row : plan.rows)
        if (row.start < t0) CHECK(has_row(previous, row));
}

// "kept 5 unchanged, moved 30, removed 0; new rows 14; changes 30" -> numbers.
std::vector<int> stability_figures(const std::string& out) {
    std::smatch m;
    const std::regex line(R"(kept (\d+) unchanged, moved (\d+), removed (\d+); new rows (\d+); changes (\d+))");
    if (!std::regex_search(out, m, line)) return {};
    return {std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[5])};
}

// One review step, checked: it verifies against its written frozen instance,
// keeps the frozen part, and its printed stability agrees with the library
// and with the checker once it knows the previous plan.
// With `outage_remedy`, a previous plan running a row into an outage of the
// new instance (an input error, MODEL.md 6) gives nullopt and the freeze time
// the message suggests instead.
std::optional<Schedule> check_review(const TempDir& dir, const fs::path& instance_path,
                                     const std::string& previous_file, int t0, const std::string& plan_file,
                                     const std::string& frozen_file, int* outage_remedy = nullptr) {
    CAPTURE(instance_path.string());
    CAPTURE(t0);
    const Run run = run_makepack(dir.path, {"review", instance_path.string(), "--previous", previous_file,
                                            "--freeze-until", std::to_string(t0), "-o", plan_file, "--write-instance",
                                            frozen_file, "--time-limit", "2", "--threads", "2"});
    if (outage_remedy && run.exit_code == 2) {
        std::smatch m;
        INFO("stderr:\n" << run.err);
        REQUIRE(contains(run.err, "overlaps the outage"));
        REQUIRE(std::regex_search(run.err, m, std::regex(R"(freeze time at or before (\d+))")));
        *outage_remedy = std::stoi(m[1]);
        CHECK(!fs::exists(dir / plan_file));
        return std::nullopt;
    }
    REQUIRE_EXIT(run, 0);
    CHECK(contains(run.out, "Plan stability"));
    CHECK_EXIT(run_makepack(dir.path, {"verify", frozen_file, plan_file}), 0);

    const Instance instance = load_instance(instance_path.string());
    const Schedule previous = load_schedule(instance, (dir / previous_file).string());
    const Instance frozen_file_instance = load_instance((dir / frozen_file).string());
    const Schedule plan = load_schedule(frozen_file_instance, (dir / plan_file).string());
    CHECK(frozen_file_instance.frozen_until == t0);
    check_frozen_part(instance, previous, plan, t0);

    const ReviewInput input = freeze_previous_plan(instance, previous, t0, previous_file);
    CHECK(input.instance.fixed_rows == frozen_file_instance.fixed_rows);
    CHECK(input.instance.fixed_blocks == frozen_file_instance.fixed_blocks);
    const PlanStability s = compare_plans(input.instance, plan);
    const std::vector<int> printed = stability_figures(run.out);
    REQUIRE(printed.size() == 5);
    CHECK(printed == std::vector<int>{s.kept, s.moved, s.removed, s.added, s.changes()});
    CHECK(s.kept + s.moved + s.removed == s.previous);
    const CheckResult with_previous = check_schedule(input.instance, plan);
    CHECK(with_previous.feasible());
    CHECK(with_previous.objective.changes == s.changes());
    const CheckResult file_only = check_schedule(frozen_file_instance, plan);  // takes the stated `changes`
    CHECK(file_only.feasible());
    CHECK(file_only.objective.total == doctest::Approx(with_previous.objective.total));
    MESSAGE(instance.name << " at " << t0 << ": kept " << s.kept << ", moved " << s.moved << ", removed "
                          << s.removed << ", new " << s.added << "; objective " << with_previous.objective.total);
    return plan;
}

}  // namespace

TEST_CASE("review: the thesis's weekly reviews 4w -> 5w (T=168) -> 6w (T=336, M5 down 336-456)") {
    TempDir dir;
    REQUIRE_EXIT(run_makepack(dir.path, {"solve", (kInstances / "oakhill-4w.yaml").string(), "-o", "4w.yaml",
                                         "--time-limit", "2", "--threads", "2", "--quiet"}),
                 0);
    CHECK_EXIT(run_makepack(dir.path, {"verify", (kInstances / "oakhill-4w.yaml").string(), "4w.yaml"}), 0);

    REQUIRE(check_review(dir, kInstances / "oakhill-5w.yaml", "4w.yaml", 168, "5w.yaml", "5w-frozen.yaml"));
    // M5 fails at 336 for five days. If the 5w plan happens to run an M5 row
    // (or its changeover) across 336, that row is fixed and overlaps the
    // outage: an input error naming it (MODEL.md 6). The planner's remedy, as
    // the message says: review at the row's start instead.
    int t0 = 336;
    std::optional<Schedule> plan6;
    for (int attempt = 0; attempt < 3 && !plan6; ++attempt) {
        int remedy = -1;
        plan6 = check_review(dir, kInstances / "oakhill-6w.yaml", "5w.yaml", t0, "6w.yaml", "6w-frozen.yaml", &remedy);
        if (!plan6) {
            MESSAGE("the 5w plan runs into M5's outage; reviewing at " << remedy << " instead of " << t0);
            REQUIRE(remedy < t0);
            t0 = remedy;
        }
    }
    REQUIRE(plan6);

    const Instance six = load_instance((kInstances / "oakhill-6w.yaml").string());
    const int m5 = *six.find_resource("M5");
    for (const Row& row : plan6->rows)
        if (row.resource == m5) {
            CAPTURE(row.start);
            CHECK((row.end <= 336 || row.start >= 456));
        }
}

TEST_CASE("review: bad usage and bad input exit 2 and write nothing") {
    TempDir dir;
    const std::string six = (kInstances / "oakhill-6w.yaml").string();
    // A previous plan: M5 runs [30, 174), then nothing on M5 before 336.
    const std::string plan =
        "instance: oakhill-5w\n"
        "objective: {total: 0}\n"  // a schedule file states it (MODEL.md 9.11); a previous plan's is not checked
        "rows:\n"
        "  - {resource: M5, product: P10, batches: 12, start: 30, end: 174}\n"
        "blocks:\n"
        "  - {resource: M5, kind: spare_capacity, start: 0, end: 14}\n";
    write_text(dir / "plan.yaml", plan);
    const std::vector<std::vector<std::string>> usage = {
        {"review", six, "--previous", "plan.yaml", "--freeze-until", "-5", "-o", "out.yaml"},
        {"review", six, "--previous", "plan.yaml", "--freeze-until", "5000", "-o", "out.yaml"},
        {"review", six, "--previous", "plan.yaml", "--freeze-until", "abc", "-o", "out.yaml"},
        {"review", six, "--previous", "plan.yaml", "--freeze-until", "1.5", "-o", "out.yaml"},
        {"review", six, "--previous", "plan.yaml", "-o", "out.yaml"},
        {"review", six, "--freeze-until", "336", "-o", "out.yaml"},
        {"review", "--previous", "plan.yaml", "--freeze-until", "336"},
        {"review", six, "--previous", "missing.yaml", "--freeze-until", "336", "-o", "out.yaml"},
        {"review", six, "--previous", "plan.yaml", "--freeze-until", "336", "-o", "no/such/dir/out.yaml"},
    };
    for (const auto& args : usage) {
        CAPTURE(args[args.size() > 4 ? 4 : 1]);
        const Run run = run_makepack(dir.path, args);
        CHECK_EXIT(run, 2);
        CHECK(!run.err.empty());
    }
    CHECK(contains(run_makepack(dir.path, usage[7]).err, "missing.yaml"));

    // An unknown id in the previous plan: it is read against INSTANCE.
    write_text(dir / "unknown.yaml", "rows: [{resource: M9, product: P10, batches: 1, start: 0}]\n");
    CHECK_EXIT(run_makepack(dir.path,
                            {"review", six, "--previous", "unknown.yaml", "--freeze-until", "336", "-o", "out.yaml"}),
               2);

    // A fixed row overlapping an outage announced at the review is an input
    // error naming the row (MODEL.md 6).
    std::string early = read_text(six);
    early = std::regex_replace(early, std::regex("start: 336, end: 456"), "start: 100, end: 456");
    write_text(dir / "early-outage.yaml", early);
    Run run = run_makepack(dir.path, {"review", "early-outage.yaml", "--previous", "plan.yaml", "--freeze-until", "336",
                                      "-o", "out.yaml"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "rows[0]"));
    CHECK(contains(run.err, "M5 P10"));
    CHECK(contains(run.err, "outage [100, 456)"));
    CHECK(contains(run.err, "freeze time at or before 30"));
    // ... and so is a fixed row whose changeover runs into it: [30, 174) + 6 h.
    early = std::regex_replace(read_text(six), std::regex("start: 336, end: 456"), "start: 176, end: 456");
    write_text(dir / "early-outage.yaml", early);
    run = run_makepack(dir.path, {"review", "early-outage.yaml", "--previous", "plan.yaml", "--freeze-until", "336",
                                  "-o", "out.yaml"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "changeover"));

    // An instance that is already frozen is refused.
    write_text(dir / "frozen.yaml", read_text(six) + "frozen_until: 10\n");
    run = run_makepack(dir.path,
                       {"review", "frozen.yaml", "--previous", "plan.yaml", "--freeze-until", "336", "-o", "out.yaml"});
    CHECK_EXIT(run, 2);
    CHECK(contains(run.err, "frozen_until"));

    // The review never writes over its INSTANCE.
    write_text(dir / "six.yaml", read_text(six));
    for (const char* option : {"-o", "--write-instance"})
        CHECK_EXIT(run_makepack(dir.path, {"review", "six.yaml", "--previous", "plan.yaml", "--freeze-until", "336",
                                           option, "./six.yaml"}),
                   2);
    CHECK(read_text(dir / "six.yaml") == read_text(six));

    CHECK(!fs::exists(dir / "out.yaml"));
    const Run help = run_makepack(dir.path, {"review", "--help"});
    CHECK_EXIT(help, 0);
    CHECK(contains(help.out, "Usage: makepack review"));
    CHECK(contains(help.out, "Examples"));
    CHECK(contains(run_makepack(dir.path, {"--help"}).out, "review"));
}

TEST_CASE("review: plan stability counts kept, moved, removed and new rows - `changes` = moved + removed") {
    const Instance five = load_instance((kInstances / "oakhill-5w.yaml").string());
    const int m1 = *five.find_resource("M1"), l1 = *five.find_resource("L1");
    const int p5 = *five.find_product("P5"), s1 = *five.find_product("S1");
    Schedule previous;
    previous.rows = {Row{m1, p5, 10, 14, 114}, Row{m1, p5, 2, 200, 220}, Row{l1, s1, 1000, 300, 301},
                     Row{l1, s1, 2000, 400, 401}};
    // The first week's spare capacity lies before T: it must be in the previous plan.
    for (int r = 0; r < static_cast<int>(five.resources.size()); ++r)
        previous.blocks.push_back(Block{r, BlockKind::SpareCapacity, 0, 14});
    ReviewInput input = freeze_previous_plan(five, previous, 168, "previous");
    Instance& frozen = input.instance;
    CHECK(frozen.fixed_rows.size() == 1);
    REQUIRE(frozen.previous_rows);
    CHECK(frozen.previous_rows->size() == 3);

    Schedule plan;
    plan.rows = {Row{m1, p5, 10, 14, 114},     // fixed
                 Row{m1, p5, 2, 200, 220},     // kept
                 Row{l1, s1, 1000, 310, 311},  // moved (other start)
                 Row{l1, s1, 500, 500, 501}};  // moved (other start and quantity)
    PlanStability s = compare_plans(frozen, plan);
    CHECK(s.previous == 3);
    CHECK(s.kept == 1);
    CHECK(s.moved == 2);
    CHECK(s.removed == 0);
    CHECK(s.added == 0);
    plan.rows.pop_back();
    plan.rows.push_back(Row{m1, *five.find_product("P1"), 3, 600, 636});
    s = compare_plans(frozen, plan);
    CHECK(s.moved == 1);
    CHECK(s.removed == 1);
    CHECK(s.added == 1);
    CHECK(s.changes() == 2);

    // The checker counts `changes` on any plan (here an incomplete one).
    frozen.weights.changes = 3;
    CHECK(check_schedule(frozen, plan, CheckOptions{false}).objective.changes == 2);
}

TEST_CASE("review: the warm start keeps the previous plan - checker and search state agree on `changes`") {
    const Instance four = load_instance((kInstances / "oakhill-4w.yaml").string());
    const Instance five = load_instance((kInstances / "oakhill-5w.yaml").string());
    const GreedyResult greedy = backward_greedy(four);
    REQUIRE(greedy.schedule);
    // The 4w plan read against the 5w instance (same ids, indices of 4w's items unchanged).
    const Schedule previous =
        parse_schedule(five, schedule_to_yaml(four, *greedy.schedule, check_schedule(four, *greedy.schedule).objective),
                       "4w.yaml");
    ReviewInput input = freeze_previous_plan(five, previous, 168, "4w.yaml");
    Instance& frozen = input.instance;
    frozen.weights.changes = 3;
    std::string why;
    int kept = 0, dropped = 0;
    const std::optional<Schedule> warm = warm_start(input, why, &kept, &dropped);
    REQUIRE_MESSAGE(warm, why);
    CHECK(kept > 0);
    CHECK(kept + dropped == static_cast<int>(frozen.previous_rows->size()));
    const CheckResult warm_check = check_schedule(frozen, *warm);
    CHECK(warm_check.feasible());
    CHECK(warm_check.objective.changes == compare_plans(frozen, *warm).changes());
    CHECK(warm_check.objective.changes == dropped);
    check_frozen_part(five, previous, *warm, 168);

    const RuleContext context(frozen);
    CHECK(context.knows_previous());
    const SearchState state(context, PlantTimeline::from_schedule(frozen, *warm));
    CHECK(state.objective().changes == warm_check.objective.changes);
    CHECK(state.total() == doctest::Approx(warm_check.objective.total));
    // Moving a kept row costs weight 3 in the search state as in the checker.
    Schedule moved = *warm;
    const auto it = std::find_if(moved.rows.begin(), moved.rows.end(), [&](const Row& r) {
        return std::any_of(frozen.previous_rows->begin(), frozen.previous_rows->end(), [&](const Row& p) {
            return p.resource == r.resource && p.start == r.start && p.product == r.product && p.amount == r.amount;
        });
    });
    REQUIRE(it != moved.rows.end());
    moved.rows.erase(it);
    CHECK(check_schedule(frozen, moved, CheckOptions{false}).objective.changes == warm_check.objective.changes + 1);

    // Without the previous plan a stated `changes` is taken as given; a
    // negative or fractional one is a violation.
    Instance file_instance = frozen;  // what a file gives: no previous plan
    file_instance.previous_rows.reset();
    Schedule stated = *warm;
    stated.stated = StatedObjective{};
    stated.stated->components["changes"] = warm_check.objective.changes;
    stated.stated->total = warm_check.objective.total;
    CHECK(check_schedule(file_instance, stated, CheckOptions{false}).objective.changes == warm_check.objective.changes);
    CHECK(check_schedule(file_instance, stated).feasible());
    stated.stated->components["changes"] = -1;
    CHECK(!check_schedule(file_instance, stated).feasible());
    stated.stated->components["changes"] = 1.5;
    CHECK(!check_schedule(file_instance, stated).feasible());
}

TEST_CASE("review: the frozen instance text appends frozen_until and fixed, and loads") {
    const std::string path = (kInstances / "oakhill-5w.yaml").string();
    const Instance five = load_instance(path);
    const int m1 = *five.find_resource("M1");
    Schedule previous;
    previous.rows = {Row{m1, *five.find_product("P5"), 10, 14, 114}};
    previous.blocks = {Block{m1, BlockKind::SpareCapacity, 0, 14}, Block{m1, BlockKind::Changeover, 114, 120}};
    const ReviewInput input = freeze_previous_plan(five, previous, 168, "previous");
    CHECK(input.instance.fixed_blocks.size() == 1);  // the changeover is derived, not kept
    const std::string text = frozen_instance_yaml(read_text(path), input.instance);
    CHECK(text.rfind(read_text(path), 0) == 0);  // the instance's own text comes first, unchanged
    const Instance reloaded = parse_instance(text, "frozen.yaml");
    CHECK(reloaded.frozen_until == 168);
    CHECK(reloaded.fixed_rows == input.instance.fixed_rows);
    CHECK(reloaded.fixed_blocks == input.instance.fixed_blocks);
    CHECK_THROWS_AS(frozen_instance_yaml(text, input.instance), std::invalid_argument);

    // A flow-style root cannot take appended keys: the document is re-emitted.
    const std::string flow = "{name: flow, horizon: 48, mixers: [{id: M1, batch_size: 1000}], lines: [{id: L1, rate: 100}],"
                             " pastes: [{id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.1}}], skus: [{id: S1, paste: P1, units_per_lb: 1, demand: 100}]}\n";
    const Instance small = parse_instance(flow, "flow.yaml");
    Schedule small_previous;
    small_previous.rows = {Row{0, 0, 1, 0, 4}};
    const ReviewInput small_input = freeze_previous_plan(small, small_previous, 2, "previous");
    const Instance small_reloaded = parse_instance(frozen_instance_yaml(flow, small_input.instance), "flow-frozen.yaml");
    CHECK(small_reloaded.frozen_until == 2);
    CHECK(small_reloaded.fixed_rows == small_input.instance.fixed_rows);

    CHECK_THROWS_AS(freeze_previous_plan(five, previous, -1, "previous"), std::invalid_argument);
    CHECK_THROWS_AS(freeze_previous_plan(five, previous, five.horizon + 1, "previous"), std::invalid_argument);
    CHECK_THROWS_AS(freeze_previous_plan(reloaded, previous, 168, "previous"), InputError);
}

TEST_CASE("review: --allow-unmet re-plans a horizon that cannot pack all hard demand") {
    TempDir dir;
    // Hard demand 1000, but a 6 h batch and 10 h of packing do not fit 12 h:
    // at most 500 units can be packed (tests/data/cli/unschedulable.yaml).
    write_text(dir / "short.yaml", read_text(fs::path(MAKEPACK_SOURCE_DIR) / "tests/data/cli/unschedulable.yaml"));
    write_text(dir / "plan.yaml",
               "instance: unschedulable\n"
               "objective: {total: 0}\n"  // required in every schedule file; a previous plan's is not compared
               "rows:\n"
               "  - {resource: M1, product: P1, batches: 1, start: 0, end: 6}\n"
               "  - {resource: L1, product: S1, quantity: 500, start: 6, end: 11}\n");
    const std::vector<std::string> review{"review", "short.yaml", "--previous", "plan.yaml", "--freeze-until", "1",
                                          "--time-limit", "1", "--threads", "1", "-o", "new.yaml",
                                          "--write-instance", "frozen.yaml"};
    // Hard: no plan.
    CHECK_EXIT(run_makepack(dir.path, review), 3);
    CHECK(!fs::exists(dir / "new.yaml"));

    std::vector<std::string> soft = review;
    soft.insert(soft.end(), {"--allow-unmet", "2"});
    const Run run = run_makepack(dir.path, soft);
    CHECK_EXIT(run, 0);
    CHECK(contains(run.out, "Fill rate 50.00 %: 500 of 1000 units of demand packed; 500 unmet in 1 SKU (cost 1000)"));
    // The frozen instance keeps the demand hard: verify needs the same option.
    CHECK_EXIT(run_makepack(dir.path, {"verify", "frozen.yaml", "new.yaml", "--allow-unmet", "2"}), 0);
    CHECK_EXIT(run_makepack(dir.path, {"verify", "frozen.yaml", "new.yaml"}), 1);

    soft.back() = "-1";
    CHECK_EXIT(run_makepack(dir.path, soft), 2);
    CHECK(contains(run_makepack(dir.path, {"review", "--help"}).out, "--allow-unmet 50"));
}

TEST_CASE("review: --threads 1 --seed N --iterations K is reproducible (the search options are solve's)") {
    TempDir dir;
    REQUIRE_EXIT(run_makepack(dir.path, {"solve", (kInstances / "oakhill-4w.yaml").string(), "-o", "4w.yaml",
                                         "--threads", "1", "--seed", "2", "--iterations", "100", "--quiet"}),
                 0);
    auto review = [&](const std::string& out) {
        return run_makepack(dir.path, {"review", (kInstances / "oakhill-5w.yaml").string(), "--previous", "4w.yaml",
                                       "--freeze-until", "168", "-o", out, "--threads", "1", "--seed", "3",
                                       "--iterations", "100", "--quiet"});
    };
    REQUIRE_EXIT(review("a.yaml"), 0);
    REQUIRE_EXIT(review("b.yaml"), 0);
    CHECK(read_text(dir.path / "a.yaml") == read_text(dir.path / "b.yaml"));
    // The same checks as solve's: one message for both commands.
    CHECK_EXIT(run_makepack(dir.path, {"review", (kInstances / "oakhill-5w.yaml").string(), "--previous", "4w.yaml",
                                       "--freeze-until", "168", "--work", "5", "--iterations", "5"}),
               2);
}
