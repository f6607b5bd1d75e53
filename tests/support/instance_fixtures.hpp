// Small YAML test instances shared by the tests, with a known feasible
// schedule for each, and helpers to write rows and blocks by id.
//
// "tiny" plant (horizon 48): mixers M1 (1000 lbs/batch), M2 (500); lines L1
// (100 units/h), L2 (50); pastes P1 (M1 4 h, M2 3 h), P2 (M1 5 h); SKUs S1
// (P1, 2 units/lb, demand 1000, L1/L2), S2 (P1, 1 unit/lb, 400, L1), S3 (P2,
// 4 units/lb, 800, L2). Changeover 2 h on mixers, 1 h on lines. Mixers:
// maintenance every 40 h, 4 h, since_last 10 (due_1 = 30), none on M2. Lines:
// shift breaks [12k, 12k+1), spare capacity 2 h per 24 h. Outage L2 [30,34).
//
// "mini" plant (horizon 48): M1 (1000 lbs/batch), L1 (100 units/h), one paste
// P1 (M1 4 h), one SKU S1 (P1, 2 units/lb, demand 1000 = 10 h on L1).
// Changeover 2 h on the mixer, 1 h on the line; line breaks [12k, 12k+1).
// Fields are spliced in as YAML text so each test shows what it varies.
#pragma once

#include "model/checker.hpp"
#include "model/instance.hpp"
#include "model/schedule.hpp"

#include <string>

namespace makepack::fixtures {

// --- tiny plant -------------------------------------------------------------
struct TinyPlant {
    std::string changeover = "{mixers: 2, lines: 1}";
    std::string top_extra;  // extra top-level lines, e.g. "storage: {...}\n"
    TinyPlant& with_changeover(std::string yaml) { changeover = std::move(yaml); return *this; }
    TinyPlant& with_top(std::string yaml) { top_extra = std::move(yaml); return *this; }
};
std::string tiny_plant_yaml(const TinyPlant& options = {});
Instance tiny_plant(const TinyPlant& options = {});
// Feasible; objective downtime 8.9 + changeover 7 = 15.9:
//   M1: P1 x1 [0,4) co [4,6); P2 x1 [6,11) co [11,13); maintenance [20,24)
//   L1: spare [0,2); S1 x1000 [4,15) (break 12) co [15,16); S2 x400 [16,20) co [20,21); spare [30,32)
//   L2: spare [0,2); S3 x800 [11,29) (breaks 12, 24) co [29,30); outage [30,34); spare [34,36)
Schedule tiny_plant_schedule(const Instance& tiny);

// --- batch plant --------------------------------------------------------------
// One mixer, one line, one SKU (1500 units, 7.5 h of paste, 15 h on the line):
// solved in well under a second; the batch and MPI tests write several under
// different names.
std::string batch_plant_yaml(const std::string& name);

// --- CP-SAT-sized plant ------------------------------------------------------
// 2 mixers, 2 lines, 2 pastes, 3 SKUs, horizon 168; shift breaks on the
// lines, maintenance and spare capacity on both stages: small enough for the
// CP-SAT baseline to solve in seconds (tests of bench/cpsat and bench/run).
std::string cpsat_tiny_yaml();

// --- mini plant -------------------------------------------------------------
struct MiniPlant {
    std::string paste_extra;  // inside P1's map, e.g. ", max_hold: 10"
    std::string sku_extra;    // inside S1's map, e.g. ", due: 12"
    std::string objective = "{downtime: 1, changeover: 1}";
    std::string calendar = "{lines: {shift_break: {every: 12, duration: 1, offset: 0}}}";
    std::string top_extra;    // extra top-level lines
    // Chainable: mini_plant(MiniPlant().with_paste(", max_hold: 10").with_top("demand_soft: true\n")).
    MiniPlant& with_paste(std::string yaml) { paste_extra = std::move(yaml); return *this; }
    MiniPlant& with_sku(std::string yaml) { sku_extra = std::move(yaml); return *this; }
    MiniPlant& with_objective(std::string yaml) { objective = std::move(yaml); return *this; }
    MiniPlant& with_calendar(std::string yaml) { calendar = std::move(yaml); return *this; }
    MiniPlant& with_top(std::string yaml) { top_extra = std::move(yaml); return *this; }
};
std::string mini_plant_yaml(const MiniPlant& options = {});
Instance mini_plant(const MiniPlant& options = {});
// Feasible: M1: P1 x1 [0,4) co [4,6); L1: S1 x1000 [4,15) (break 12) co [15,16).
Schedule mini_plant_schedule(const Instance& mini);

// --- building schedules by id -------------------------------------------------
Instance make_instance(const std::string& yaml, const std::string& name = "fixture");
// amount: batches on a mixer, units on a line; `end` as stated (not derived).
Row make_row(const Instance& instance, const std::string& resource, const std::string& product, long long amount,
             int start, int end);
Block make_block(const Instance& instance, const std::string& resource, BlockKind kind, int start, int end);

// --- reading check results in tests -------------------------------------------
// Sorted, unique rule names of the violations, comma-separated ("" = feasible):
// CHECK(rule_names(result) == "maintenance") says "rejected for that rule only".
std::string rule_names(const CheckResult& result);
// One violation per line, for INFO().
std::string violations_text(const CheckResult& result);

}  // namespace makepack::fixtures
