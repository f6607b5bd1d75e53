// The sequences part of the bound (docs/bound.md 9, model/bound/mixer_sequences.hpp):
// pastes made in one row on the same mixer wait for each other.
#include <doctest/doctest.h>

#include "model/bound/due_dates.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "solver/generate/generator.hpp"
#include "solver/solve/solve.hpp"
#include "tests/support/dispatch_plan.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include <string>
#include <vector>

using namespace makepack;

namespace {

// Two pastes of 4 batches (40 h) each, cheap on M1 and expensive on M2
// (downtime 1 per hour), each for one SKU due at 41 that packs in 1 h.
Instance two_campaigns(const std::string& extra = "") {
    return parse_instance(R"(name: two-campaigns
horizon: 100
objective: {downtime: 1, changeover: 1, lateness: 1}
mixers: [{id: M1, batch_size: 10}, {id: M2, batch_size: 10}]
lines: [{id: L1, rate: 40}, {id: L2, rate: 40}]
pastes:
  - {id: A, batch_hours: {M1: 10, M2: 10}, downtime: {M1: 0, M2: 1}}
  - {id: B, batch_hours: {M1: 10, M2: 10}, downtime: {M1: 0, M2: 1}}
skus:
  - {id: a, paste: A, units_per_lb: 1, demand: 40, downtime: {L1: 0, L2: 0}, due: 41}
  - {id: b, paste: B, units_per_lb: 1, demand: 40, downtime: {L1: 0, L2: 0}, due: 41}
changeover: {mixers: 5, lines: 1}
)" + extra,
                          "two-campaigns");
}

// The objective of solve's plan (one thread, seed 3), checked feasible.
double solved_objective(const Instance& in) {
    SolveOptions options;
    options.threads = 1, options.seed = 3, options.iterations = 3000, options.time_limit_seconds = 5;
    const SolveOutcome solved = solve_instance(in, options);
    REQUIRE(solved.schedule);
    const CheckResult c = check_schedule(in, *solved.schedule);
    REQUIRE(c.feasible());
    return c.objective.total;
}

}  // namespace

TEST_CASE("sequences: two one-row pastes on one mixer, hand-computed") {
    // Campaigns (section 6) lets A and B each take one row on M1 (5 h of
    // changeover each, ready at 40, packed by 41: on time): mixers 10, lines
    // 2 (one line changeover per SKU), 12 in all, no more than the stages' parts. On M1 one of the two rows
    // comes second: it ends at 40 + 5 + 40 = 85 and its SKU 45 h late. So one
    // paste takes its row on M2 (40 downtime more), or two rows (10 h of
    // changeover, the fractional work on M1, both mixers could make it by 20:
    // on time): the cheapest is A in one row on M1 (5) and B in two rows (10).
    const Instance in = two_campaigns();
    const LowerBound b = compute_lower_bound(in);
    CHECK_FALSE(b.campaigns.has_value());  // no one-row pattern is late alone
    REQUIRE(b.stagewise.has_value());
    CHECK(*b.stagewise == doctest::Approx(10 + 2));
    REQUIRE(b.sequences.has_value());
    CHECK(b.sequence_mixers == doctest::Approx(5 + 10));
    CHECK(*b.sequences == doctest::Approx(15 + 2));
    CHECK(b.bound == doctest::Approx(17));
    CHECK(b.used == "mixers: sequences, lines: capacitated");

    // The bound is below solve's plan (e.g. A on M1 [0, 40), B on M2 [0, 40),
    // both packed in [40, 41): 5 + 5 + 40 + 1 + 1 = 52).
    CHECK(b.bound <= solved_objective(in) + 1e-9);
}

