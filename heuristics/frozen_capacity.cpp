#include "heuristics/frozen_capacity.hpp"

#include "model/bound/due_dates.hpp"
#include "model/checker.hpp"
#include "model/rules/storage.hpp"

#include <algorithm>
#include <map>

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
    if (!in.storage) return {};
    // From frozen_until on, rows the solver places may have used paste up; but
    // not a lot at the time it is made: a line row frees its totes at its end,
    // after its start, and the lot is made then (MODEL.md 4, 9.6). So at the
    // end t of a fixed mixer row, the lots the fixed rows make at t and the
    // fixed line rows running at t alone need their totes.
    const Storage& storage = *in.storage;
    std::map<int, std::map<int, double>> made_at;  // t -> paste -> lbs of fixed lots made at t
    for (const Row& row : in.fixed_rows)
        if (in.is_mixer(row.resource) && row.end >= in.frozen_until && row.end < in.horizon)  // totes: [0, horizon)
            made_at[row.end][row.product] += in.lbs(row);
    for (const auto& [t, lots] : made_at) {
        std::int64_t totes = 0;  // each term at most kToteCountCap: no overflow
        for (const auto& [paste, lbs] : lots) totes += totes_for(lbs, storage.tote_capacity);
        for (const Row& row : in.fixed_rows)
            if (!in.is_mixer(row.resource) && row.start <= t && t < row.end) totes += storage.static_totes_per_running_line;
        if (totes > storage.totes)
            return "the fixed rows alone: at " + std::to_string(t) + " their mixer rows ending then make " +
                   (totes >= kToteCountCap ? std::string("more") : std::to_string(totes)) +
                   " totes of paste (with their lines' static totes), more than the " + std::to_string(storage.totes) +
                   " of storage.totes; nothing can use a lot before it is made";
    }
    return {};
}

}  // namespace makepack
