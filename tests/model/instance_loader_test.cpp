// Instance loader: the shipped instances load with their real facts, and every
// kind of bad input is an InputError at the right line, column and field.
#include "model/instance_loader.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace makepack {
namespace {
using fixtures::shipped;


int resource(const Instance& in, const char* id) {
    auto r = in.find_resource(id);
    REQUIRE(r.has_value());
    return *r;
}
int product(const Instance& in, const char* id) {
    auto p = in.find_product(id);
    REQUIRE(p.has_value());
    return *p;
}

// ---------------------------------------------------------------------------
// Shipped instances

TEST_CASE("oakhill-4w: the thesis plant, stage order and eligibility") {
    const Instance in = load_instance(shipped("oakhill-4w.yaml"));
    CHECK(in.name == "oakhill-4w");
    CHECK(in.source == shipped("oakhill-4w.yaml"));
    CHECK(in.start_date == "2023-01-01T00:00");
    CHECK(in.time_unit == "hour");
    CHECK(in.horizon == 672);
    CHECK(in.num_mixers == 6);
    CHECK(in.num_lines() == 6);
    CHECK(in.num_pastes == 14);
    CHECK(in.num_skus() == 32);
    for (int r = 0; r < in.num_mixers; ++r) CHECK(in.resources[static_cast<std::size_t>(r)].stage == Stage::Mixer);
    for (int r = in.num_mixers; r < 12; ++r) CHECK(in.resources[static_cast<std::size_t>(r)].stage == Stage::Line);
    CHECK(resource(in, "M1") == 0);
    CHECK(resource(in, "L1") == 6);
    CHECK(product(in, "P1") == 0);
    CHECK(product(in, "S1") == 14);
    CHECK(in.resources[static_cast<std::size_t>(resource(in, "L1"))].rate == 6000);
    CHECK(in.resources[static_cast<std::size_t>(resource(in, "M3"))].batch_size == 20000);

    const int p4 = product(in, "P4");
    CHECK(in.products[static_cast<std::size_t>(p4)].eligible == std::vector<int>{0, 1, 2, 3, 4, 5});
    CHECK(in.option(p4, resource(in, "M4"))->batch_hours == 14);
    CHECK(in.option(p4, resource(in, "M4"))->downtime == doctest::Approx(0.18));
    CHECK_FALSE(in.eligible(p4, resource(in, "L1")));

    // S6..S8 are filled with P4; SKU options carry the line rate.
    CHECK(in.products[static_cast<std::size_t>(p4)].skus ==
          std::vector<int>{product(in, "S6"), product(in, "S7"), product(in, "S8")});
    const int s7 = product(in, "S7");
    CHECK(in.products[static_cast<std::size_t>(s7)].paste == p4);
    CHECK(in.products[static_cast<std::size_t>(s7)].units_per_lb == 10);
    CHECK(in.products[static_cast<std::size_t>(s7)].demand == 500000);
    CHECK(in.option(s7, resource(in, "L6"))->rate == 4000);
    CHECK(in.option(s7, resource(in, "L4"))->downtime == doctest::Approx(0.18));

    // Constant changeovers: no matrix.
    CHECK(in.mixer_changeover.default_hours == 6);
    CHECK(in.mixer_changeover.hours.empty());
    CHECK(in.changeover(product(in, "S1"), product(in, "S2")) == 6);
    CHECK(in.changeover(p4, -1) == 6);

    // Stage calendars with the instance's since_last.
    const Resource& m2 = in.resources[static_cast<std::size_t>(resource(in, "M2"))];
    REQUIRE(m2.calendar.maintenance.has_value());
    CHECK(m2.calendar.maintenance->every == 336);
    CHECK(m2.calendar.maintenance->since_last == 24);
    CHECK_FALSE(m2.calendar.breaks.has_value());
    const Resource& l3 = in.resources[static_cast<std::size_t>(resource(in, "L3"))];
    REQUIRE(l3.calendar.breaks.has_value());
    CHECK(l3.calendar.breaks->every == 12);
    CHECK(l3.calendar.maintenance->since_last == 360);
    CHECK(l3.calendar.spare->duration == 14);
    // Working time follows the breaks: 11 hours of work from 1 end at 12, 12 hours at 14.
    CHECK(in.end_after(resource(in, "L3"), 1, 11) == 12);
    CHECK(in.end_after(resource(in, "L3"), 1, 12) == 14);
    CHECK(in.weights.downtime == 1);
    CHECK(in.weights.changeover == 1);
    CHECK(in.weights.lateness == 0);
    CHECK_FALSE(in.storage.has_value());
    CHECK(in.fixed_rows.empty());
}

TEST_CASE("oakhill-5w and oakhill-6w: growing reviews, the M5 breakdown") {
    const Instance five = load_instance(shipped("oakhill-5w.yaml"));
    CHECK(five.num_pastes == 18);
    CHECK(five.num_skus() == 41);

    const Instance six = load_instance(shipped("oakhill-6w.yaml"));
    CHECK(six.horizon == 1008);
    CHECK(six.num_pastes == 21);
    CHECK(six.num_skus() == 50);
    const Resource& m5 = six.resources[static_cast<std::size_t>(resource(six, "M5"))];
    REQUIRE(m5.calendar.outages.size() == 1);
    CHECK(m5.calendar.outages[0].start == 336);
    CHECK(m5.calendar.outages[0].end == 456);
    CHECK(m5.calendar.outages[0].reason == "breakdown");
    CHECK(six.resources[static_cast<std::size_t>(resource(six, "M4"))].calendar.outages.empty());
}

TEST_CASE("small-tight: per-resource override merged field by field") {
    const Instance in = load_instance(shipped("bench/small-tight.yaml"));
    const Resource& m1 = in.resources[static_cast<std::size_t>(resource(in, "M1"))];
    REQUIRE(m1.calendar.maintenance.has_value());
    CHECK(m1.calendar.maintenance->since_last == 112);
    CHECK(m1.calendar.maintenance->every == 336);   // kept from the stage calendar
    CHECK(m1.calendar.maintenance->duration == 8);  // kept from the stage calendar
    CHECK(m1.calendar.maintenance->first_due() == 224);
    CHECK(m1.calendar.spare->every == 168);          // untouched kind stays
    const Resource& l5 = in.resources[static_cast<std::size_t>(resource(in, "L5"))];
    CHECK(l5.calendar.maintenance->since_last == 505);
    CHECK(l5.calendar.maintenance->every == 672);
    CHECK(l5.calendar.breaks->duration == 1);
}

TEST_CASE("small-plant: max_hold, due dates, storage and lateness weight") {
    const Instance in = load_instance(shipped("bench/small-plant.yaml"));
    CHECK(in.products[static_cast<std::size_t>(product(in, "P1"))].max_hold == 168);
    CHECK(in.products[static_cast<std::size_t>(product(in, "S1"))].due == 234);
    CHECK_FALSE(in.products[static_cast<std::size_t>(product(in, "S1"))].due_hard);
    REQUIRE(in.storage.has_value());
    CHECK(in.storage->totes == 1166);
    CHECK(in.storage->tote_capacity == 2000);
    CHECK(in.storage->static_totes_per_running_line == 1);
    CHECK(in.weights.lateness == 1);
}

TEST_CASE("medium-plant: changeover matrices, partial eligibility, storage") {
    const Instance in = load_instance(shipped("bench/medium-plant.yaml"));
    CHECK(in.num_mixers == 12);
    CHECK(in.num_lines() == 12);
    CHECK(in.num_pastes == 60);
    CHECK(in.num_skus() == 200);
    REQUIRE(in.storage.has_value());
    CHECK(in.storage->totes == 2561);

    // Mixer pairs name pastes and are directed: P4 -> P1 is listed, P1 -> P4 too but different.
    CHECK(in.mixer_changeover.hours.size() == 60u * 60u);
    CHECK(in.changeover(product(in, "P4"), product(in, "P1")) == 9);
    CHECK(in.changeover(product(in, "P1"), product(in, "P4")) == 7);
    CHECK(in.changeover(product(in, "P1"), product(in, "P2")) == 6);  // unlisted: default
    CHECK(in.changeover(product(in, "P1"), -1) == 6);                  // last row: default
    // Line pairs name SKUs, local index = product index - num_pastes; A -> A may be listed.
    CHECK(in.line_changeover.size == 200);
    CHECK(in.changeover(product(in, "S1"), product(in, "S1")) == 3);
    CHECK(in.changeover(product(in, "S1"), product(in, "S3")) == 9);
    CHECK(in.changeover(product(in, "S1"), product(in, "S4")) == 6);

    // S1 lists L1-L6, L8, L11: ascending, without L7.
    const Product& s1 = in.products[static_cast<std::size_t>(product(in, "S1"))];
    std::vector<int> expected;
    for (const char* id : {"L1", "L2", "L3", "L4", "L5", "L6", "L8", "L11"}) expected.push_back(resource(in, id));
    CHECK(s1.eligible == expected);
    CHECK_FALSE(in.eligible(product(in, "S1"), resource(in, "L7")));
    CHECK(in.products[static_cast<std::size_t>(product(in, "P1"))].max_hold == 240);
}

TEST_CASE("medium and large load - large keeps its outages sorted per resource") {
    const Instance medium = load_instance(shipped("bench/medium.yaml"));
    CHECK(medium.num_skus() == 200);
    const Instance large = load_instance(shipped("bench/large.yaml"));
    CHECK(large.num_mixers == 30);
    CHECK(large.num_lines() == 40);
    CHECK(large.num_pastes == 250);
    CHECK(large.num_skus() == 1000);
    CHECK(large.line_changeover.hours.size() == 1000u * 1000u);
    const Resource& l12 = large.resources[static_cast<std::size_t>(resource(large, "L12"))];
    REQUIRE(l12.calendar.outages.size() == 1);
    CHECK(l12.calendar.outages[0].start == 1129);
    CHECK(l12.calendar.outages[0].end == 1241);
    const Resource& m1 = large.resources[static_cast<std::size_t>(resource(large, "M1"))];
    REQUIRE(m1.calendar.outages.size() == 1);
    CHECK(m1.calendar.outages[0].reason == "repair");
    CHECK(m1.calendar.maintenance->since_last == 67);
    for (const Product& p : large.products) {
        CHECK_FALSE(p.eligible.empty());
        CHECK(std::is_sorted(p.eligible.begin(), p.eligible.end()));
    }
}

// ---------------------------------------------------------------------------
// Features not in the shipped files

// A valid base: 2 mixers, 2 lines, 2 pastes, 2 SKUs over 100 hours.
const std::string kBase = R"(name: base
horizon: 100
mixers:
  - {id: M1, batch_size: 1000}
  - {id: M2, batch_size: 1000}
lines:
  - {id: L1, rate: 100}
  - {id: L2, rate: 50}
pastes:
  - {id: P1, batch_hours: {M1: 2}, downtime: {M1: 0.1}}
  - {id: P2, batch_hours: {M1: 3, M2: 4}, downtime: {M1: 0.2, M2: 0.3}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.2}}
  - {id: S2, paste: P2, units_per_lb: 2, demand: 500}
)";

