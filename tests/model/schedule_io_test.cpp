// Schedule YAML: writing then reading gives the same plan; bad schedule files
// are InputErrors at their position; files are replaced atomically.
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/schedule_io.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace makepack {
namespace {

// One mixer without breaks, one line with breaks every 12 hours; a changeover
// matrix on the mixer so derived changeover blocks depend on the next row.
const char* const kInstance = R"(name: io-test
horizon: 200
mixers: [{id: M1, batch_size: 1000}, {id: M2, batch_size: 500}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4, M2: 5}, downtime: {M1: 0.5, M2: 0.1}}
  - {id: P2, batch_hours: {M1: 3}, downtime: {M1: 0.25}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1500}
  - {id: S2, paste: P2, units_per_lb: 1, demand: 400}
changeover: {mixers: {default: 2, pairs: [[P1, P2, 1]]}, lines: 1}
calendar:
  lines: {shift_break: {every: 12, duration: 1}, spare_capacity: {every: 100, duration: 5}}
  mixers: {maintenance: {every: 100, duration: 3}}
)";

Instance instance() { return parse_instance(kInstance, "io-test.yaml"); }

int res(const Instance& in, const char* id) { return *in.find_resource(id); }
int prod(const Instance& in, const char* id) { return *in.find_product(id); }

Schedule sample(const Instance& in) {
    Schedule s;
    s.instance_name = in.name;
    // Deliberately unsorted: the writer sorts by resource, then start.
    s.rows = {
        {res(in, "L1"), prod(in, "S1"), 1500, 10, 0},
        {res(in, "M1"), prod(in, "P2"), 2, 20, 0},
        {res(in, "M1"), prod(in, "P1"), 1, 0, 0},
        {res(in, "L1"), prod(in, "S2"), 400, 40, 0},
        {res(in, "M2"), prod(in, "P1"), 3, 5, 0},
    };
    for (Row& r : s.rows) r.end = in.row_end(r);
    s.blocks = {
        {res(in, "M1"), BlockKind::Maintenance, 50, 53},
        {res(in, "L1"), BlockKind::SpareCapacity, 60, 65},
    };
    return s;
}

ObjectiveBreakdown breakdown() {
    ObjectiveBreakdown o;
    o.downtime = 1234567.5;
    o.changeover = 0.1 + 0.2;  // not a short decimal: must still round-trip exactly
    o.total = 1234567.8 + 1e-9;
    return o;
}

std::vector<Row> sorted_rows(std::vector<Row> rows) {
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.resource != b.resource ? a.resource < b.resource : a.start < b.start;
    });
    return rows;
}

TEST_CASE("schedule YAML: rows one per line, sorted, with derived ends") {
    const Instance in = instance();
    const std::string text = schedule_to_yaml(in, sample(in), breakdown());
    CAPTURE(text);
    CHECK(text.rfind("instance: io-test\n", 0) == 0);
    CHECK(text.find("  - {resource: M1, product: P1, batches: 1, start: 0, end: 4}\n") != std::string::npos);
    // 15 hours of work from 10 pause over the breaks [12, 13) and [24, 25): end 27.
    CHECK(text.find("  - {resource: L1, product: S1, quantity: 1500, start: 10, end: 27}\n") != std::string::npos);
    CHECK(text.find("{resource: M1, product: P1") < text.find("{resource: M1, product: P2"));
    CHECK(text.find("{resource: M2, product: P1") < text.find("{resource: L1, product: S1"));
    // Objective: total first; zero components with zero weight are left out.
    CHECK(text.find("objective: {total: ") != std::string::npos);
    CHECK(text.find("downtime: 1234567.5") != std::string::npos);
    CHECK(text.find("lateness") == std::string::npos);
}

