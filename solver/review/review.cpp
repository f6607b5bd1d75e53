#include "solver/review/review.hpp"

#include "heuristics/backward_greedy.hpp"
#include "heuristics/calendar_blocks.hpp"
#include "heuristics/operators/repair_steps.hpp"
#include "heuristics/search_state.hpp"
#include "heuristics/timeline.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/input_error.hpp"
#include "model/io_yaml.hpp"
#include "model/schedule_io.hpp"
#include "model/rules/rule_context.hpp"
#include "solver/search/parallel_search.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace makepack {

namespace {

bool is_solver_kind(BlockKind kind) { return kind == BlockKind::Maintenance || kind == BlockKind::SpareCapacity; }

std::string interval(int start, int end) { return "[" + std::to_string(start) + ", " + std::to_string(end) + ")"; }

// "M5 P3 x2 batches [320, 344)".
std::string describe(const Instance& in, const Row& row) {
    const bool mixer = in.is_mixer(row.resource);
    return in.resources[row.resource].id + " " + in.products[row.product].id + " x" + std::to_string(row.amount) +
           (mixer ? " batches " : " units ") + interval(row.start, row.end);
}

std::string describe(const Instance& in, const Block& block) {
    return std::string(to_string(block.kind)) + " " + in.resources[block.resource].id + " " +
           interval(block.start, block.end);
}

const Outage* overlapping_outage(const Instance& in, int resource, int start, int end) {
    for (const Outage& o : in.resources[resource].calendar.outages)
        if (o.start < end && start < o.end) return &o;
    return nullptr;
}

std::string outage_text(const Instance& in, int resource, const Outage& o) {
    return "the outage " + interval(o.start, o.end) + " on " + in.resources[resource].id +
           (o.reason.empty() ? std::string() : " (" + o.reason + ")");
}

auto row_key(const Row& r) { return std::tie(r.resource, r.product, r.start, r.amount); }

}  // namespace

// --- the frozen instance -------------------------------------------------------