// kBase with `from` (which must occur) replaced by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "test setup: '" << from << "' not in text");
    text.replace(at, from.size(), to);
    return text;
}
std::string plus(const std::string& extra) { return kBase + extra; }

TEST_CASE("base instance: defaults, implicit eligibility and stage order") {
    const Instance in = parse_instance(kBase, "base.yaml");
    CHECK(in.source == "base.yaml");
    CHECK(in.time_unit == "hour");
    const int s2 = product(in, "S2");
    // No downtime list: every line, downtime 0, the line's own rate.
    CHECK(in.products[static_cast<std::size_t>(s2)].eligible == std::vector<int>{2, 3});
    CHECK(in.option(s2, resource(in, "L2"))->downtime == 0);
    CHECK(in.option(s2, resource(in, "L2"))->rate == 50);
    CHECK(in.products[static_cast<std::size_t>(product(in, "P2"))].eligible == std::vector<int>{0, 1});
    CHECK(in.products[static_cast<std::size_t>(product(in, "P1"))].skus == std::vector<int>{product(in, "S1")});
    CHECK(in.mixer_changeover.default_hours == 0);
    CHECK(in.mixer_changeover.size == 2);
    CHECK(in.line_changeover.size == 2);
    CHECK_FALSE(in.demand_soft);
}

