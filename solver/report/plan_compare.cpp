#include "solver/report/plan_compare.hpp"

#include "model/kpi.hpp"
#include "solver/report/report_tables.hpp"

#include <functional>

namespace makepack::report {

namespace {

std::string num(double value) { return format_number(value, 2); }

std::string delta(double a, double b) {
    const double d = b - a;
    if (d == 0) return "0";
    return (d > 0 ? "+" : "") + format_number(d, 2);
}

}  // namespace

PlanStability plan_stability(const Schedule& a, const Schedule& b) {
    PlanStability s;
    s.rows_a = static_cast<int>(a.rows.size());
    s.rows_b = static_cast<int>(b.rows.size());
    std::vector<char> used_a(a.rows.size(), 0), used_b(b.rows.size(), 0);
    // One pass per kind of pairing, strictest first; quadratic, but plans
    // have hundreds to a few thousand rows and the report runs once.
    auto pair_up = [&](const std::function<bool(const Row&, const Row&)>& same, int& count) {
        for (std::size_t i = 0; i < a.rows.size(); ++i) {
            if (used_a[i]) continue;
            for (std::size_t j = 0; j < b.rows.size(); ++j)
                if (!used_b[j] && same(a.rows[i], b.rows[j])) {
                    used_a[i] = used_b[j] = 1;
                    ++count;
                    break;
                }
        }
    };
    pair_up([](const Row& x, const Row& y) { return x == y; }, s.unchanged);
    pair_up([](const Row& x, const Row& y) {
        return x.resource == y.resource && x.product == y.product && x.amount == y.amount;
    }, s.moved);
    pair_up([](const Row& x, const Row& y) { return x.resource == y.resource && x.product == y.product; }, s.resized);
    pair_up([](const Row& x, const Row& y) { return x.product == y.product; }, s.other_resource);
    for (char u : used_a) s.removed += !u;
    for (char u : used_b) s.added += !u;
    return s;
}

void print_plan_comparison(std::ostream& out, const Instance& instance, const ComparedPlan& a, const ComparedPlan& b) {
    out << "Side by side: A = " << a.label << ", B = " << b.label << "\n\n";
    out << "Objective (minimise, weighted):\n";
    TextTable objective({"component", "A", "B", "B - A"});
    const auto ca = objective_components(instance, a.objective), cb = objective_components(instance, b.objective);
    for (std::size_t k = 0; k < ca.size() && k < cb.size(); ++k) {
        if (!ca[k].priced && ca[k].value == 0 && cb[k].value == 0) continue;
        objective.add_row({ca[k].name, num(ca[k].weighted), num(cb[k].weighted), delta(ca[k].weighted, cb[k].weighted)});
    }
    objective.add_separator();
    objective.add_row({"total", num(a.objective.total), num(b.objective.total), delta(a.objective.total, b.objective.total)});
    objective.print(out);

    out << "\nPer resource (hours; A / B):\n";
    const auto ka = resource_kpis(instance, *a.schedule), kb = resource_kpis(instance, *b.schedule);
    TextTable resources({"resource", "rows A", "rows B", "work A", "work B", "exp.downtime A", "exp.downtime B",
                         "changeover A", "changeover B", "idle A", "idle B"});
    for (std::size_t r = 0; r < ka.size() && r < kb.size(); ++r)
        resources.add_row({instance.resources[r].id, num(ka[r].rows), num(kb[r].rows), num(static_cast<double>(ka[r].work_hours)),
                           num(static_cast<double>(kb[r].work_hours)), num(ka[r].downtime_hours), num(kb[r].downtime_hours),
                           num(static_cast<double>(ka[r].changeover_hours)), num(static_cast<double>(kb[r].changeover_hours)),
                           num(ka[r].idle_hours), num(kb[r].idle_hours)});
    resources.print(out);

    const PlanStability s = plan_stability(*a.schedule, *b.schedule);
    out << "\nStability of B against A (" << s.rows_a << " rows in A, " << s.rows_b << " in B):\n";
    TextTable stability({"rows", "count"});
    stability.add_row({"unchanged", num(s.unchanged)});
    stability.add_row({"moved (other start)", num(s.moved)});
    stability.add_row({"resized (other amount)", num(s.resized)});
    stability.add_row({"on another resource", num(s.other_resource)});
    stability.add_row({"removed (only in A)", num(s.removed)});
    stability.add_row({"added (only in B)", num(s.added)});
    stability.print(out);
}

}  // namespace makepack::report