ReviewInput freeze_previous_plan(const Instance& instance, const Schedule& previous, int t0,
                                 const std::string& previous_name) {
    if (t0 < 0 || t0 > instance.horizon)
        throw std::invalid_argument("the freeze time " + std::to_string(t0) + " is not in [0, " +
                                    std::to_string(instance.horizon) + "], the horizon of " + instance.name);
    if (instance.frozen_until > 0 || !instance.fixed_rows.empty() || !instance.fixed_blocks.empty())
        throw InputError(instance.source, 0, 0, instance.fixed_rows.empty() && instance.fixed_blocks.empty() ? "frozen_until" : "fixed",
                         "the instance of a review must be the plain data of the new horizon, without "
                         "frozen_until or fixed items: the review fixes what the previous plan starts before "
                         "--freeze-until itself");
    ReviewInput input{instance, {}};
    Instance& in = input.instance;
    in.frozen_until = t0;
    const std::string why_fixed = " (it starts before the freeze time " + std::to_string(t0) + ", so it is fixed)";
    auto fail = [&](const std::string& field, const std::string& message) {
        throw InputError(previous_name, 0, 0, field, message);
    };

    std::vector<Row> after;
    for (std::size_t i = 0; i < previous.rows.size(); ++i) {
        Row row = previous.rows[i];
        const std::string field = "rows[" + std::to_string(i) + "]";
        if (row.start >= t0) {
            after.push_back(row);
            continue;
        }
        const std::string what = "fixed row " + describe(in, row) + why_fixed;
        if (row.amount < 1) fail(field, what + " has an amount below 1");
        if (!in.eligible(row.product, row.resource))
            fail(field, what + ": " + in.products[row.product].id + " cannot run on " + in.resources[row.resource].id +
                            " in " + in.name);
        if (row.start < 0) fail(field, what + " starts before 0");
        const int end = in.row_end(row);
        if (end != row.end)
            fail(field, what + " ends at " + std::to_string(end) + " under the calendar of " + in.name +
                            ", not at its stated end " + std::to_string(row.end));
        if (end > in.horizon) fail(field, what + " ends after the horizon " + std::to_string(in.horizon));
        if (const Outage* o = overlapping_outage(in, row.resource, row.start, end))
            fail(field, what + " overlaps " + outage_text(in, row.resource, *o) +
                            ": a fixed item that overlaps an outage is an input error (MODEL.md 6); review with a "
                            "freeze time at or before " + std::to_string(row.start) +
                            " so that the row is re-planned, or correct the outage");
        // Every row is followed by a changeover; if even the shortest one runs
        // into an outage, no plan can keep the row.
        const int changeover = min_changeover_after(in, row.product);
        const int changeover_end = in.end_after(row.resource, end, changeover);
        if (changeover > 0)
            if (const Outage* o = overlapping_outage(in, row.resource, end, changeover_end))
                fail(field, what + ": its changeover (at least " + std::to_string(changeover) + " h, " +
                                interval(end, changeover_end) + ") overlaps " + outage_text(in, row.resource, *o) +
                                "; review with a freeze time at or before " + std::to_string(row.start) +
                                " so that the row is re-planned, or correct the outage");
        in.fixed_rows.push_back(row);
    }
    in.previous_rows = std::move(after);

    for (std::size_t i = 0; i < previous.blocks.size(); ++i) {
        const Block& block = previous.blocks[i];
        if (!is_solver_kind(block.kind)) continue;  // derived or instance data: re-derived, not kept
        if (block.start >= t0) {
            input.previous_blocks.push_back(block);
            continue;
        }
        const std::string field = "blocks[" + std::to_string(i) + "]";
        const std::string what = "fixed " + describe(in, block) + why_fixed;
        if (block.start < 0) fail(field, what + " starts before 0");
        if (block.end > in.horizon) fail(field, what + " ends after the horizon " + std::to_string(in.horizon));
        if (const Outage* o = overlapping_outage(in, block.resource, block.start, block.end))
            fail(field, what + " overlaps " + outage_text(in, block.resource, *o) +
                            ": a fixed item that overlaps an outage is an input error (MODEL.md 6); review with a "
                            "freeze time at or before " + std::to_string(block.start) + ", or correct the outage");
        in.fixed_blocks.push_back(block);
    }
    return input;
}

// --- plan stability --------------------------------------------------------------

PlanStability compare_plans(const Instance& frozen, const Schedule& plan) {
    PlanStability s;
    if (!frozen.previous_rows) return s;
    std::vector<Row> before = *frozen.previous_rows;
    std::vector<Row> now;
    for (const Row& row : plan.rows)
        if (row.start >= frozen.frozen_until) now.push_back(row);
    s.previous = static_cast<int>(before.size());
    const auto less = [](const Row& a, const Row& b) { return row_key(a) < row_key(b); };
    std::sort(before.begin(), before.end(), less);
    std::sort(now.begin(), now.end(), less);
    std::map<int, std::pair<int, int>> unmatched;  // product -> (previous rows, new rows)
    std::size_t i = 0, j = 0;
    while (i < before.size() || j < now.size()) {
        if (j == now.size() || (i < before.size() && less(before[i], now[j]))) {
            ++unmatched[before[i++].product].first;
        } else if (i == before.size() || less(now[j], before[i])) {
            ++unmatched[now[j++].product].second;
        } else {
            ++s.kept;
            ++i;
            ++j;
        }
    }
    for (const auto& [product, counts] : unmatched) {
        const int moved = std::min(counts.first, counts.second);
        s.moved += moved;
        s.removed += counts.first - moved;
        s.added += counts.second - moved;
    }
    return s;
}

// --- the warm start ----------------------------------------------------------------

