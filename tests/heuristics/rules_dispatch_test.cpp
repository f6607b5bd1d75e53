// The weighted-rules dispatch (heuristics/dispatch, docs/rules.md): each rule
// moves the plan of a hand-built plant the way it says, and every plan passes
// the checker.
#include "heuristics/dispatch/rules_dispatch.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>

using namespace makepack;
using makepack::fixtures::make_instance;

namespace {

RuleSet rules(std::initializer_list<std::pair<const char*, double>> weights) {
    RuleSet set = RuleSet::none();
    for (const auto& [name, weight] : weights) REQUIRE(set.set(name, weight));
    return set;
}

struct Planned {
    Schedule schedule;
    ObjectiveBreakdown objective;
};

// Dispatches and checks the plan in full (every rule of the model).
Planned plan(const Instance& instance, const RuleSet& set) {
    DispatchOptions options;
    options.rules = set;
    GreedyResult result = rules_dispatch(instance, options);
    INFO("dispatch failure: " << result.failure);
    REQUIRE(result.schedule.has_value());
    const CheckResult check = check_schedule(instance, *result.schedule, CheckOptions{false});
    INFO(fixtures::violations_text(check));
    REQUIRE(check.feasible());
    return {*result.schedule, check.objective};
}

// Rows of one resource by start.
std::vector<Row> rows_on(const Instance& in, const Schedule& s, const std::string& resource) {
    std::vector<Row> rows;
    for (const Row& r : s.rows)
        if (r.resource == *in.find_resource(resource)) rows.push_back(r);
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.start < b.start; });
    return rows;
}

std::string order_on(const Instance& in, const Schedule& s, const std::string& resource) {
    std::string text;
    for (const Row& r : rows_on(in, s, resource)) text += (text.empty() ? "" : " ") + in.products[r.product].id;
    return text;
}

// One line, two pastes in stock (no mixer work needed), four 5-hour SKUs
// whose due dates alternate between the pastes; changeovers are free within
// a paste and 4 h between pastes.
std::string one_line_plant_yaml(const std::string& changeover_pairs, const std::string& stock2 = "100000",
                           const std::string& dues = "5, 14, 23, 32") {
    std::vector<std::string> due;
    std::string rest = dues + ",";
    for (std::size_t at; (at = rest.find(',')) != std::string::npos; rest = rest.substr(at + 1)) due.push_back(rest.substr(0, at));
    return R"(name: one-line
horizon: 120
objective: {downtime: 1, changeover: 1, lateness: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}, initial_stock: 100000}
  - {id: P2, batch_hours: {M1: 1}, downtime: {M1: 0.1}, initial_stock: )" + stock2 + R"(}
skus:
  - {id: A1, paste: P1, units_per_lb: 1, demand: 500, due: )" + due[0] + R"(, downtime: {L1: 0.1}}
  - {id: B1, paste: P2, units_per_lb: 1, demand: 500, due: )" + due[1] + R"(, downtime: {L1: 0.1}}
  - {id: A2, paste: P1, units_per_lb: 1, demand: 500, due: )" + due[2] + R"(, downtime: {L1: 0.1}}
  - {id: B2, paste: P2, units_per_lb: 1, demand: 500, due: )" + due[3] + R"(, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: {default: 4)" + changeover_pairs + R"(}}
)";
}

const std::string kFreeWithinPaste = ", pairs: [[A1, A2, 0], [A2, A1, 0], [B1, B2, 0], [B2, B1, 0]]";

}  // namespace

TEST_CASE("rules dispatch: a high setup weight gives fewer changeover hours, a high need-date weight less lateness") {
    const Instance in = make_instance(one_line_plant_yaml(kFreeWithinPaste));
    const Planned by_due = plan(in, rules({{"need-date", 5}, {"setup", 1}}));
    const Planned by_setup = plan(in, rules({{"need-date", 1}, {"setup", 5}}));
    CHECK(order_on(in, by_due.schedule, "L1") == "A1 B1 A2 B2");
    CHECK(order_on(in, by_setup.schedule, "L1") == "A1 A2 B1 B2");
    CHECK(by_setup.objective.changeover < by_due.objective.changeover);
    CHECK(by_due.objective.lateness < by_setup.objective.lateness);
    CHECK(by_due.objective.lateness == 0);
}

TEST_CASE("rules dispatch: the campaign rule keeps a paste's SKUs together") {
    const Instance in = make_instance(one_line_plant_yaml(""));  // every changeover 4 h: setup cannot tell
    CHECK(order_on(in, plan(in, rules({{"need-date", 1}})).schedule, "L1") == "A1 B1 A2 B2");
    CHECK(order_on(in, plan(in, rules({{"need-date", 1}, {"campaign", 5}})).schedule, "L1") == "A1 A2 B1 B2");
}

