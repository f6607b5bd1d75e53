// The pipelined start (heuristics/pipelined_start.hpp): on soft-demand plants
// its plans keep every rule across the generator's options, and on an
// overloaded plant it packs more than the insertion greedy, in few long rows.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "heuristics/pipelined_start.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "solver/generate/generator.hpp"
#include "solver/review/review.hpp"

#include <doctest/doctest.h>

#include <tuple>

using namespace makepack;

namespace {
Instance generated(GeneratorOptions g) {
    g.soft = true;
    g.name = "pipeline-" + std::to_string(g.seed);
    return parse_instance(generate_instance(g).yaml, g.name);
}

PlantTimeline calendar_of(const Instance& in) {
    PlantTimeline calendar(in);
    REQUIRE(place_calendar_blocks(calendar).empty());
    return calendar;
}

// The backward greedy's start without and with the pipeline: both checked,
// the second one the pipeline's.
struct Starts {
    CheckResult insertion, pipelined;
    Schedule plan;  // the pipelined start
};
Starts both_starts(const Instance& in) {
    GreedyOptions insertion_only;
    insertion_only.pipelined = false;
    const GreedyResult insertion = backward_greedy(in, insertion_only);
    const GreedyResult with_pipeline = backward_greedy(in);
    REQUIRE(insertion.schedule);
    REQUIRE(with_pipeline.schedule);
    CHECK_FALSE(insertion.pipelined);
    CHECK(with_pipeline.pipelined);
    Starts starts{check_schedule(in, *insertion.schedule, CheckOptions{false}),
                  check_schedule(in, *with_pipeline.schedule, CheckOptions{false}), *with_pipeline.schedule};
    REQUIRE(starts.insertion.feasible());
    REQUIRE(starts.pipelined.feasible());
    return starts;
}

// Every variant's plan on `in`, checked: how many keep every rule (each that
// does not is reported with its first violation).
int variants_keeping_rules(const Instance& in) {
    const PlantTimeline calendar = calendar_of(in);
    int kept = 0;
    for (const PipelineVariant& variant : pipeline_variants(in)) {
        CAPTURE(variant.starter_batches);
        CAPTURE(variant.by_price);
        const std::optional<Schedule> plan = pipelined_start(calendar, variant);
        REQUIRE(plan);
        const CheckResult check = check_schedule(in, *plan, CheckOptions{false, 3});
        CHECK_MESSAGE(check.feasible(), (check.feasible() ? "" : to_string(check.violations.front())));
        kept += check.feasible();
    }
    return kept;
}

int line_rows(const Instance& in, const Schedule& plan) {
    int rows = 0;
    for (const Row& row : plan.rows) rows += !in.is_mixer(row.resource);
    return rows;
}
}  // namespace

TEST_CASE("pipelined start: every variant's plan keeps every rule, over the generator's options") {
    std::vector<GeneratorOptions> kinds(8);
    kinds[0].load = 1.2;
    kinds[1].load = 0.9, kinds[1].due = true;
    kinds[2].load = 1.1, kinds[2].matrix = true, kinds[2].outages = 2;
    kinds[3].load = 1.0, kinds[3].eligible = 0.6;
    kinds[4].load = 1.2, kinds[4].due = true, kinds[4].due_hard = 0.3, kinds[4].matrix = true, kinds[4].outages = 1,
    kinds[4].eligible = 0.7;
    kinds[5].load = 1.3, kinds[5].mixers = 3, kinds[5].lines = 8, kinds[5].skus = 40;
    // max_hold: every row's paste still fresh when the row takes it.
    kinds[6].load = 1.1, kinds[6].max_hold = 72;
    kinds[7].load = 1.2, kinds[7].max_hold = 168, kinds[7].due = true, kinds[7].eligible = 0.8, kinds[7].matrix = true;
    int plans = 0;
    for (std::uint64_t seed = 1; seed <= 2; ++seed)
        for (GeneratorOptions g : kinds) {
            g.seed = seed;
            const Instance in = generated(g);
            REQUIRE(pipelined_start_applies(in));
            CAPTURE(seed);
            plans += variants_keeping_rules(in);
        }
    CHECK(plans == 2 * 8 * 4);  // four variants on soft plants
}

