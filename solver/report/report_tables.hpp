// Printing of the objective breakdown and the KPI tables of model/kpi.hpp as
// aligned plain-text tables (what `solve` and `verify` show).
#pragma once

#include "model/checker.hpp"
#include "model/kpi.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace makepack {

// A plain-text table: first column left-aligned, the others right-aligned.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> headers);
    void add_row(std::vector<std::string> cells);
    void add_separator();
    void print(std::ostream& out) const;

private:
    std::vector<std::string> headers_;
    std::vector<std::vector<std::string>> rows_;  // empty row = separator
};

// An integral value without decimals ("12"), any other with `decimals` ("12.50").
std::string format_number(double value, int decimals = 2);

// A fill rate as a percentage: "100 %" only when nothing is short (a rate
// below 1 is truncated, never rounded up to 100), else two decimals, "95.23 %".
std::string fill_rate_text(double fill_rate);

// One component of the objective as the planner sees it (the objective table,
// the Gantt chart's title).
struct ObjectiveComponent {
    const char* name;
    const char* unit;
    double value;                  // unweighted
    std::optional<double> weight;  // empty: priced per SKU (unmet, when SKUs have prices of their own)
    double weighted;               // its part of objective.total; unmet: objective.unmet_cost
    bool priced;                   // it can add to the total: a weight (or a SKU's price) != 0
};
std::vector<ObjectiveComponent> objective_components(const Instance& instance, const ObjectiveBreakdown& objective);

// total + each component (unweighted value, weight, weighted contribution);
// components neither priced nor with a value are left out.
void print_objective(std::ostream& out, const Instance& instance, const ObjectiveBreakdown& objective);

// One line: "Fill rate 95.23 %: 2000 of 2100 units of demand packed; 100 unmet in 1 SKU (cost 500)".
void print_fill_rate(std::ostream& out, const DemandTotals& totals);

// A new plan's result (solve, review): the objective breakdown, the gap to a
// lower bound (when there is one, > 0) and the fill rate.
void print_plan_result(std::ostream& out, const Instance& instance, const Schedule& schedule,
                       const ObjectiveBreakdown& objective, double lower_bound);

// Thesis table 4.16.
void print_resource_table(std::ostream& out, const Instance& instance, const std::vector<ResourceKpi>& kpis);
// Thesis table A.25: paste made against paste needed.
void print_paste_table(std::ostream& out, const Instance& instance, const std::vector<PasteKpi>& kpis);
// Thesis table A.26: units packed against demand, with the fill rate; short
// SKUs (unmet > 0) are marked "*" (and a note says so).
void print_sku_table(std::ostream& out, const Instance& instance, const std::vector<SkuKpi>& kpis);

}  // namespace makepack
