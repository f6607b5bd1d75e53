// Amounts at the loader's limits (batch sizes, rates and tote capacities up
// to 1e15): a quotient far below one (500 lbs of a 1e14-lb batch) is still one
// whole batch, work hour or tote, never 0. Found by the sweep of bench/sweep/.
#include "model/checker.hpp"
#include "model/rules/storage.hpp"
#include "tests/support/greedy_plan.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace makepack;
using namespace makepack::fixtures;

namespace {
Instance mini_replacing(const std::string& from, const std::string& to, const MiniPlant& options = {}) {
    std::string yaml = mini_plant_yaml(options);
    yaml.replace(yaml.find(from), from.size(), to);
    return make_instance(yaml, "mini");
}
}  // namespace

TEST_CASE("ceil_count: within the slack above an integer is that integer; a positive quotient is at least 1") {
    CHECK(ceil_count(2.0000000001) == 2);
    CHECK(ceil_count(2.5) == 3);
    CHECK(ceil_count(5e-12) == 1);  // was 0: ceil(5e-12 - 1e-9)
    CHECK(ceil_count(1e-30) == 1);
    CHECK(ceil_count(0) == 0);
}

TEST_CASE("checker: a line row on a line of rate 1e15 works one hour, not zero") {
    const Instance in = mini_replacing("rate: 100", "rate: 1e15");
    CHECK(in.work(*in.find_product("S1"), *in.find_resource("L1"), 1000) == 1);
    Schedule s = mini_plant_schedule(in);
    s.rows[1].end = 4;  // [4, 4): no time at all
    CHECK(rule_names(check_schedule(in, s)) == "row-end");
    s.rows[1].end = 5;
    const CheckResult r = check_schedule(in, s);
    INFO(violations_text(r));
    CHECK(r.feasible());
}

TEST_CASE("checker: paste held in a tote far bigger than it still takes a tote") {
    CHECK(totes_for(10, 1e12) == 1);
    CHECK(totes_for(1e-9, 1e12) == 0);  // floating residue of an emptied stock
    // One tote in all, and a running line needs its static tote: the batch
    // (500 lbs in a 1e12-lb tote) held beside the running line is one too many.
    const Instance in = mini_plant(MiniPlant().with_top(
        "storage: {totes: 1, tote_capacity: 1e12, static_totes_per_running_line: 1}\n"));
    CHECK(rule_names(check_schedule(in, mini_plant_schedule(in))) == "storage");
}

TEST_CASE("min_fill of a tiny share of the demand still needs one unit") {
    const Instance in = mini_plant(MiniPlant().with_sku(", min_fill: 1e-12").with_top("demand_soft: true\n"));
    CHECK(in.required_units(*in.find_product("S1")) == 1);
}

TEST_CASE("backward greedy: a 1e14-lb batch makes 500 lbs of paste in one batch") {
    feasible_greedy_plan(mini_replacing("batch_size: 1000", "batch_size: 1e14"));
}
