// What the planner sees of unmet demand (issue 12): the objective's unmet row
// at per-SKU prices, the fill rate and the short SKUs in the tables of
// solve / verify / report and in the Gantt chart (SVG and HTML).
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "solver/report/gantt_html.hpp"
#include "solver/report/gantt_svg.hpp"
#include "solver/report/report_tables.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace makepack;

namespace {

// Soft demand at 3 per unit; S1 has its own price, 10. The plan packs 600 of
// S1's 1000 units and none of S2's 500: unmet 400 x 10 + 500 x 3 = 5500
// (weight x units would be 900 x 3 = 2700).
std::string soft_yaml(const std::string& s1_price = ", unmet_penalty: 10") {
    return R"(name: short
start_date: 2023-01-01T00:00
time_unit: hour
horizon: 48
objective: {downtime: 1, changeover: 1}
demand_soft: true
unmet_penalty: 3
mixers: [{id: M1, batch_size: 1000}]
lines: [{id: L1, rate: 100}]
pastes:
  - {id: P1, batch_hours: {M1: 4}, downtime: {M1: 0.5}}
skus:
  - {id: S1, paste: P1, units_per_lb: 1, demand: 1000, downtime: {L1: 0.1})" +
           s1_price + R"(}
  - {id: S2, paste: P1, units_per_lb: 1, demand: 500, downtime: {L1: 0.1}}
changeover: {mixers: 2, lines: 1}
)";
}

struct Plan {
    Instance instance;
    Schedule schedule;
    CheckResult check;
};

Plan short_plan(const std::string& yaml) {
    Plan p{parse_instance(yaml, "short.yaml"), {}, {}};
    const Instance& in = p.instance;
    p.schedule.instance_name = "short";
    p.schedule.rows = {{*in.find_resource("M1"), *in.find_product("P1"), 1, 0, 4},
                       {*in.find_resource("L1"), *in.find_product("S1"), 600, 4, 10}};
    p.check = check_schedule(in, p.schedule);
    return p;
}

// The table line that starts with `first` (after the indent), "" if none.
std::string line_of(const std::string& text, const std::string& first) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("  " + first + " ", 0) == 0) return line;
    return {};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("unmet report: the objective's unmet row is priced per SKU") {
    const Plan p = short_plan(soft_yaml());
    REQUIRE(p.check.objective.unmet == doctest::Approx(900));
    REQUIRE(p.check.objective.unmet_cost == doctest::Approx(5500));
    std::ostringstream out;
    print_objective(out, p.instance, p.check.objective);
    const std::string row = line_of(out.str(), "unmet");
    INFO(out.str());
    CHECK(has(row, " 900 "));
    CHECK(has(row, "per SKU"));  // no single weight
    CHECK(has(row, " 5500"));
    CHECK(!has(row, "2700"));
    CHECK(has(report::gantt_title(p.instance, p.check.objective), "unmet 900 at SKU prices = 5500"));

    SUBCASE("one price for every SKU: the weight column shows it") {
        const Plan uniform = short_plan(soft_yaml(""));
        std::ostringstream text;
        print_objective(text, uniform.instance, uniform.check.objective);
        const std::string unmet = line_of(text.str(), "unmet");
        CHECK(has(unmet, "units       3"));
        CHECK(has(unmet, " 2700"));
        CHECK(has(report::gantt_title(uniform.instance, uniform.check.objective), "unmet 900 \u00d7 3"));
    }
}

TEST_CASE("unmet report: fill rate per SKU and in total; short SKUs marked in the tables") {
    const Plan p = short_plan(soft_yaml());
    std::ostringstream out;
    print_sku_table(out, p.instance, sku_kpis(p.instance, p.schedule));
    const std::string table = out.str();
    INFO(table);
    CHECK(has(table, "unmet     fill  unmet cost"));
    CHECK(has(line_of(table, "S1 *"), "400  60.00 %        4000"));
    CHECK(has(line_of(table, "S2 *"), "500   0.00 %        1500"));
    CHECK(has(line_of(table, "total"), "900  40.00 %        5500"));
    CHECK(has(table, "* short: 2 SKUs not fully packed, 900 units unmet"));

    std::ostringstream fill;
    print_fill_rate(fill, demand_totals(sku_kpis(p.instance, p.schedule)));
    CHECK(fill.str() == "Fill rate 40.00 %: 600 of 1500 units of demand packed; 900 unmet in 2 SKUs (cost 5500)\n");

    // Never "100 %" while a unit is short.
    CHECK(fill_rate_text(1) == "100 %");
    CHECK(fill_rate_text(0.999999) == "99.99 %");
    CHECK(fill_rate_text(0) == "0.00 %");
    CHECK(fill_rate_text(0.57) == "57.00 %");  // 0.57 * 10000 is 5699.999... in binary
    CHECK(fill_rate_text(1 - 1e-12) == "99.99 %");
}

TEST_CASE("unmet report: the Gantt chart lists the short SKUs in its legend (SVG and HTML)") {
    const Plan p = short_plan(soft_yaml());
    const std::string svg = report::gantt_svg(p.instance, p.schedule, p.check.objective);
    const std::string html = report::gantt_html(p.instance, p.schedule, p.check.objective);
    // Most units short first.
    const std::string legend = "Short SKUs (demand not fully packed; fill rate 40.00 %, 900 units unmet): "
                               "S2 500 (0.00 %), S1 400 (60.00 %)";
    CHECK(has(svg, "id=\"short-skus\""));
    CHECK(has(svg, legend));
    CHECK(has(svg, "fill rate 40.00 % (2 SKUs short)"));
    CHECK(has(svg, "SHORT: S1: 400 of 1000 units unmet (fill 60.00 %)"));  // S1's row tooltip
    CHECK(has(html, legend));

    SUBCASE("nothing short: no short-SKU line") {
        Plan full = p;
        full.schedule.rows[1].amount = 1000;
        full.schedule.rows.push_back({*p.instance.find_resource("L1"), *p.instance.find_product("S2"), 500, 20, 25});
        const std::string chart = report::gantt_svg(full.instance, full.schedule, check_schedule(full.instance, full.schedule).objective);
        CHECK(!has(chart, "short-skus"));
        CHECK(has(chart, "fill rate 100 %"));
    }
}