TEST_CASE("name defaults to the file stem") {
    const Instance in = parse_instance(with(kBase, "name: base\n", ""), "dir/plant-a.yaml");
    CHECK(in.name == "plant-a");
}

TEST_CASE("SKU rate override, due_hard default and SKU override, soft demand weights") {
    std::string text = with(kBase, "demand: 500}", "demand: 500, rate: {L2: 80}, due: 50, due_hard: false}");
    text = with(text, "demand: 1000,", "demand: 1000, due: 40,");
    text += "due_hard: true\ndemand_soft: true\nunmet_penalty: 7\nobjective: {lateness: 2, holding: 0.5}\n";
    const Instance in = parse_instance(text, "t.yaml");
    const int s1 = product(in, "S1");
    const int s2 = product(in, "S2");
    CHECK(in.option(s2, resource(in, "L2"))->rate == 80);
    CHECK(in.option(s2, resource(in, "L1"))->rate == 100);
    CHECK(in.products[static_cast<std::size_t>(s1)].due_hard);         // instance default
    CHECK_FALSE(in.products[static_cast<std::size_t>(s2)].due_hard);   // the SKU wins
    CHECK(in.demand_soft);
    CHECK(in.weights.unmet == 7);  // no objective.unmet: the penalty (MODEL.md 9.10)
    CHECK(in.weights.lateness == 2);
    CHECK(in.weights.holding == 0.5);
    CHECK(in.weights.downtime == 1);

    const Instance wins = parse_instance(with(text, "lateness: 2", "lateness: 2, unmet: 3"), "t.yaml");
    CHECK(wins.weights.unmet == 3);
}

TEST_CASE("calendar: kind null removes a kind, overrides add outages, stage outages apply to all") {
    const std::string text = plus(R"(calendar:
  lines: {shift_break: {every: 12, duration: 2, offset: 13}, spare_capacity: {every: 50, duration: 5},
          outages: [{start: 90, end: 95, reason: holiday}]}
  mixers: {maintenance: {every: 40, duration: 3}}
  L2: {shift_break: null, outages: [{start: 10, end: 20}]}
  M2: {maintenance: {since_last: 40}}
  outages:
    - {resource: L2, start: 5, end: 8, reason: repair}
)");
    const Instance in = parse_instance(text, "t.yaml");
    const Resource& l1 = in.resources[static_cast<std::size_t>(resource(in, "L1"))];
    const Resource& l2 = in.resources[static_cast<std::size_t>(resource(in, "L2"))];
    REQUIRE(l1.calendar.breaks.has_value());
    CHECK(l1.calendar.breaks->offset == 1);  // 13 mod 12: the same breaks (MODEL.md 9.17)
    CHECK(l1.working.in_break(1));
    CHECK(l1.working.in_break(2));
    CHECK_FALSE(l1.working.in_break(3));
    CHECK_FALSE(l2.calendar.breaks.has_value());
    CHECK_FALSE(l2.working.has_breaks());
    CHECK(l2.calendar.spare->every == 50);
    REQUIRE(l2.calendar.outages.size() == 3);  // stage + own + listed, sorted by start
    CHECK(l2.calendar.outages[0].start == 5);
    CHECK(l2.calendar.outages[0].reason == "repair");
    CHECK(l2.calendar.outages[1].start == 10);
    CHECK(l2.calendar.outages[2].start == 90);
    CHECK(l1.calendar.outages.size() == 1);
    const Resource& m2 = in.resources[static_cast<std::size_t>(resource(in, "M2"))];
    CHECK(m2.calendar.maintenance->first_due() == 0);
    CHECK(m2.calendar.maintenance->duration == 3);
    CHECK(in.resources[0].calendar.maintenance->since_last == 0);
}

TEST_CASE("changeover matrix pairs are directed - fixed rows state their ends, derived blocks are dropped") {
    const std::string text = plus(R"(changeover:
  mixers: {default: 5, pairs: [[P1, P2, 1], [P2, P2, 0]]}
  lines: 2
calendar:
  mixers: {maintenance: {every: 50, duration: 4}}
  lines: {shift_break: {every: 12, duration: 1}}
frozen_until: 30
fixed:
  rows:
    - {resource: M1, product: P1, batches: 3, start: 0, end: 6}
    - {resource: L1, product: S1, quantity: 1000, start: 6, end: 17}
  blocks:
    - {resource: M2, kind: maintenance, start: 10, end: 14}
    - {resource: L1, kind: changeover, start: 17, end: 19}
)");
    const Instance in = parse_instance(text, "t.yaml");
    CHECK(in.changeover(product(in, "P1"), product(in, "P2")) == 1);
    CHECK(in.changeover(product(in, "P2"), product(in, "P1")) == 5);
    CHECK(in.changeover(product(in, "P2"), product(in, "P2")) == 0);
    CHECK(in.changeover(product(in, "S1"), product(in, "S2")) == 2);
    CHECK(in.line_changeover.hours.empty());
    CHECK(in.frozen_until == 30);
    REQUIRE(in.fixed_rows.size() == 2);
    CHECK(in.fixed_rows[0] == Row{resource(in, "M1"), product(in, "P1"), 3, 0, 6});
    CHECK(in.fixed_rows[1].end == 17);  // 10 hours of work from 6 over the break [12, 13)
    // Derived kinds are re-derived, not kept.
    REQUIRE(in.fixed_blocks.size() == 1);
    CHECK(in.fixed_blocks[0] == Block{resource(in, "M2"), BlockKind::Maintenance, 10, 14});
}

