#include "heuristics/frozen_capacity.hpp"

#include "model/bound/due_dates.hpp"
#include "model/checker.hpp"

#include <cmath>
#include <vector>

namespace makepack {

std::string frozen_capacity_impossible(const Instance& in) {
    if (in.frozen_until <= 0) return {};
    std::vector<double> fixed(in.products.size(), 0.0);  // units (SKUs) or lbs (pastes) of fixed rows
    for (const Row& row : in.fixed_rows)
        fixed[static_cast<std::size_t>(row.product)] += in.is_mixer(row.resource) ? in.lbs(row) : static_cast<double>(row.amount);
    std::vector<double> paste_need(static_cast<std::size_t>(in.num_pastes), 0.0);  // lbs the required units take
    for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s) {
        const Product& sku = in.products[static_cast<std::size_t>(s)];
        const double required = static_cast<double>(in.required_units(s));
        paste_need[static_cast<std::size_t>(sku.paste)] += required / sku.units_per_lb;
        const double missing = required - fixed[static_cast<std::size_t>(s)];
        if (missing <= 0) continue;
        const int deadline = in.deadline(s);
        double can = 0;
        for (int line : sku.eligible)
            can += static_cast<double>(free_working_hours(in, line, in.frozen_until, deadline)) * in.option(s, line)->rate;
        if (missing > can * (1 + 1e-12))
            return "SKU " + sku.id + " must still pack " + std::to_string(static_cast<long long>(missing)) +
                   " units beyond its fixed rows, but its lines can pack at most " +
                   std::to_string(static_cast<long long>(std::floor(can))) + " between frozen_until " +
                   std::to_string(in.frozen_until) + " and " + std::to_string(deadline);
    }
    for (int p = 0; p < in.num_pastes; ++p) {
        const Product& paste = in.products[static_cast<std::size_t>(p)];
        const double missing = paste_need[static_cast<std::size_t>(p)] - paste.initial_stock - fixed[static_cast<std::size_t>(p)];
        // The checker lets each use be short by a rounding tolerance: allow far more.
        if (missing <= 1e-3 + 1e-6 * paste_need[static_cast<std::size_t>(p)]) continue;
        double can = 0;  // whole batches only
        for (int m : paste.eligible)
            can += std::floor(static_cast<double>(free_working_hours(in, m, in.frozen_until, in.horizon)) /
                              in.option(p, m)->batch_hours) *
                   in.resources[static_cast<std::size_t>(m)].batch_size;
        if (missing > can * (1 + 1e-12) + 1e-6)
            return "paste " + paste.id + ": its SKUs need " + std::to_string(static_cast<long long>(std::ceil(missing))) +
                   " lbs more than its initial stock and fixed rows, but its mixers can make at most " +
                   std::to_string(static_cast<long long>(can)) + " after frozen_until " + std::to_string(in.frozen_until);
    }
    return {};
}

std::string fixed_past_impossible(const Instance& in) {
    if (in.frozen_until <= 0 || in.fixed_rows.empty()) return {};
    Schedule fixed;
    fixed.instance_name = in.name;
    fixed.rows = in.fixed_rows;
    CheckOptions options;
    options.compare_stated = false;
    const CheckResult check = check_schedule(in, fixed, options);
    for (const Violation& v : check.violations)
        if ((v.rule == "material" || v.rule == "storage") && v.start < in.frozen_until)
            return "the fixed rows alone, before frozen_until " + std::to_string(in.frozen_until) + ": " + to_string(v);
    return {};
}

}  // namespace makepack
