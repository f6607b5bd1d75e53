#include "tests/support/instance_fixtures.hpp"

#include "model/instance_loader.hpp"

#include <set>
#include <stdexcept>

namespace makepack::fixtures {

Instance make_instance(const std::string& yaml, const std::string& name) { return parse_instance(yaml, name); }

Row make_row(const Instance& instance, const std::string& resource, const std::string& product, long long amount,
             int start, int end) {
    const auto r = instance.find_resource(resource);
    const auto p = instance.find_product(product);
    if (!r || !p) throw std::invalid_argument("fixture: unknown id " + resource + " / " + product);
    return Row{*r, *p, amount, start, end};
}

Block make_block(const Instance& instance, const std::string& resource, BlockKind kind, int start, int end) {
    const auto r = instance.find_resource(resource);
    if (!r) throw std::invalid_argument("fixture: unknown resource " + resource);
    return Block{*r, kind, start, end};
}

std::string batch_plant_yaml(const std::string& name) {
    return "name: " + name + R"(
start_date: 2023-01-01T00:00
time_unit: hour
horizon: 48
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.5}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1500, downtime: {L1: 0.1}}
changeover: {mixers: 2, lines: 1}
)";
}

std::string tiny_plant_yaml(const TinyPlant& options) {
    return R"(name: tiny
horizon: 48
objective: {downtime: 1, changeover: 1}
mixers:
  - {id: M1, batch_size: 1000}
  - {id: M2, batch_size: 500}
lines:
  - {id: L1, rate: 100}
  - {id: L2, rate: 50}
pastes:
  - {id: P1, batch_hours: {M1: 4, M2: 3}, downtime: {M1: 0.1, M2: 0.2}}
  - {id: P2, batch_hours: {M1: 5}, downtime: {M1: 0.3}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1000, downtime: {L1: 0.1, L2: 0.2}}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 400, downtime: {L1: 0.5}}
  - {id: S3, paste: P2, units_per_lb: 4, demand: 800, downtime: {L2: 0.25}}
changeover: )" + options.changeover + R"(
calendar:
  mixers: {maintenance: {every: 40, duration: 4, since_last: 10}}
  lines: {shift_break: {every: 12, duration: 1, offset: 0}, spare_capacity: {every: 24, duration: 2}}
  M2: {maintenance: null}
  outages: [{resource: L2, start: 30, end: 34, reason: breakdown}]
)" + options.top_extra;
}

Instance tiny_plant(const TinyPlant& options) { return make_instance(tiny_plant_yaml(options), "tiny"); }

Schedule tiny_plant_schedule(const Instance& in) {
    Schedule s;
    s.instance_name = in.name;
    s.rows = {
        make_row(in, "M1", "P1", 1, 0, 4),      // 1 batch * 4 h
        make_row(in, "M1", "P2", 1, 6, 11),     // after changeover [4,6); 5 h
        make_row(in, "L1", "S1", 1000, 4, 15),  // 10 h: [4,12) + break + [13,15)
        make_row(in, "L1", "S2", 400, 16, 20),  // after changeover [15,16); 4 h
        make_row(in, "L2", "S3", 800, 11, 29),  // 16 h: [11,12) [13,24) [25,29)
    };
    s.blocks = {
        make_block(in, "M1", BlockKind::Maintenance, 20, 24),  // due_1 = 40 - 10 = 30; due_2 = 60 >= 48
        make_block(in, "L1", BlockKind::SpareCapacity, 0, 2),
        make_block(in, "L1", BlockKind::SpareCapacity, 30, 32),
        make_block(in, "L2", BlockKind::SpareCapacity, 0, 2),
        make_block(in, "L2", BlockKind::SpareCapacity, 34, 36),
    };
    return s;
}

std::string mini_plant_yaml(const MiniPlant& options) {
    return R"(name: mini
horizon: 48
objective: )" + options.objective + R"(
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.1})" + options.paste_extra + R"(}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 1000, downtime: {L1: 0.1})" + options.sku_extra + R"(}
changeover: {mixers: 2, lines: 1}
calendar: )" + options.calendar + "\n" + options.top_extra;
}

Instance mini_plant(const MiniPlant& options) { return make_instance(mini_plant_yaml(options), "mini"); }

Schedule mini_plant_schedule(const Instance& in) {
    Schedule s;
    s.instance_name = in.name;
    s.rows = {
        make_row(in, "M1", "P1", 1, 0, 4),
        make_row(in, "L1", "S1", 1000, 4, 15),  // 10 h: [4,12) + break + [13,15)
    };
    return s;
}

std::string rule_names(const CheckResult& result) {
    std::set<std::string> names;
    for (const Violation& v : result.violations) names.insert(v.rule);
    std::string text;
    for (const std::string& name : names) text += (text.empty() ? "" : ",") + name;
    return text;
}

std::string violations_text(const CheckResult& result) {
    std::string text;
    for (const Violation& v : result.violations) text += to_string(v) + "\n";
    return text;
}

std::string cpsat_tiny_yaml() {
    return R"(name: cpsat-tiny
horizon: 168
objective: {downtime: 1, changeover: 1}
mixers:
  - {id: M1, batch_size: 10000}
  - {id: M2, batch_size: 10000}
lines:
  - {id: L1, rate: 5000}
  - {id: L2, rate: 4000}
pastes:
  - {id: P1, batch_hours: {M1: 6, M2: 8}, downtime: {M1: 0.2, M2: 0.4}}
  - {id: P2, batch_hours: {M1: 7, M2: 5}, downtime: {M1: 0.5, M2: 0.1}}
skus:
  - {id: S1, paste: P1, units_per_lb: 2, demand: 40000, downtime: {L1: 0.3, L2: 0.1}}
  - {id: S2, paste: P1, units_per_lb: 3, demand: 30000, downtime: {L1: 0.2, L2: 0.4}}
  - {id: S3, paste: P2, units_per_lb: 4, demand: 50000, downtime: {L1: 0.25, L2: 0.35}}
changeover: {mixers: 3, lines: 2}
calendar:
  mixers: {maintenance: {every: 100, duration: 6, since_last: 30}, spare_capacity: {every: 84, duration: 8}}
  lines: {shift_break: {every: 12, duration: 1, offset: 0}, maintenance: {every: 168, duration: 4, since_last: 100},
          spare_capacity: {every: 84, duration: 6}}
)";
}

}  // namespace makepack::fixtures