TEST_CASE("comments, anchors and quoted numbers are plain YAML") {
    const std::string text = with(kBase, "horizon: 100", "horizon: &h 100  # hours\nfrozen_until: *h");
    const Instance in = parse_instance(text, "t.yaml");
    CHECK(in.frozen_until == 100);
    CHECK(parse_instance(with(kBase, "rate: 50}", "rate: \"50\"}"), "t.yaml").resources[3].rate == 50);
    CHECK(parse_instance(with(kBase, "demand: 500}", "demand: 5e2}"), "t.yaml").products[3].demand == 500);
}

// ---------------------------------------------------------------------------
// Bad input: each case names where the mistake is.

struct Pos {
    int line;
    int column;
};

// 1-based position of the `occurrence`-th `needle` in `text`.
Pos pos_of(const std::string& text, const std::string& needle, int occurrence = 0) {
    std::size_t at = text.find(needle);
    for (int i = 0; i < occurrence && at != std::string::npos; ++i) at = text.find(needle, at + 1);
    REQUIRE_MESSAGE(at != std::string::npos, "test setup: '" << needle << "' not in text");
    const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
    const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
    const int column = static_cast<int>(line_start == std::string::npos || at == 0 ? at + 1 : at - line_start);
    return {line, column};
}

// Parsing `text` throws an InputError at `where` naming `field`, with `words` in the message.
void expect_error(const std::string& text, Pos where, const std::string& field, const std::string& words = "") {
    CAPTURE(text);
    try {
        parse_instance(text, "bad.yaml");
        FAIL("no InputError for field " << field);
    } catch (const InputError& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(e.file() == "bad.yaml");
        CHECK(e.line() == where.line);
        CHECK(e.column() == where.column);
        CHECK(e.field() == field);
        if (!words.empty()) CHECK(std::string(e.what()).find(words) != std::string::npos);
    } catch (const std::exception& e) {
        FAIL("not an InputError: " << e.what());
    }
}
// The error sits at `needle` in `text`, at its '^' if it has one (the '^' is
// not part of the text), e.g. "{M1: ^0}" for the 0. The needle must be unique
// unless `occurrence` picks one.
void expect_error_at(const std::string& text, std::string needle, const std::string& field,
                     const std::string& words = "", int occurrence = 0) {
    std::size_t shift = 0;
    if (const auto caret = needle.find('^'); caret != std::string::npos) {
        shift = caret;
        needle.erase(caret, 1);
    }
    if (occurrence == 0)  // an ambiguous needle would make the expected position a guess
        REQUIRE_MESSAGE(text.find(needle, text.find(needle) + 1) == std::string::npos,
                        "test setup: '" << needle << "' is not unique");
    Pos where = pos_of(text, needle, occurrence);
    where.column += static_cast<int>(shift);  // needles do not span lines after the caret
    expect_error(text, where, field, words);
}

TEST_CASE("bad input: malformed YAML carries yaml-cpp's position") {
    expect_error("name: t\nhorizon: [1, 2\n", {3, 1}, "", "malformed YAML");
    expect_error("a: b\n c: d\n", {2, 3}, "", "malformed YAML");
    expect_error("x: *nowhere\n", {1, 4}, "", "anchor");
    expect_error("mixers: &a [*a]\n", {1, 13}, "", "recursive alias");
    expect_error("", {1, 1}, "", "expected a map");
    expect_error("- 1\n", {1, 1}, "", "expected a map");
}

TEST_CASE("bad input: unknown and duplicate keys") {
    const std::string typo = with(kBase, "horizon: 100", "horizn: 100");
    expect_error_at(typo, "horizn", "horizn", "unknown field");
    expect_error_at(with(kBase, "{id: M2, batch_size: 1000}", "{id: M2, batch_size: 1000, rate: 3}"), "rate: 3",
                    "mixers[1].rate", "unknown field");
    expect_error_at(with(kBase, "downtime: {M1: 0.2, M2: 0.3}", "downtime: {M1: 0.2, M1: 0.3}"), "M1: 0.3",
                    "pastes[1].downtime.M1", "duplicate key");
    expect_error_at(with(kBase, "horizon: 100", "horizon: 100\nhorizon: 200"), "horizon: 200", "horizon",
                    "duplicate key");
    expect_error_at(with(kBase, "name: base", "objective: {downtime: 1, lateness: 1, latenes: 2}"), "latenes:",
                    "objective.latenes");
}