namespace {

// Blocks of the previous plan from T on that still fit the new instance next
// to the fixed items: spare blocks of the right length, one per full period
// without a fixed one; maintenance blocks while their chain still holds.
std::vector<Block> keep_previous_blocks(const ReviewInput& input, PlantTimeline& timeline) {
    const Instance& in = input.instance;
    std::vector<Block> previous = input.previous_blocks;
    std::sort(previous.begin(), previous.end(),
              [](const Block& a, const Block& b) { return std::tie(a.resource, a.start) < std::tie(b.resource, b.start); });
    std::vector<Block> kept;
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r) {
        const ResourceCalendar& calendar = in.resources[r].calendar;
        if (const auto& spare = calendar.spare) {
            std::vector<int> taken;  // periods with a spare block
            for (const Block& b : in.fixed_blocks)
                if (b.resource == r && b.kind == BlockKind::SpareCapacity) taken.push_back(b.start / spare->every);
            for (const Block& b : previous) {
                if (b.resource != r || b.kind != BlockKind::SpareCapacity) continue;
                const int period = b.start / spare->every;
                const int period_end = (period + 1) * spare->every;
                if (b.end - b.start != spare->duration || b.end > period_end || period_end > in.horizon) continue;
                if (std::find(taken.begin(), taken.end(), period) != taken.end()) continue;
                if (!timeline.add_block(b)) continue;
                taken.push_back(period);
                kept.push_back(b);
            }
        }
        if (const auto& m = calendar.maintenance) {
            std::vector<Block> fixed;
            for (const Block& b : in.fixed_blocks)
                if (b.resource == r && b.kind == BlockKind::Maintenance) fixed.push_back(b);
            std::sort(fixed.begin(), fixed.end(), [](const Block& a, const Block& b) { return a.start < b.start; });
            int due = m->first_due();
            for (const Block& b : fixed)
                if (b.start <= due) due = b.start + m->every;
            for (const Block& b : previous) {
                if (b.resource != r || b.kind != BlockKind::Maintenance) continue;
                // The first one that breaks the chain ends the reuse: the rest is re-placed.
                if (b.end - b.start != m->duration || b.end > in.horizon || b.start > due) break;
                if (!timeline.add_block(b)) break;
                kept.push_back(b);
                due = b.start + m->every;
            }
        }
    }
    return kept;
}

// Rows of the previous plan from T on that fit exactly where they were.
std::vector<Row> keep_previous_rows(const Instance& in, PlantTimeline& timeline) {
    std::vector<Row> previous = in.previous_rows.value_or(std::vector<Row>{});
    std::sort(previous.begin(), previous.end(),
              [](const Row& a, const Row& b) { return std::tie(a.start, a.resource) < std::tie(b.start, b.resource); });
    std::vector<Row> kept;
    for (const Row& row : previous) {
        if (row.amount < 1 || !in.eligible(row.product, row.resource) || row.start < in.frozen_until) continue;
        const int deadline = in.deadline(row.product);
        const int work = in.work(row);
        const auto slot = timeline.earliest_slot(row.resource, row.product, work, row.start, deadline);
        if (!slot) continue;
        // A row may start inside a shift break (MODEL.md 9.1): the slot then
        // begins at the break's end, and the hours before it must be free.
        const bool fits = slot->start == row.start ||
                          (slot->start > row.start && timeline.is_free(row.resource, row.start, slot->start) &&
                           in.end_after(row.resource, row.start, work) == slot->end);
        if (!fits) continue;
        const int k = timeline.insert_row(Row{row.resource, row.product, row.amount, row.start, 0},
                                          Slot{row.resource, row.start, slot->end, 0, 0});
        kept.push_back(timeline.rows()[k]);
    }
    return kept;
}