TEST_CASE("sequences: the spare block of a full period lies before a row ending after it") {
    // A spare block of 5 h in every 50 h: a row ending after 50 has the block
    // of [0, 50) before it. B second on M1 then ends at 85 + 5 = 90 (the block
    // of [50, 100) needs a full period ending by the row's end: not counted).
    // Nothing changes the choice (B still takes two rows), only the table:
    // one row of A alone on M1 ends at 40 (the block can follow it, by 50).
    // M1's 90 available hours are exactly two rows and their changeovers, so
    // the capacity LP prices them (degenerate duals); the part also ascends at
    // price 0, where it finds 15 again.
    const Instance in = two_campaigns("calendar: {mixers: {spare_capacity: {every: 50, duration: 5}}}\n");
    std::vector<double> need(in.products.size(), 0.0);
    need[0] = need[1] = 40, need[2] = need[3] = 40;
    const std::vector<PasteLateness> late = paste_lateness(in, need);
    REQUIRE(late.size() == 2);
    CHECK(late[0].one_row[40] == doctest::Approx(0));   // packed in [40, 41)
    CHECK(late[0].one_row[90] == doctest::Approx(50));  // packed in [90, 91)
    CHECK(late[0].several == doctest::Approx(0));
    const LowerBound b = compute_lower_bound(in);
    REQUIRE(b.sequences.has_value());
    CHECK(b.sequence_mixers == doctest::Approx(15));
}

TEST_CASE("sequences: the one-row lateness table agrees with the earliest packing end") {
    // paste_lateness sweeps E with prefix sums; each entry is the campaigns
    // value of section 6 at that end (shift breaks on the lines).
    const Instance in = two_campaigns("calendar: {lines: {shift_break: {every: 12, duration: 1, offset: 0}}}\n");
    std::vector<double> need(in.products.size(), 0.0);
    need[0] = need[1] = 40, need[2] = need[3] = 40;
    const std::vector<PasteLateness> late = paste_lateness(in, need);
    for (int e = 0; e <= in.horizon; ++e) {
        CAPTURE(e);
        const int packed = earliest_packing_end(in, 2, 40, e);
        CHECK(late[0].one_row[static_cast<std::size_t>(e)] == doctest::Approx(std::max(0, packed - 41)));
    }
}

TEST_CASE("joint sequences: a SKU's one line row waits for all of its paste, hand-computed") {
    // Paste A: 4 batches of 10 h (40 lbs) on M1 or M2, no downtime, changeover
    // 5. SKU a: 40 units due at 45, on L1 (rate 2: 20 h, no downtime) or L2
    // (rate 40: 1 h, downtime 1 per hour, weight 10); line changeover 5. The lines'
    // trivial part is 5 (one row on L1), the mixers' 5 (one row): 10. The
    // sequences part sees A's one row end at 40 and a packed by 41 on both
    // lines pooled: on time, 10 too. Jointly: after a row ending at 40, a's
    // one row on L1 ends at 60 (15 late), on L2 costs 10 more, two rows or
    // more 5 more (a second changeover): so A in one row costs 5 + 5 above the
    // lines' trivial part; A in two rows (10: the mixers pooled make it by 20,
    // a on L1 by 40, on time) 10 as well. Bound 10 + 5 = 15, the optimum (A
    // in two rows of 2 batches on M1 and M2, a on L1 in [20, 40)).
    const Instance in = parse_instance(R"(name: joint
horizon: 100
objective: {downtime: 10, changeover: 1, lateness: 1}
mixers: [{id: M1, batch_size: 10}, {id: M2, batch_size: 10}]
lines: [{id: L1, rate: 2}, {id: L2, rate: 40}]
pastes:
  - {id: A, batch_hours: {M1: 10, M2: 10}, downtime: {M1: 0, M2: 0}}
skus:
  - {id: a, paste: A, units_per_lb: 1, demand: 40, downtime: {L1: 0, L2: 1}, due: 45}
changeover: {mixers: 5, lines: 5}
)",
                                       "joint");
    const LowerBound b = compute_lower_bound(in);
    REQUIRE(b.sequences.has_value());
    CHECK(*b.sequences == doctest::Approx(10));
    REQUIRE(b.joint_sequences.has_value());
    CHECK(*b.joint_sequence_part == doctest::Approx(10));
    CHECK(*b.joint_sequences == doctest::Approx(15));
    CHECK(b.bound == doctest::Approx(15));
    CHECK(b.used == "joint sequences (mixers and line rows), lines: trivial");

    // The table behind it: A's one row ending at E; a on L1 from E ends at E + 20.
    std::vector<double> need(in.products.size(), 40.0);
    const std::vector<PasteLateness> late = paste_lateness(in, need, true);
    CHECK(late[0].one_row[20] == doctest::Approx(0));  // L1 in [20, 40): on time
    CHECK(late[0].one_row[30] == doctest::Approx(5));  // L1 ends at 50, or two rows (5 more), or L2 (10 more)
    CHECK(late[0].one_row[40] == doctest::Approx(5));
    CHECK(late[0].several == doctest::Approx(0));
    CHECK(paste_lateness(in, need)[0].one_row[40] == doctest::Approx(0));  // without the line rows

    CHECK(b.bound <= solved_objective(in) + 1e-9);
}