TEST_CASE("bad input: missing required fields point at the parent map") {
    expect_error(with(kBase, "horizon: 100\n", ""), {1, 1}, "horizon", "missing");
    expect_error(with(kBase, "lines:\n  - {id: L1, rate: 100}\n  - {id: L2, rate: 50}\n", ""), {1, 1}, "lines");
    const std::string no_demand = with(kBase, ", demand: 500}", "}");
    expect_error_at(no_demand, "{id: S2", "skus[1].demand", "missing");
    expect_error_at(with(kBase, "{id: L2, rate: 50}", "{id: L2}"), "{id: L2}", "lines[1].rate");
    expect_error_at(with(kBase, "{id: L2, rate: 50}", "{rate: 50}"), "{rate: 50}", "lines[1].id");
    // A batch_hours mixer without its downtime rate.
    expect_error_at(with(kBase, "downtime: {M1: 0.2, M2: 0.3}", "downtime: {M1: 0.2}"), "{M1: 0.2}",
                    "pastes[1].downtime.M2", "missing");
    expect_error_at(with(kBase, ", downtime: {M1: 0.1}}", "}"), "{id: P1", "pastes[0].downtime", "missing");
    expect_error_at(with(kBase, "horizon: 100", "horizon:"), "horizon:", "horizon", "must not be empty");
    expect_error_at(with(kBase, "horizon: 100", "horizon: ~"), "horizon:", "horizon", "must not be empty");
}

TEST_CASE("bad input: wrong types and non-integers") {
    expect_error_at(with(kBase, "horizon: 100", "horizon: abc"), "abc", "horizon", "expected an integer");
    expect_error_at(with(kBase, "horizon: 100", "horizon: 100.5"), "100.5", "horizon", "must be an integer");
    expect_error_at(with(kBase, "{M1: 2}", "{M1: 2.5}"), "2.5", "pastes[0].batch_hours.M1", "integer");
    expect_error_at(with(kBase, "batch_size: 1000}\n  - {id: M2", "batch_size: [1]}\n  - {id: M2"), "[1]",
                    "mixers[0].batch_size", "expected a number, got a list");
    expect_error_at(with(kBase, "units_per_lb: 2", "units_per_lb: two"), "two", "skus[1].units_per_lb",
                    "expected a number");
    expect_error_at(with(kBase, "demand: 500}", "demand: .inf}"), ".inf", "skus[1].demand");
    expect_error_at(with(kBase, "rate: 50}", "rate: nan}"), "nan}", "lines[1].rate");
    expect_error_at(with(kBase, "mixers:\n  - {id: M1, batch_size: 1000}\n  - {id: M2, batch_size: 1000}\n",
                         "mixers: {id: M1}\n"),
                    "{id: M1}", "mixers", "expected a list");
    expect_error_at(plus("demand_soft: maybe\n"), "maybe", "demand_soft", "true or false");
    expect_error_at(with(kBase, "{id: M1,", "{id: [M1],"), "[M1]", "mixers[0].id", "expected a text");
}

TEST_CASE("bad input: unknown ids") {
    expect_error_at(with(kBase, "paste: P2", "paste: P9"), "P9", "skus[1].paste", "unknown paste");
    expect_error_at(with(kBase, "paste: P2", "paste: S1"), "S1, units", "skus[1].paste", "not a paste");
    expect_error_at(with(kBase, "{M1: 2}", "{M9: 2}"), "M9", "pastes[0].batch_hours.M9", "unknown resource");
    expect_error_at(with(kBase, "downtime: {L1: 0.2}", "downtime: {L9: 0.2}"), "L9", "skus[0].downtime.L9",
                    "unknown resource");
    expect_error_at(with(kBase, "downtime: {L1: 0.2}", "downtime: {M1: 0.2}"), "{^M1: 0.2}", "skus[0].downtime.M1",
                    "not a line");
    expect_error_at(plus("calendar:\n  outages: [{resource: X1, start: 1, end: 2}]\n"), "X1",
                    "calendar.outages[0].resource", "unknown resource");
    expect_error_at(plus("calendar:\n  M7: {maintenance: null}\n"), "M7", "calendar.M7", "unknown resource");
    expect_error_at(plus("changeover: {mixers: {default: 1, pairs: [[P1, P7, 2]]}}\n"), "P7",
                    "changeover.mixers.pairs[0][1]", "unknown product");
    expect_error_at(plus("changeover: {lines: {default: 1, pairs: [[S1, P1, 2]]}}\n"), "P1, 2",
                    "changeover.lines.pairs[0][1]", "not a SKU");
    expect_error_at(plus("fixed: {rows: [{resource: M3, product: P1, batches: 1, start: 0}]}\n"), "M3",
                    "fixed.rows[0].resource", "unknown resource");
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P3, batches: 1, start: 0}]}\n"), "P3",
                    "fixed.rows[0].product", "unknown product");
}

TEST_CASE("bad input: duplicate ids across stages") {
    expect_error_at(with(kBase, "{id: L2, rate: 50}", "{id: M1, rate: 50}"), "M1, rate", "lines[1].id",
                    "duplicate id 'M1' (first defined at line 4)");
    expect_error_at(with(kBase, "{id: S2,", "{id: P1,"), "P1, paste", "skus[1].id", "duplicate id");
}