// One attempt: the kept items as fixed ones of a scratch instance (so the
// calendar placement works around them), optionally the previous rows that
// still fit after the calendar blocks, then close_plan on the frozen instance.
std::optional<Schedule> complete(const ReviewInput& input, const std::vector<Block>& blocks,
                                 const std::vector<Row>& rows, bool then_previous_rows, std::string& why) {
    const Instance& in = input.instance;
    Instance scratch = in;
    scratch.previous_rows.reset();
    scratch.fixed_blocks.insert(scratch.fixed_blocks.end(), blocks.begin(), blocks.end());
    scratch.fixed_rows.insert(scratch.fixed_rows.end(), rows.begin(), rows.end());
    PlantTimeline with_blocks(scratch);
    if (std::string failure = place_calendar_blocks(with_blocks); !failure.empty()) {
        why = failure;
        return std::nullopt;
    }
    if (then_previous_rows) keep_previous_rows(in, with_blocks);
    const RuleContext context(in);
    SearchState state(context, PlantTimeline::from_schedule(in, with_blocks.to_schedule()));
    for (int p = 0; p < in.num_pastes; ++p) state.request_repair(p);  // trim surplus of every paste
    if (!ops::close_plan(state)) {
        why = "the demand or its paste cannot be placed around the kept rows";
        return std::nullopt;
    }
    Schedule plan = state.to_schedule();
    plan.instance_name = in.name;
    const CheckResult check = check_schedule(in, plan, CheckOptions{false, 1});
    if (!check.feasible()) {
        why = "the completed plan breaks a rule: " + to_string(check.violations.front());
        return std::nullopt;
    }
    return plan;
}

}  // namespace

std::optional<Schedule> warm_start(const ReviewInput& input, std::string& why, int* rows_kept, int* rows_dropped) {
    const Instance& in = input.instance;
    PlantTimeline timeline(in);
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r)
        for (const Outage& outage : in.resources[r].calendar.outages)
            timeline.add_block(Block{r, BlockKind::Outage, outage.start, outage.end});
    for (const Block& block : in.fixed_blocks)
        if (is_solver_kind(block.kind) && !timeline.add_block(block)) {
            why = "fixed " + describe(in, block) + " overlaps another fixed item";
            return std::nullopt;
        }
    for (const Row& row : in.fixed_rows) timeline.insert_row(row, Slot{row.resource, row.start, row.end, 0, 0});
    const std::vector<Block> blocks = keep_previous_blocks(input, timeline);
    const std::vector<Row> rows = keep_previous_rows(in, timeline);

    // 1. The rows where they were, the missing calendar blocks around them.
    std::optional<Schedule> plan = complete(input, blocks, rows, false, why);
    if (!plan && !rows.empty()) {
        // 2. The kept rows leave no room for a calendar block (an outage took
        // the time it had) or for the demand: the calendar blocks first, then
        // the rows that still fit.
        std::string second;
        plan = complete(input, blocks, {}, true, second);
        if (!plan) {
            // 3. Every row from T on re-planned, around the kept blocks.
            std::string third;
            plan = complete(input, blocks, {}, false, third);
            if (!plan) why += "; calendar blocks first: " + second + "; without the previous rows: " + third;
        }
    }
    if (plan) {
        why.clear();
        const PlanStability s = compare_plans(in, *plan);
        if (rows_kept) *rows_kept = s.kept;
        if (rows_dropped) *rows_dropped = s.previous - s.kept;
    }
    return plan;
}

// --- the review --------------------------------------------------------------------