TEST_CASE("sequences: below every plan of generated plants with due dates and more pastes than mixers") {
    // Plants where one-row pastes compete for a mixer: 5-6 pastes on 2-3
    // mixers, due dates (some with storage and max_hold). The part must stay
    // below solve's plans and the dispatch rule's; count where it is the bound.
    // MAKEPACK_BOUND_CASES runs more plants.
    const char* cases_env = std::getenv("MAKEPACK_BOUND_CASES");
    const int cases = cases_env ? std::atoi(cases_env) : 12;
    int plans = 0, above_campaigns = 0, joint_above = 0;
    for (int i = 0; i < cases; ++i) {
        GeneratorOptions o;
        o.mixers = 2 + i % 2;
        o.lines = 2;
        o.pastes = 5 + i % 2;
        o.skus = 8;
        o.weeks = 1;
        o.seed = 7300 + static_cast<std::uint64_t>(i);
        o.load = 0.6 + 0.05 * (i % 6);
        o.due = true;
        if (i % 3 == 1) o.storage = 0.4;
        if (i % 4 == 2) o.max_hold = 72;
        o.name = "sequences" + std::to_string(i);
        CAPTURE(i);
        std::optional<Instance> in;
        try {
            in = parse_instance(generate_instance(o).yaml, o.name);
        } catch (const InputError&) {
            continue;  // demand the loader proves cannot fit
        }
        const LowerBound b = compute_lower_bound(*in);
        if (!b.sequences) continue;
        if (*b.sequences > b.campaigns.value_or(0) + 1e-6 && *b.sequences > b.stagewise.value_or(0) + b.lateness + 1e-6)
            ++above_campaigns;
        if (b.joint_sequences && *b.joint_sequences > *b.sequences + 1e-6) ++joint_above;
        std::vector<double> objectives;
        SolveOptions options;
        options.threads = 1, options.seed = 7, options.iterations = 300, options.time_limit_seconds = 5;
        if (const SolveOutcome s = solve_instance(*in, options); s.schedule)
            if (const CheckResult c = check_schedule(*in, *s.schedule); c.feasible()) objectives.push_back(c.objective.total);
        if (const dispatch::DispatchResult d = dispatch::dispatch_plan(*in); d.schedule)
            if (const CheckResult c = check_schedule(*in, *d.schedule); c.feasible()) objectives.push_back(c.objective.total);
        for (double objective : objectives) {
            CAPTURE(objective);
            CHECK(*b.sequences <= objective + 1e-6 * std::max(1.0, objective));
            if (b.joint_sequences) CHECK(*b.joint_sequences <= objective + 1e-6 * std::max(1.0, objective));
            ++plans;
        }
    }
    MESSAGE(plans << " plans compared, sequences above campaigns and the stages on " << above_campaigns
                  << " plants, joint sequences above sequences on " << joint_above);
    CHECK(plans >= cases);
}