TEST_CASE("bad input: zero, negative and out-of-range numbers") {
    expect_error_at(with(kBase, "horizon: 100", "horizon: 0"), "0\n", "horizon", "positive");
    expect_error_at(with(kBase, "horizon: 100", "horizon: -5"), "-5", "horizon", "positive");
    expect_error_at(with(kBase, "{M1: 2}", "{M1: 0}"), "{M1: ^0}", "pastes[0].batch_hours.M1", "positive");
    expect_error_at(with(kBase, "rate: 50}", "rate: 0}"), "rate: ^0}", "lines[1].rate", "positive");
    expect_error_at(with(kBase, "batch_size: 1000}\n  - {id: M2", "batch_size: -1}\n  - {id: M2"), "-1",
                    "mixers[0].batch_size", "positive");
    expect_error_at(with(kBase, "units_per_lb: 2", "units_per_lb: 0"), "units_per_lb: ^0", "skus[1].units_per_lb");
    expect_error_at(with(kBase, "demand: 500", "demand: -1"), "-1", "skus[1].demand", "negative");
    expect_error_at(with(kBase, "{L1: 0.2}", "{L1: 1.5}"), "1.5", "skus[0].downtime.L1", "at most 1");
    expect_error_at(with(kBase, "{M1: 0.1}", "{M1: -0.1}"), "-0.1", "pastes[0].downtime.M1", "negative");
    expect_error_at(plus("storage: {totes: 0, tote_capacity: 10}\n"), "totes: ^0", "storage.totes", "positive");
    expect_error_at(plus("storage: {totes: 5, tote_capacity: 0}\n"), "capacity: ^0", "storage.tote_capacity",
                    "positive");
    expect_error_at(with(kBase, "demand: 500}", "demand: 500, due: -3}"), "-3", "skus[1].due", "negative");
    expect_error_at(plus("calendar:\n  mixers: {maintenance: {every: 0, duration: 1}}\n"), "every: ^0",
                    "calendar.mixers.maintenance.every", "positive");
    expect_error_at(plus("calendar:\n  lines: {spare_capacity: {every: 50, duration: 0}}\n"), "duration: ^0",
                    "calendar.lines.spare_capacity.duration", "positive");
    expect_error_at(plus("frozen_until: 101\n"), "101", "frozen_until", "at most 100");
    expect_error_at(plus("changeover: {mixers: -1}\n"), "-1", "changeover.mixers", "negative");
}

TEST_CASE("bad input: products without an eligible resource") {
    expect_error_at(with(kBase, "downtime: {L1: 0.2}", "downtime: {}"), "{id: S1", "skus[0]", "no eligible line");
    const std::string text = with(kBase, "batch_hours: {M1: 2}, downtime: {M1: 0.1}", "batch_hours: {}");
    expect_error_at(text, "{id: P1", "pastes[0]", "SKU 'S1' needs it");
    expect_error_at(with(kBase, "downtime: {M1: 0.1}", "downtime: {M1: 0.1, M2: 0.1}"), "M2: 0.1}",
                    "pastes[0].downtime.M2", "without batch_hours");
    expect_error_at(with(kBase, "demand: 500}", "demand: 500, downtime: {L1: 0.1}, rate: {L2: 9}}"), "L2: 9",
                    "skus[1].rate.L2", "not eligible");
}

TEST_CASE("bad input: calendars that cannot work") {
    // MODEL.md 9.5: since_last > every, reported where since_last was written.
    expect_error_at(plus("calendar:\n  mixers: {maintenance: {every: 40, duration: 3}}\n  M1: {maintenance: {since_last: 41}}\n"),
                    "41", "calendar.M1.maintenance.since_last", "exceeds every 40");
    expect_error_at(plus("calendar:\n  lines: {shift_break: {every: 12, duration: 12}}\n"), "duration: ^12",
                    "calendar.lines.shift_break.duration", "no working time");
    expect_error_at(plus("calendar:\n  mixers: {maintenance: {every: 40, duration: 40}}\n"), "duration: ^40",
                    "calendar.mixers.maintenance.duration", "no working time");
    expect_error_at(plus("calendar:\n  lines: {spare_capacity: {every: 50, duration: 60}}\n"), "duration: ^60",
                    "calendar.lines.spare_capacity.duration", "no working time");
    // An override of a kind the stage does not have must be complete.
    expect_error_at(plus("calendar:\n  M2: {spare_capacity: {every: 50}}\n"), "{every: 50}",
                    "calendar.M2.spare_capacity.duration", "missing");
    expect_error_at(plus("calendar:\n  mixers: {maintenance: {every: 40, duration: 3, since: 2}}\n"), "since:",
                    "calendar.mixers.maintenance.since", "unknown field");
    // Outages covering all of L2's time.
    const std::string all_out = plus("calendar:\n  outages: [{resource: L2, start: 0, end: 60}, {resource: L2, start: 50, end: 100}]\n");
    expect_error_at(all_out, "{id: L2", "lines[1]", "leaves no working time");
    // A maintenance longer than the horizon cannot be placed.
    expect_error_at(with(kBase, "horizon: 100", "horizon: 20") + "calendar:\n  mixers: {maintenance: {every: 300, duration: 25, since_last: 290}}\n",
                    "duration: ^25", "calendar.mixers.maintenance.duration", "cannot fit");
}

TEST_CASE("bad input: outages outside the horizon or empty") {
    expect_error_at(plus("calendar:\n  outages: [{resource: M1, start: -1, end: 5}]\n"), "-1",
                    "calendar.outages[0].start", "before the horizon");
    expect_error_at(plus("calendar:\n  outages: [{resource: M1, start: 90, end: 101}]\n"), "101",
                    "calendar.outages[0].end", "after the horizon");
    expect_error_at(plus("calendar:\n  outages: [{resource: M1, start: 9, end: 9}]\n"), "end: ^9",
                    "calendar.outages[0].end", "after its start");
    expect_error_at(plus("calendar:\n  M1: {outages: [{start: 9, end: 8}]}\n"), "end: ^8", "calendar.M1.outages[0].end");
    expect_error_at(plus("calendar:\n  M1: {outages: [{resource: M2, start: 1, end: 8}]}\n"), "resource: ^M2",
                    "calendar.M1.outages[0].resource", "another resource");
}

