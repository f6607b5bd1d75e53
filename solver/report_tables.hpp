// Printing of the objective breakdown and the KPI tables of model/kpi.hpp as
// aligned plain-text tables (what `solve` and `verify` show).
#pragma once

#include "model/checker.hpp"
#include "model/kpi.hpp"

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

// total + each component (unweighted value, weight, weighted contribution);
// components with weight 0 and value 0 are left out.
void print_objective(std::ostream& out, const Instance& instance, const ObjectiveBreakdown& objective);

// Thesis table 4.16.
void print_resource_table(std::ostream& out, const Instance& instance, const std::vector<ResourceKpi>& kpis);
// Thesis table A.25: paste made against paste needed.
void print_paste_table(std::ostream& out, const Instance& instance, const std::vector<PasteKpi>& kpis);
// Thesis table A.26: units packed against demand.
void print_sku_table(std::ostream& out, const Instance& instance, const std::vector<SkuKpi>& kpis);

}  // namespace makepack
