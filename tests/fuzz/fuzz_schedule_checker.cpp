// libFuzzer target: the schedule reader and the checker on instance +
// schedule pairs. The input is an instance YAML, a line "%%", and a schedule
// YAML (without the line: a fixed small instance and the whole input as the
// schedule). Bad input must surface as InputError; then, for every pair the
// readers accept:
//   - the checker and the KPIs run without crash or sanitizer report;
//   - a feasible schedule, written by schedule_to_yaml and read back, is
//     feasible again with the same objective (the writer and reader agree);
//   - the checker gives the same verdict twice (no hidden state).
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/rules/objective_rules.hpp"
#include "model/schedule_io.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace {

// tests/data/repro/base.yaml with storage, initial stock and max_hold: every rule group has work.
const char* kDefaultInstance = R"(name: base
horizon: 336
objective: {downtime: 1, changeover: 1, holding: 0.000001, lateness: 1, overproduction: 0.5}
mixers:
  - {id: M1, batch_size: 20000}
  - {id: M2, batch_size: 20000}
lines:
  - {id: L1, rate: 5000}
  - {id: L2, rate: 6000}
pastes:
  - {id: P1, batch_hours: {M1: 10, M2: 12}, downtime: {M1: 0.2, M2: 0.3}, max_hold: 100}
  - {id: P2, initial_stock: 30000, batch_hours: {M1: 8, M2: 9}, downtime: {M1: 0.1, M2: 0.4}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 200000, downtime: {L1: 0.2, L2: 0.3}, due: 300}
  - {id: S2, paste: P2, units_per_lb: 3, demand: 150000, downtime: {L1: 0.3, L2: 0.2}}
  - {id: S3, paste: P2, units_per_lb: 1, demand: 100000, downtime: {L1: 0.25, L2: 0.35}}
changeover: {mixers: 6, lines: 6}
calendar:
  mixers: {maintenance: {every: 336, duration: 8}, spare_capacity: {every: 168, duration: 14}}
  lines: {shift_break: {every: 12, duration: 1, offset: 0}, maintenance: {every: 672, duration: 8}, spare_capacity: {every: 168, duration: 14}}
storage: {totes: 60, tote_capacity: 2000}
)";

[[noreturn]] void finding(const char* what, const std::string& detail) {
    std::fprintf(stderr, "finding: %s\n%s\n", what, detail.c_str());
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::size_t split = input.find("\n%%\n");
    const std::string instance_text = split == std::string::npos ? kDefaultInstance : input.substr(0, split);
    const std::string schedule_text = split == std::string::npos ? input : input.substr(split + 4);
    using namespace makepack;
    // Most mutations change only the schedule: the last instance is kept
    // (parsing it again each run made the target 5x slower; parse_instance is pure).
    static std::string cached_text;
    static std::optional<Instance> cached;
    static bool cached_bad = false;
    if (!cached || instance_text != cached_text) {
        cached_text = instance_text;
        cached.reset();
        try {
            cached = parse_instance(instance_text, "fuzz-instance.yaml");
            cached_bad = false;
        } catch (const InputError&) {
            cached_bad = true;
        }
    }
    if (cached_bad) return 0;  // expected for bad input
    const Instance& instance = *cached;
    Schedule schedule;
    try {
        schedule = parse_schedule(instance, schedule_text, "fuzz-schedule.yaml");
    } catch (const InputError&) {
        return 0;  // expected for bad input
    }
    const CheckResult check = check_schedule(instance, schedule);
    const Kpis kpis = compute_kpis(instance, schedule);
    (void)kpis;
    const CheckResult again = check_schedule(instance, schedule);
    if (again.violation_count != check.violation_count || again.objective.total != check.objective.total)
        finding("the checker is not deterministic", schedule_text);
    if (!check.feasible()) return 0;

    const std::string written = schedule_to_yaml(instance, schedule, check.objective);
    Schedule back;
    try {
        back = parse_schedule(instance, written, "written.yaml");
    } catch (const InputError& e) {
        finding("a written schedule does not read back", std::string(e.what()) + "\n" + written);
    }
    const CheckResult recheck = check_schedule(instance, back);
    if (!recheck.feasible()) finding("a written feasible schedule is rejected", written);
    if (!objective_value_matches(recheck.objective.total, check.objective.total))
        finding("a written schedule changes its objective", written);
    return 0;
}
