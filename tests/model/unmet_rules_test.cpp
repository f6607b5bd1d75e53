// The soft-demand extension (docs/unmet-demand.md): per-SKU unmet_penalty and
// min_fill, --allow-unmet, and the relaxed count the search uses.
#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"

#include <doctest/doctest.h>

using namespace makepack;

namespace {
// Two SKUs of one paste on one line; S1 has its own price and a min_fill.
const char* kPlant = R"(name: fill
horizon: 100
demand_soft: true
unmet_penalty: 2
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes: [{id: P1, batch_hours: {M1: 5}, downtime: {M1: 0}, initial_stock: 100000}]
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0}, unmet_penalty: 10, min_fill: 0.5}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0}}
changeover: {mixers: 1, lines: 1}
)";

Schedule one_row(const Instance& in, std::int64_t units) {
    Schedule s;
    Row row{in.num_mixers, in.num_pastes, units, 0, 0};  // S1 on L1 at 0
    row.end = in.row_end(row);
    s.rows.push_back(row);
    return s;
}
}  // namespace

TEST_CASE("unmet rules: per-SKU penalty prices its unmet units, min_fill is hard") {
    const Instance in = parse_instance(kPlant, "fill.yaml");
    CHECK(in.required_units(in.num_pastes) == 500);
    CHECK(in.required_units(in.num_pastes + 1) == 0);
    CHECK(in.unmet_penalty(in.num_pastes) == 10);
    CHECK(in.unmet_penalty(in.num_pastes + 1) == 2);

    CheckResult r = check_schedule(in, one_row(in, 600), CheckOptions{false});
    CHECK(r.feasible());
    CHECK(r.objective.unmet == 400 + 1000);
    CHECK(r.objective.unmet_cost == 400 * 10 + 1000 * 2);
    CHECK(r.objective.total == doctest::Approx(1 + 400 * 10 + 1000 * 2));  // changeover 1 after the row, no downtime

    r = check_schedule(in, one_row(in, 400), CheckOptions{false});
    CHECK_FALSE(r.feasible());
    CHECK(makepack::fixtures::contains(r.violations.front().detail, "min_fill requires 500"));

    Instance relaxed = in;
    relaxed.relax_hard_demand = true;  // the search's copy: counted, not reported
    r = check_schedule(relaxed, one_row(in, 400), CheckOptions{false});
    CHECK(r.feasible());
    CHECK(r.objective.shortfall == 100);
}

TEST_CASE("unmet rules: the loader checks min_fill and unmet_penalty; --allow-unmet makes all demand soft") {
    std::string text = kPlant;
    const auto at = text.find("min_fill: 0.5");
    CHECK_THROWS_AS(parse_instance(text.substr(0, at) + "min_fill: 1.5}" + text.substr(text.find('}', at) + 1), "f.yaml"),
                    InputError);
    CHECK_THROWS_AS(parse_instance(text.substr(0, at) + "unmet_penalty: -1}" + text.substr(text.find('}', at) + 1), "f.yaml"),
                    InputError);

    const std::string hard = "name: h\nhorizon: 100\nmixers: [{id: M1, batch_size: 1000}]\nlines: [{id: L1, rate: 100}]\n"
                             "pastes: [{id: P1, batch_hours: {M1: 5}, downtime: {M1: 0.1}}]\n"
                             "skus: [{id: S1, paste: P1, units_per_lb: 1, demand: 900000}]\n";
    CHECK_THROWS_AS(parse_instance(hard, "h.yaml"), InputError);  // cannot fit: proved by the loader
    LoadOptions options;
    options.allow_unmet = 3;
    const Instance in = parse_instance(hard, "h.yaml", options);
    CHECK(in.demand_soft);
    CHECK(in.weights.unmet == 3);
    CHECK(in.required_units(in.num_pastes) == 0);
}