TEST_CASE("pipelined start: where demand may stay unmet (soft, or the relaxed copy of a hard plant)") {
    GeneratorOptions g;
    g.load = 0.8;
    Instance hard = parse_instance(generate_instance(g).yaml, "hard");
    CHECK_FALSE(pipelined_start_applies(hard));
    hard.relax_hard_demand = true;
    CHECK(pipelined_start_applies(hard));
    CHECK(pipeline_variants(hard).size() == 8);
    CHECK(pipelined_start_applies(generated(g)));
    g.max_hold = 48;
    CHECK(pipelined_start_applies(generated(g)));
}

TEST_CASE("pipelined start: a frozen past is kept, and its rows' paste and units count") {
    // over-1.1-3 of overload.sh, the insertion greedy's plan frozen before T
    // (what `review --write-instance` writes): nothing new starts before T,
    // the fixed spare blocks' periods get no other, fixed mixer rows' lots
    // feed the new rows, and the fixed line rows' units are not made twice.
    GeneratorOptions g;
    g.seed = 7003;
    g.load = 1.1;
    const Instance in = generated(g);
    GreedyOptions insertion_only;
    insertion_only.pipelined = false;
    const GreedyResult previous = backward_greedy(in, insertion_only);
    REQUIRE(previous.schedule);
    for (int freeze_until : {100, 300}) {
        CAPTURE(freeze_until);
        const Instance frozen = freeze_previous_plan(in, *previous.schedule, freeze_until, "previous").instance;
        REQUIRE(!frozen.fixed_rows.empty());
        REQUIRE(pipelined_start_applies(frozen));
        CHECK(variants_keeping_rules(frozen) == static_cast<int>(pipeline_variants(frozen).size()));
        const Starts starts = both_starts(frozen);
        CAPTURE(starts.insertion.objective.total);
        CAPTURE(starts.pipelined.objective.total);
        // Measured: T = 100 63704.10 against 41705.80; T = 300 48697.50 against
        // 46678.40 (the frozen 300 hours are the insertion greedy's own rows).
        CHECK(starts.pipelined.objective.total < (freeze_until == 100 ? 0.8 : 1.0) * starts.insertion.objective.total);
    }
}

TEST_CASE("pipelined start: with max_hold each row's paste is made within it, and the start beats the insertion greedy") {
    // makepack generate --seed 8101 --load 1.0 --soft --max-hold 96: the
    // insertion greedy's best start 28305.90, the pipeline's 12419.43 (measured);
    // before the pipeline timed mixer rows by max_hold, each of its plans here
    // broke the material rule (scrapped lots).
    GeneratorOptions g;
    g.seed = 8101;
    g.load = 1.0;
    g.max_hold = 96;
    const Instance in = generated(g);
    CHECK(variants_keeping_rules(in) == static_cast<int>(pipeline_variants(in).size()));
    const Starts starts = both_starts(in);
    CHECK(starts.pipelined.objective.total < 0.6 * starts.insertion.objective.total);
}

TEST_CASE("pipelined start: with a storage limit each row is kept only where the totes hold, halved else") {
    // makepack generate --seed 2 --load 1.1 --storage 0.5 --due --soft: the
    // insertion greedy's best start 51439.58, the pipeline's 20038.85; and
    // --seed 8202 --load 1.1 --storage 0.3 --soft, where no pipelined plan
    // kept the limit before rows were checked against it: 50199.94 against
    // 31169.23 (measured).
    for (const auto& [seed, storage, due] : {std::tuple{2, 0.5, true}, std::tuple{8202, 0.3, false}}) {
        CAPTURE(seed);
        GeneratorOptions g;
        g.seed = static_cast<std::uint64_t>(seed);
        g.load = 1.1;
        g.storage = storage;
        g.due = due;
        const Instance in = generated(g);
        REQUIRE(pipelined_start_applies(in));
        int kept = 0;
        const PlantTimeline calendar = calendar_of(in);
        for (const PipelineVariant& variant : pipeline_variants(in))
            if (const auto plan = pipelined_start(calendar, variant)) kept += check_schedule(in, *plan, CheckOptions{false}).feasible();
        CHECK(kept == static_cast<int>(pipeline_variants(in).size()));
        const Starts starts = both_starts(in);
        CHECK(starts.pipelined.objective.total < 0.8 * starts.insertion.objective.total);
    }
}