TEST_CASE("bad input: fixed items (MODEL.md 6)") {
    const std::string outage = "calendar:\n  outages: [{resource: M1, start: 10, end: 20}]\n";
    expect_error_at(plus(outage + "fixed: {rows: [{resource: M1, product: P1, batches: 3, start: 5, end: 11}]}\n"),
                    "{resource: M1, product", "fixed.rows[0]", "overlaps the outage [10, 20)");
    expect_error_at(plus(outage + "fixed: {blocks: [{resource: M1, kind: maintenance, start: 19, end: 22}]}\n"),
                    "{resource: M1, kind", "fixed.blocks[0]", "overlaps the outage");
    expect_error_at(plus("fixed: {rows: [{resource: M2, product: P1, batches: 1, start: 0}]}\n"), "P1, batches",
                    "fixed.rows[0].product", "not eligible");
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 1, start: -2, end: 0}]}\n"), "-2",
                    "fixed.rows[0].start", "before 0");
    expect_error_at(plus("fixed: {blocks: [{resource: M1, kind: maintenance, start: -2, end: 1}]}\n"), "-2",
                    "fixed.blocks[0].start", "before 0");
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: S1, batches: 1, start: 0}]}\n"), "S1, batches",
                    "fixed.rows[0].product", "cannot run on mixer");
    expect_error_at(plus("fixed: {rows: [{resource: L1, product: S1, batches: 1, start: 0}]}\n"), "batches",
                    "fixed.rows[0].batches", "states quantity");
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 0, start: 0}]}\n"), "batches: ^0",
                    "fixed.rows[0].batches", "positive");
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 2, start: 0, end: 5}]}\n"), "end: ^5",
                    "fixed.rows[0].end", "derived end 4");
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 50, start: 10, end: 110}]}\n"),
                    "{resource: M1, product", "fixed.rows[0]", "after the horizon");
    expect_error_at(plus("fixed: {blocks: [{resource: M1, kind: repair, start: 1, end: 2}]}\n"), "repair",
                    "fixed.blocks[0].kind", "unknown block kind");
    // Fixed items overlapping each other, and solver blocks the calendar has not
    // (found by a hand sweep: exit 3 with "its changeover runs into what
    // follows" and "construction broke a rule: maintenance ... without a
    // maintenance calendar" instead of an input error).
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 2, start: 0, end: 4},\n"
                         "                {resource: M1, product: P1, batches: 1, start: 3, end: 5}]}\n"),
                    "{resource: M1, product: P1, batches: 1", "fixed.rows[1]", "overlaps the fixed row [0, 4) on 'M1'");
    expect_error_at(plus("fixed: {blocks: [{resource: M1, kind: maintenance, start: 1, end: 3}]}\n"), "maintenance, start",
                    "fixed.blocks[0].kind", "'M1' has no maintenance in its calendar");
    const std::string mixer_calendar = "calendar:\n  mixers: {maintenance: {every: 40, duration: 3}, spare_capacity: {every: 50, duration: 2}}\n";
    expect_error_at(plus(mixer_calendar + "fixed: {blocks: [{resource: M1, kind: maintenance, start: 1, end: 5}]}\n"),
                    "end: ^5", "fixed.blocks[0].end", "maintenance of 'M1' lasts 3, this block 4");
    expect_error_at(plus(mixer_calendar + "fixed: {rows: [{resource: M1, product: P1, batches: 2, start: 0, end: 4}],\n"
                                          "        blocks: [{resource: M1, kind: spare_capacity, start: 3, end: 5}]}\n"),
                    "{resource: M1, kind", "fixed.blocks[0]", "fixed spare_capacity block [3, 5) overlaps the fixed row [0, 4)");
    CHECK_NOTHROW(parse_instance(plus(mixer_calendar + "fixed: {rows: [{resource: M1, product: P1, batches: 2, start: 0, end: 4}],\n"
                                                       "        blocks: [{resource: M1, kind: spare_capacity, start: 4, end: 6}]}\n"),
                                 "t.yaml"));
    // Every reader wants the stated end (docs/model-decisions.md), checked after the row's content.
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 1, start: 0}]}\n"), "{resource: M1, product",
                    "fixed.rows[0].end", "missing required field");
}

TEST_CASE("bad input: a paste whose single batch needs more totes than storage has") {
    // Found by the sweep (min_fill + tight storage): 1000-lb batches in 100-lb
    // totes need 10 totes, only 9 exist, and S1 must be packed: exit 3
    // "(unproved: time limit)" before; now refused at the paste.
    const std::string storage = "storage: {totes: 9, tote_capacity: 100}\n";
    expect_error_at(plus(storage), "{id: P1", "pastes[0]", "needs 10 totes of 100 lbs, more than the 9 totes");
    // Soft demand: only a min_fill share must be packed.
    CHECK_NOTHROW(parse_instance(plus(storage + "demand_soft: true\n"), "t.yaml"));
    expect_error_at(with(plus(storage + "demand_soft: true\n"), "demand: 1000,", "demand: 1000, min_fill: 0.5,"), "{id: P1",
                    "pastes[0]", "must pack 500 lbs of it beyond its initial stock (their min_fill)");
    // Initial stock covering the demand, or 10 totes: loads.
    CHECK_NOTHROW(parse_instance(with(plus("storage: {totes: 11, tote_capacity: 100}\n"), "{id: P1, batch_hours",
                                      "{id: P1, initial_stock: 1000, batch_hours"), "t.yaml"));
    CHECK_NOTHROW(parse_instance(plus("storage: {totes: 10, tote_capacity: 100}\n"), "t.yaml"));
}