TEST_CASE("schedule YAML: derived changeover blocks follow every row") {
    const Instance in = instance();
    const std::string text = schedule_to_yaml(in, sample(in), breakdown());
    CAPTURE(text);
    // M1: P1 [0,4) then P2 -> pair P1->P2 = 1 hour; P2 [20,26) is last -> default 2.
    CHECK(text.find("{resource: M1, kind: changeover, start: 4, end: 5}") != std::string::npos);
    CHECK(text.find("{resource: M1, kind: changeover, start: 26, end: 28}") != std::string::npos);
    // L1: S1 ends at 27; its 1-hour changeover follows.
    CHECK(text.find("{resource: L1, kind: changeover, start: 27, end: 28}") != std::string::npos);
    // S2: 4 hours from 40 end at 44, before the break [48, 49); changeover [44, 45).
    CHECK(text.find("{resource: L1, kind: changeover, start: 44, end: 45}") != std::string::npos);
    CHECK(text.find("{resource: M1, kind: maintenance, start: 50, end: 53}") != std::string::npos);
}

TEST_CASE("schedule YAML round-trip: same rows, blocks and objective") {
    const Instance in = instance();
    const Schedule original = sample(in);
    const ObjectiveBreakdown o = breakdown();
    const Schedule back = parse_schedule(in, schedule_to_yaml(in, original, o), "plan.yaml");
    CHECK(back.instance_name == "io-test");
    CHECK(back.rows == sorted_rows(original.rows));
    // Solver blocks come back, plus one derived changeover per row.
    std::vector<Block> decisions;
    int changeovers = 0;
    for (const Block& b : back.blocks) {
        if (b.kind == BlockKind::Changeover) ++changeovers;
        else decisions.push_back(b);
    }
    CHECK(changeovers == static_cast<int>(original.rows.size()));
    CHECK(decisions == original.blocks);
    REQUIRE(back.stated.has_value());
    CHECK(back.stated->total == o.total);  // exact: shortest round-trip text
    CHECK(back.stated->components.at("downtime") == o.downtime);
    CHECK(back.stated->components.at("changeover") == o.changeover);
    CHECK(back.stated->components.count("holding") == 0);

    // Writing what was read gives the same text (derived blocks are not doubled).
    CHECK(schedule_to_yaml(in, back, o) == schedule_to_yaml(in, original, o));
}

TEST_CASE("schedule YAML: ids that are not plain scalars are quoted") {
    std::string text = kInstance;
    text.replace(text.find("id: S2"), 6, "id: \"yes\"");
    text.replace(text.find("[{id: L1"), 8, "[{id: 'L: 1'");
    const Instance in = parse_instance(text, "q.yaml");
    Schedule s;
    s.rows = {{*in.find_resource("L: 1"), *in.find_product("yes"), 100, 0, 0}};
    const std::string yaml = schedule_to_yaml(in, s, ObjectiveBreakdown{});
    CAPTURE(yaml);
    const Schedule back = parse_schedule(in, yaml, "q-plan.yaml");
    REQUIRE(back.rows.size() == 1);
    CHECK(back.rows[0].product == *in.find_product("yes"));
    CHECK(back.rows[0].resource == *in.find_resource("L: 1"));
}

TEST_CASE("schedule reading: the stated end is kept for the checker") {
    const Instance in = instance();
    const Schedule s = parse_schedule(in, R"(instance: io-test
objective: {total: 10, downtime: 4}
rows:
  - {resource: M1, product: P1, batches: 1, start: 0, end: 7}
  - {resource: M1, product: P2, batches: 1, start: 9, end: 12}
blocks:
  - {resource: L1, kind: shift_break, start: 12, end: 13}
)",
                                      "plan.yaml");
    REQUIRE(s.rows.size() == 2);
    CHECK(s.rows[0].end == 7);   // stated (wrong, the checker will say so)
    CHECK(s.rows[1].end == 12);  // stated and right
    REQUIRE(s.blocks.size() == 1);
    CHECK(s.blocks[0].kind == BlockKind::ShiftBreak);
    CHECK(s.stated->total == 10);
    // An ineligible product is a plan violation the checker reports, not bad input.
    const Schedule inel = parse_schedule(
        in, "objective: {total: 0}\nrows: [{resource: M2, product: P2, batches: 1, start: 0, end: 3}]\n", "p.yaml");
    CHECK(inel.rows[0].end == 3);
}