TEST_CASE("pipelined start: an overloaded plant packs more than the insertion greedy, in few long rows") {
    // over-1.1-3 of bench/feasibility/overload.sh: the lines bind (load 1.1).
    GeneratorOptions g;
    g.seed = 7003;
    g.load = 1.1;
    const Instance in = generated(g);
    const Starts starts = both_starts(in);
    const CheckResult& a = starts.insertion;
    const CheckResult& b = starts.pipelined;
    CAPTURE(a.objective.unmet);
    CAPTURE(b.objective.unmet);
    // Measured: 4,302,094 units unmet against 2,860,000 (objective 45445.04 against 29631.20).
    CHECK(b.objective.unmet < 0.8 * a.objective.unmet);
    CHECK(b.objective.total < 0.8 * a.objective.total);
    // 32 SKUs on 6 lines: about one row per SKU, a starter row per line and a
    // few SKUs split where a line is full or a spare block falls.
    CHECK(line_rows(in, starts.plan) <= 32 + 2 * 6);
}

TEST_CASE("pipelined start: the units min_fill makes hard are given lines first and room on them") {
    // over-1.3-1 of overload.sh with min_fill 0.5 / 0.8 / 1.0 on 16 of its 32
    // SKUs (37 % of the demand hard). Before, the price order left such SKUs
    // unallocated: the start was 861,000 hard units short (measured); now the
    // min_fill units are allocated in a first pass and later rows' hard units
    // keep their room on the line: 188,000 short (the waits for paste cut
    // two rows; the search packs them). Every other rule is kept.
    GeneratorOptions g;
    g.seed = 7001;
    g.load = 1.3;
    Instance in = generated(g);
    const double shares[] = {0.5, 0.8, 1.0};
    for (int k = 0; k < in.num_skus(); k += 2) in.products[in.num_pastes + k].min_fill = shares[k % 3];
    const PlantTimeline calendar = calendar_of(in);
    double least_short = 1e18;
    for (const PipelineVariant& variant : pipeline_variants(in)) {
        const std::optional<Schedule> plan = pipelined_start(calendar, variant);
        REQUIRE(plan);
        const CheckResult check = check_schedule(in, *plan, CheckOptions{false});
        for (const Violation& violation : check.violations) CHECK_MESSAGE(violation.rule == "demand", to_string(violation));
        std::vector<std::int64_t> packed(in.products.size(), 0);
        for (const Row& row : plan->rows) packed[row.product] += in.is_mixer(row.resource) ? 0 : row.amount;
        double short_units = 0;
        for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s)
            short_units += static_cast<double>(std::max<std::int64_t>(0, in.required_units(s) - packed[s]));
        least_short = std::min(least_short, short_units);
    }
    CAPTURE(least_short);
    CHECK(least_short <= 250000);
}

TEST_CASE("pipelined start: on a hard plant the start cannot pack, its relaxed copy's start leaves fewer units short") {
    // makepack generate --seed 8301 --load 0.95 --storage 0.4 (hard): on the
    // relaxed copy the insertion greedy leaves 3,004,380 units short, the
    // pipeline 978,000 (measured; the rule portfolio's best was 2,525,500).
    GeneratorOptions g;
    g.seed = 8301;
    g.load = 0.95;
    g.storage = 0.4;
    Instance in = parse_instance(generate_instance(g).yaml, "hard-8301");
    in.relax_hard_demand = true;
    const Starts starts = both_starts(in);  // plans of the relaxed copy: units short are counted, not forbidden
    CAPTURE(starts.insertion.objective.shortfall);
    CAPTURE(starts.pipelined.objective.shortfall);
    CHECK(starts.pipelined.objective.shortfall < 0.6 * starts.insertion.objective.shortfall);
}