TEST_CASE("bad input: demand that cannot fit the horizon") {
    // S1 on L1 only: at most 100 h * 100 units/h.
    expect_error_at(with(kBase, "demand: 1000,", "demand: 10001,"), "10001", "skus[0].demand", "cannot fit");
    // Breaks cut L1 to 50 working hours: 5000 units fit, 5001 do not.
    const std::string breaks = "calendar:\n  lines: {shift_break: {every: 2, duration: 1}}\n";
    CHECK_NOTHROW(parse_instance(with(kBase, "demand: 1000,", "demand: 5000,") + breaks, "t.yaml"));
    expect_error_at(with(kBase, "demand: 1000,", "demand: 5001,") + breaks, "5001", "skus[0].demand", "5000 units");
    // A hard due date is the SKU's horizon.
    expect_error_at(with(kBase, "demand: 1000,", "demand: 1000, due: 9, due_hard: true,"), "demand: ^1000,", "skus[0].demand",
                    "by 9");
    // P1: 1e6 lbs needed, M1 makes at most 50 batches of 1000 lbs.
    expect_error_at(with(kBase, "units_per_lb: 1,", "units_per_lb: 0.001,"), "{id: P1", "pastes[0]", "50000 lbs");
    // Initial stock covers the rest.
    CHECK_NOTHROW(parse_instance(with(with(kBase, "units_per_lb: 1,", "units_per_lb: 0.001,"), "{M1: 0.1}}",
                                      "{M1: 0.1}, initial_stock: 950000}"),
                                 "t.yaml"));
    // Soft demand may stay unmet: no check.
    CHECK_NOTHROW(parse_instance(with(kBase, "demand: 1000,", "demand: 10001,") + "demand_soft: true\n", "t.yaml"));
}

TEST_CASE("bad input: changeover matrices") {
    expect_error_at(plus("changeover: {mixers: {default: 1, pairs: [[P1, P2, 2], [P1, P2, 3]]}}\n"), "[P1, P2, 3]",
                    "changeover.mixers.pairs[1]", "duplicate");
    expect_error_at(plus("changeover: {mixers: {default: 1, pairs: [[P1, P2]]}}\n"), "[P1, P2]",
                    "changeover.mixers.pairs[0]", "[previous, next, hours]");
    expect_error_at(plus("changeover: {mixers: {pairs: [[P1, P2, 1]]}}\n"), "{pairs", "changeover.mixers.default");
    expect_error_at(plus("changeover: {mixers: {default: 1, pairs: [[P1, P2, 1.5]]}}\n"), "1.5]",
                    "changeover.mixers.pairs[0][2]", "integer");
    expect_error_at(plus("changeover: {stirrers: 3}\n"), "stirrers", "changeover.stirrers", "unknown field");
}

// Inputs that once broke the loader (sanitizer reports, misleading messages).
TEST_CASE("regression: extreme values and shapes stay InputErrors") {
    // UBSan: a need of 1e300 lbs was cast to long long for the message; now
    // units_per_lb has a least value, and a need of 1e9 lbs stays a number.
    expect_error_at(with(kBase, "units_per_lb: 1,", "units_per_lb: 1e-300,"), "1e-300", "skus[0].units_per_lb",
                    "at least 1e-06");
    expect_error_at(with(kBase, "units_per_lb: 1,", "units_per_lb: 1e-6,"), "{id: P1", "pastes[0]",
                    "needs 1e+09 lbs");
    // Work of 1e15 batches * 2 hours would overflow int (and the message cast).
    expect_error_at(plus("fixed: {rows: [{resource: M1, product: P1, batches: 1000000000000000, start: 0}]}\n"),
                    "1000000000000000", "fixed.rows[0].batches", "more than any horizon");
    // Deep nesting: yaml-cpp's depth guard says "bad file"; we say what is wrong.
    const std::string deep = "mixers: " + std::string(3000, '[') + std::string(3000, ']') + "\n";
    try {
        parse_instance(deep, "deep.yaml");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("nesting too deep") != std::string::npos);
        CHECK(e.line() == 1);
    }
    // A second document would be silently dropped by a first-document reader.
    expect_error(kBase + "---\nhorizon: 5\n", {16, 1}, "", "more than one YAML document");
    // Offsets far outside [0, every) are the same breaks, without overflow.
    const Instance in = parse_instance(plus("calendar:\n  lines: {shift_break: {every: 3, duration: 1, offset: -10000000}}\n"), "t.yaml");
    CHECK(in.resources[2].calendar.breaks->offset == 2);  // -10000000 mod 3
    // Huge horizons and periods stay in range.
    CHECK_NOTHROW(parse_instance(
        with(kBase, "horizon: 100", "horizon: 10000000") +
            "calendar:\n  lines: {shift_break: {every: 10000000, duration: 9999990, offset: -10000000}}\n",
        "t.yaml"));
    expect_error_at(with(kBase, "horizon: 100", "horizon: 10000001"), "10000001", "horizon", "at most 10000000");
    // A complex key is not a field name.
    expect_error_at(plus("calendar: {? [a] : b}\n"), "[a]", "calendar", "plain names");
}

TEST_CASE("bad input: a missing or unreadable file") {
    const std::string path = fixtures::shipped("no-such-file.yaml");
    try {
        load_instance(path);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(e.file() == path);
        CHECK(e.line() == 0);
        CHECK(e.column() == 0);
    }
    CHECK_THROWS_AS(load_instance(std::string(MAKEPACK_SOURCE_DIR) + "/instances"), InputError);
}

TEST_CASE("bad input: shipped samples in tests/data/bad_instances") {
    // Each sample's first line says where its error is: "# expect: LINE:COLUMN FIELD".
    const std::filesystem::path dir = std::filesystem::path(MAKEPACK_SOURCE_DIR) / "tests/data/bad_instances";
    int samples = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".yaml") continue;
        ++samples;
        std::ifstream in(entry.path());
        std::string first;
        std::getline(in, first);
        CAPTURE(entry.path().string());
        int line = 0, column = 0;
        char field[256] = {0};
        REQUIRE(std::sscanf(first.c_str(), "# expect: %d:%d %255s", &line, &column, field) >= 2);
        try {
            load_instance(entry.path().string());
            FAIL("no InputError");
        } catch (const InputError& e) {
            const std::string message = e.what();
            CAPTURE(message);
            CHECK(e.line() == line);
            CHECK(e.column() == column);
            CHECK(e.field() == std::string(field));
        }
    }
    CHECK(samples > 0);
}

}  // namespace
}  // namespace makepack