ReviewOutcome review_plan(const ReviewInput& input, const ReviewOptions& options) {
    const Instance& in = input.instance;
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    ReviewOutcome outcome;

    std::string why;
    std::optional<Schedule> start = warm_start(input, why, &outcome.warm_rows_kept, &outcome.warm_rows_dropped);
    if (start) {
        outcome.start_method = "warm start from the previous plan";
    } else {
        outcome.warm_failure = why;
        if (options.progress) options.progress("the warm start failed (" + why + "); backward greedy on the frozen instance");
        GreedyOptions greedy;
        greedy.seed = options.seed;
        GreedyResult result = backward_greedy(in, greedy);
        if (!result.schedule) {
            outcome.failure = "the previous plan cannot be completed (" + why + ") and the backward greedy found no plan: " +
                              (result.failure.empty() ? std::string("no feasible schedule") : result.failure);
            outcome.seconds = elapsed();
            return outcome;
        }
        start = std::move(result.schedule);
        start->instance_name = in.name;
        outcome.start_method = "backward greedy (the warm start failed)";
    }
    const double start_total = check_schedule(in, *start, CheckOptions{false}).objective.total;
    outcome.start_objective = start_total;
    if (options.progress) {
        char line[200];
        std::snprintf(line, sizeof line, "%s: objective %.2f in %.3f s", outcome.start_method.c_str(), start_total,
                      elapsed());
        options.progress(line);
    }
    const double left = options.time_limit_seconds - elapsed();
    const bool counted = options.counted();
    const bool at_bound = options.lower_bound > 0 && start_total <= options.lower_bound + 1e-9;
    if ((!counted && left <= 0) || at_bound || (options.stop && options.stop->load())) {
        outcome.schedule = std::move(start);
        outcome.seconds = elapsed();
        return outcome;
    }

    SearchConfig config = options.search_config(left);
    if (options.lower_bound > 0 && !config.target) config.target = options.lower_bound;
    SearchResult search = parallel_search(in, *start, config);
    outcome.schedule = std::move(search.best);
    if (outcome.schedule->instance_name.empty()) outcome.schedule->instance_name = in.name;
    outcome.iterations = search.iterations;
    outcome.threads = config.threads;
    outcome.seconds = elapsed();
    return outcome;
}

// --- the self-contained instance ------------------------------------------------------

namespace {

std::string fixed_section(const Instance& frozen) {
    std::string out = "frozen_until: " + std::to_string(frozen.frozen_until) + "\nfixed:\n";
    out += frozen.fixed_rows.empty() ? "  rows: []\n" : "  rows:\n";
    for (Row row : frozen.fixed_rows) {
        row.end = frozen.row_end(row);
        out += "    - " + row_flow_map(frozen, row) + "\n";
    }
    out += frozen.fixed_blocks.empty() ? "  blocks: []\n" : "  blocks:\n";
    for (const Block& b : frozen.fixed_blocks) out += "    - " + block_flow_map(frozen, b) + "\n";
    return out;
}

// Top-level keys of the first document, in order ("" if not a mapping).
std::vector<std::string> root_keys(const std::string& text) {
    const io::Document doc = io::Document::parse(text, "instance");
    const io::Node root = doc.root();
    std::vector<std::string> keys;
    if (!root.is_map()) return keys;
    for (std::size_t i = 0; i < root.size(); ++i) keys.emplace_back(root.key(i).scalar());
    return keys;
}

}  // namespace

std::string frozen_instance_yaml(const std::string& instance_text, const Instance& frozen) {
    const std::vector<std::string> keys = root_keys(instance_text);
    if (keys.empty()) throw std::invalid_argument("the instance is not a YAML mapping");
    for (const std::string& key : keys)
        if (key == "frozen_until" || key == "fixed")
            throw std::invalid_argument("the instance already has `" + key +
                                        "`: a review takes the plain data of the new horizon");
    const std::string section = fixed_section(frozen);
    const std::string note = "\n# Rolling review (makepack review): the previous plan's rows and blocks that start\n"
                             "# before frozen_until, kept exactly (MODEL.md 6).\n";
    std::string appended = instance_text;
    if (!appended.empty() && appended.back() != '\n') appended += '\n';
    appended += note + section;
    std::vector<std::string> want = keys;
    want.push_back("frozen_until");
    want.push_back("fixed");
    try {
        if (root_keys(appended) == want) return appended;
    } catch (const InputError&) {
        // e.g. a flow-style root mapping or a document end marker: re-emit below
    }
    YAML::Node root = YAML::Load(instance_text);
    const YAML::Node extra = YAML::Load(section);
    root["frozen_until"] = extra["frozen_until"];
    root["fixed"] = extra["fixed"];
    YAML::Emitter out;
    out << root;
    return std::string(out.c_str()) + "\n";
}

}  // namespace makepack