// Parsing `text` throws an InputError at line:column naming `field`.
void expect_schedule_error(const std::string& text, int line, int column, const std::string& field,
                           const std::string& words) {
    const Instance in = instance();
    CAPTURE(text);
    try {
        parse_schedule(in, text, "plan.yaml");
        FAIL("no InputError");
    } catch (const InputError& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(e.file() == "plan.yaml");
        CHECK(e.line() == line);
        CHECK(e.column() == column);
        CHECK(e.field() == field);
        CHECK(std::string(e.what()).find(words) != std::string::npos);
    } catch (const std::exception& e) {
        FAIL("not an InputError: " << e.what());
    }
}

TEST_CASE("schedule reading: bad files") {
    expect_schedule_error("rows: [{resource: M9, product: P1, batches: 1, start: 0}]\n", 1, 19, "rows[0].resource",
                          "unknown resource");
    expect_schedule_error("rows:\n  - {resource: M1, product: P7, batches: 1, start: 0}\n", 2, 29, "rows[0].product",
                          "unknown product");
    expect_schedule_error("rows:\n  - {resource: M1, product: S1, batches: 1, start: 0}\n", 2, 29, "rows[0].product",
                          "cannot run on mixer");
    expect_schedule_error("rows:\n  - {resource: L1, product: S1, batches: 1, start: 0}\n", 2, 33, "rows[0].batches",
                          "states quantity");
    expect_schedule_error("rows:\n  - {resource: M1, product: P1, quantity: 1, start: 0}\n", 2, 33, "rows[0].quantity",
                          "states batches");
    expect_schedule_error("rows:\n  - {resource: M1, product: P1, batches: 1}\n", 2, 5, "rows[0].start", "missing");
    expect_schedule_error("rows:\n  - {resource: M1, product: P1, batches: 1, start: x}\n", 2, 52, "rows[0].start",
                          "integer");
    expect_schedule_error("objective: {downtime: 3}\n", 1, 12, "objective.total", "missing");
    expect_schedule_error("objective: {total: 3, speed: 1}\n", 1, 23, "objective.speed", "unknown objective");
    expect_schedule_error("blocks: [{resource: M1, kind: nap, start: 1, end: 2}]\n", 1, 31, "blocks[0].kind",
                          "unknown block kind");
    expect_schedule_error("blocks: [{resource: M1, kind: maintenance, start: 5, end: 5}]\n", 1, 59, "blocks[0].end",
                          "after start");
    expect_schedule_error("rows: [{resource: M1\n", 2, 1, "", "malformed YAML");
    expect_schedule_error("instance: x\nplan: []\n", 2, 1, "plan", "unknown field");
    // Issue 13, case 2: the objective (MODEL.md 9.11) and every row's end (MODEL.md 8) are stated.
    expect_schedule_error("instance: x\nrows: []\n", 1, 1, "objective", "missing required field");
    expect_schedule_error("objective: {total: 1}\nrows:\n  - {resource: M1, product: P1, batches: 1, start: 0}\n", 3,
                          5, "rows[0].end", "missing required field");
    // ... and all rows together stay countable in 64 bits (1001 rows of 1e15 units > 1e18).
    std::string many = "objective: {total: 1}\nrows:\n";
    for (int i = 0; i <= 1000; ++i) many += "  - {resource: L1, product: S1, quantity: 1000000000000000, start: 0, end: 1}\n";
    expect_schedule_error(many, 1003, 43, "rows[1000].quantity", "add up to more than 1e+18");
}

TEST_CASE("schedule files: load, and atomic writes") {
    // A fresh directory per run: a fixed name would collide between concurrent test runs.
    const fixtures::TempDir scratch;
    const std::filesystem::path& dir = scratch.path;
    const Instance in = instance();
    const std::string path = (dir / "plan.yaml").string();
    const std::string text = schedule_to_yaml(in, sample(in), breakdown());

    write_file_atomically(path, "old contents\n");
    write_file_atomically(path, text);  // replaces
    const Schedule back = load_schedule(in, path);
    CHECK(back.rows == sorted_rows(sample(in).rows));
    // No temporary file is left beside it.
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
    CHECK(files == 1);

    const std::string bad = (dir / "missing-dir" / "plan.yaml").string();
    try {
        write_file_atomically(bad, text);
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()).find(bad) != std::string::npos);
    }
    CHECK_THROWS_AS(load_schedule(in, (dir / "none.yaml").string()), InputError);
}

}  // namespace
}  // namespace makepack