TEST_CASE("rules dispatch: the paste rule runs SKUs whose paste is in stock first") {
    // P2 has no stock: its SKUs wait for the mixer; need-date alone starts with B1 anyway.
    const Instance in = make_instance(one_line_plant_yaml("", "0", "20, 10, 40, 30"));
    const Planned by_due = plan(in, rules({{"need-date", 1}}));
    const Planned by_paste = plan(in, rules({{"need-date", 1}, {"paste", 5}}));
    CHECK(order_on(in, by_due.schedule, "L1").substr(0, 2) == "B1");
    CHECK(order_on(in, by_paste.schedule, "L1").substr(0, 2) == "A1");
    CHECK(rows_on(in, by_paste.schedule, "L1").front().start == 0);
    CHECK(rows_on(in, by_due.schedule, "L1").front().start > 0);  // waited for its paste
}

TEST_CASE("rules dispatch: remaining-work and critical-ratio order short and long SKUs") {
    const std::string yaml = R"(name: lengths
horizon: 120
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}, initial_stock: 100000}]
skus:
  - {id: LONG, paste: P1, units_per_lb: 1, demand: 800, due: 20, downtime: {L1: 0.1}}
  - {id: SHORT, paste: P1, units_per_lb: 1, demand: 200, due: 20, downtime: {L1: 0.1}}
changeover: {mixers: 1, lines: 1}
)";
    const Instance in = make_instance(yaml);
    CHECK(order_on(in, plan(in, rules({{"remaining-work", 1}})).schedule, "L1") == "SHORT LONG");
    CHECK(order_on(in, plan(in, rules({{"remaining-work", -1}})).schedule, "L1") == "LONG SHORT");
    // Equal due dates: the one with less slack per hour of work (the long one) first.
    CHECK(order_on(in, plan(in, rules({{"critical-ratio", 1}, {"remaining-work", 0.1}})).schedule, "L1") ==
          "LONG SHORT");
}

TEST_CASE("rules dispatch: downtime, resource selection and the preferred resource choose better lines") {
    // Three free lines; L1 chooses first. X runs best on L2, Y is bad everywhere
    // but least bad on L2 and L1.
    const std::string yaml = R"(name: lines
horizon: 120
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}, {id: L2, rate: 100}, {id: L3, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}, initial_stock: 100000}]
skus:
  - {id: X, paste: P1, units_per_lb: 1, demand: 500, downtime: {L1: 0.3, L2: 0.1, L3: 0.3}}
  - {id: Y, paste: P1, units_per_lb: 1, demand: 500, downtime: {L1: 0.5, L2: 0.45, L3: 0.9}}
changeover: {mixers: 1, lines: 1}
)";
    const Instance in = make_instance(yaml);
    const Planned greedy_line = plan(in, rules({{"downtime", 1}}));
    const Planned by_resource = plan(in, rules({{"downtime", 1}, {"resource-selection", 10}}));
    CHECK(order_on(in, greedy_line.schedule, "L1") == "X");   // L1's own best SKU
    CHECK(order_on(in, by_resource.schedule, "L1") == "Y");   // X is kept for L2, its best line
    CHECK(order_on(in, by_resource.schedule, "L2") == "X");
    CHECK(by_resource.objective.downtime < greedy_line.objective.downtime);

    // Preferred resource: X is twice as fast on L2.
    const std::string faster = R"(name: faster
horizon: 120
objective: {downtime: 1, changeover: 1}
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}, {id: L2, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 1}, downtime: {M1: 0.1}, initial_stock: 100000}]
skus:
  - {id: X, paste: P1, units_per_lb: 1, demand: 1000, due: 10, rate: {L2: 200}, downtime: {L1: 0.1, L2: 0.1}}
  - {id: Y, paste: P1, units_per_lb: 1, demand: 1000, due: 50, downtime: {L1: 0.1, L2: 0.1}}
changeover: {mixers: 1, lines: 1}
)";
    const Instance fast = make_instance(faster);
    const Planned by_due = plan(fast, rules({{"need-date", 1}}));
    const Planned by_preference = plan(fast, rules({{"need-date", 1}, {"preferred-resource", 5}}));
    CHECK(order_on(fast, by_due.schedule, "L1") == "X");
    CHECK(order_on(fast, by_preference.schedule, "L2") == "X");
    CHECK(by_preference.objective.downtime < by_due.objective.downtime);  // 5 h of X instead of 10
}

TEST_CASE("rules dispatch: the default rules plan every shipped instance they can, each plan checked") {
    // Not a promise of feasibility (forward dispatch is weaker than the backward
    // greedy on tight plants): what it returns passes the checker; oakhill is loose enough.
    for (const char* name : {"oakhill-4w.yaml", "oakhill-6w.yaml", "bench/medium-plant.yaml"}) {
        CAPTURE(name);
        const Instance in = load_instance(fixtures::shipped(name));
        plan(in, RuleSet::defaults());
    }
}
