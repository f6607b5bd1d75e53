#include "model/bound/capacity_lp.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/lower_bound.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace makepack {

namespace {
using bound_numbers::kInfinity;
// Upper-bound rows the LP gets at most (each one enlarges the dense basis);
// the Lagrangian keeps every bound anyway, so leaving some out only weakens
// the prices, never the validity.
constexpr int kMaxBoundRows = 400;

using bound_numbers::at;
}  // namespace

double max_amount(const Instance& instance, int product, int r, double available) {
    // Work is whole hours (lines) or whole batches (mixers), and every row is
    // followed by a changeover of >= cmin inside the same hours.
    const double hours = std::floor(available + 1e-9) - min_changeover_after(instance, product);
    if (hours < 1) return 0;
    const Option* o = instance.option(product, r);
    if (!instance.is_mixer(r)) return hours * o->rate;
    const double lbs = std::floor(hours / o->batch_hours) * instance.resources[at(r)].batch_size;
    // The checker's paste tolerance (docs/bound.md "Rounding"), with margin.
    return lbs > 0 ? lbs + 1e-3 + 1e-6 * lbs : 0;
}

CapacityModel capacity_model(const Instance& instance, const std::vector<double>& need,
                             const std::vector<double>& hard, bool soft, const std::vector<double>& available) {
    CapacityModel m;
    m.soft = soft;
    m.need = need;
    m.hours = available;
    m.arcs.resize(instance.products.size());
    m.unmet_cost.assign(instance.products.size(), 0.0);
    m.unmet_max.assign(instance.products.size(), 0.0);
    m.paste_share.assign(instance.products.size(), 0.0);
    const ObjectiveWeights& w = instance.weights;
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const double amount = need[at(p)];
        if (amount <= 0) continue;
        const Product& product = instance.products[at(p)];
        const bool mixer = p < instance.num_pastes;
        const int co = min_changeover_after(instance, p);
        for (int r : product.eligible) {
            const double most = max_amount(instance, p, r, available[at(r)]);
            if (most <= 0) continue;  // not one row fits on r
            const double d = instance.option(p, r)->downtime;
            const double fractional = hours_per_amount(instance, p, r) * amount;
            const double whole = row_hours(instance, p, r, amount);
            const double bound = most < amount ? most / amount : kInfinity;
            // A resource making any of the product has >= 1 row there, so >= co
            // changeover hours; it makes at most min(amount, most), so co per
            // that much never exceeds what the schedule spends (docs/bound.md 2).
            const double spread = co * amount / std::min(amount, most);
            if (!(soft && mixer))  // single: all of the need in one row
                m.arcs[at(p)].push_back({r, w.downtime * d * whole + w.changeover * co, whole + co, kInfinity, true});
            if (soft)  // share: any part, fractional work
                m.arcs[at(p)].push_back({r, w.downtime * d * fractional + w.changeover * spread, fractional + spread, bound});
            else if (product.eligible.size() >= 2)  // several rows (on one resource only: dominated by single)
                m.arcs[at(p)].push_back({r, w.downtime * d * fractional + 2 * w.changeover * co, fractional + spread, bound});
        }
        if (soft && !mixer) {
            m.unmet_cost[at(p)] = instance.unmet_penalty(p) * amount;
            m.unmet_max[at(p)] = std::max(0.0, 1 - hard[at(p)] / amount);
            const double paste_need = need[at(product.paste)];
            m.paste_share[at(p)] = paste_need > 0 ? amount / product.units_per_lb / paste_need : 0;
        }
    }
    return m;
}

double cheapest_cover(std::vector<Cover> items) {
    std::sort(items.begin(), items.end(), [](const Cover& a, const Cover& b) { return a.value < b.value; });
    double left = 1, total = 0;
    for (const Cover& c : items) {
        if (left <= 0) break;
        const double take = std::min(left, c.bound);
        if (take <= 0) continue;
        total += take * c.value;
        left -= take;
    }
    // A residue of rounding in the bounds (<= 1e-9) counts as covered at no
    // cost: a smaller value is always safe.
    return left > 1e-9 ? kInfinity : total;
}

Lagrangian lagrangian(const Instance& instance, const CapacityModel& m, const std::vector<double>& price,
                      const std::vector<double>& paste_price) {
    Lagrangian l;
    const auto value = [&](const Arc& a) { return a.cost + a.hours * std::max(0.0, price[at(a.resource)]); };
    std::vector<double> pi(at(instance.num_pastes), 0.0);
    for (int p = 0; p < instance.num_pastes; ++p) {
        if (m.need[at(p)] <= 0 || m.arcs[at(p)].empty()) continue;
        if (!m.soft) {
            std::vector<Cover> items;
            for (const Arc& a : m.arcs[at(p)]) items.push_back({value(a), a.bound});
            l.mixers += cheapest_cover(items);
            continue;
        }
        // Soft: the paste row "made + unmet shares >= 1" is relaxed at price
        // pi >= 0; each made share x_a in [0, bound_a] then adds (value - pi) x_a,
        // unbounded below unless pi <= every unbounded arc's value.
        double cap = kInfinity;
        for (const Arc& a : m.arcs[at(p)])
            if (a.bound == kInfinity) cap = std::min(cap, value(a));
        pi[at(p)] = std::clamp(paste_price[at(p)], 0.0, cap);
        double term = pi[at(p)];
        for (const Arc& a : m.arcs[at(p)])
            if (a.bound != kInfinity) term += a.bound * std::min(0.0, value(a) - pi[at(p)]);
        l.mixers += term;
    }
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
        if (m.need[at(s)] <= 0) continue;
        std::vector<Cover> items;
        for (const Arc& a : m.arcs[at(s)]) items.push_back({value(a), a.bound});
        if (m.soft) {
            const int paste = instance.products[at(s)].paste;
            items.push_back({m.unmet_cost[at(s)] - pi[at(paste)] * m.paste_share[at(s)], m.unmet_max[at(s)]});
        }
        if (!items.empty()) l.lines += cheapest_cover(items);
    }
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        const double v = std::max(0.0, price[at(r)]) * m.hours[at(r)];
        (instance.is_mixer(r) ? l.mixers : l.lines) -= v;
    }
    return l;
}

namespace {

// Farkas certificate (hard demand): with prices v >= 0, if
//   sum_p min over its covers of (hours v)  >  sum_r available_r v_r
// no assignment of the needs fits the capacity.
bool certifies_infeasibility(const Instance& instance, const CapacityModel& m, const std::vector<double>& price,
                             bool mixers) {
    double need_side = 0, capacity_side = 0;
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        if ((p < instance.num_pastes) != mixers || m.need[at(p)] <= 0) continue;
        if (m.arcs[at(p)].empty()) return false;
        std::vector<Cover> items;
        for (const Arc& a : m.arcs[at(p)]) items.push_back({a.hours * std::max(0.0, price[at(a.resource)]), a.bound});
        need_side += cheapest_cover(items);  // infinite: the resources cannot make it even alone
    }
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r)
        if (instance.is_mixer(r) == mixers) capacity_side += std::max(0.0, price[at(r)]) * m.hours[at(r)];
    return need_side > capacity_side + 1e-9 * (need_side + capacity_side) + 1e-12;
}

struct LpRun {
    bound::LpResult result;
    std::vector<double> price;        // per resource (>= 0)
    std::vector<double> paste_price;  // per paste (soft)
};

// One LP over the stages selected (both for soft demand). Variables are
// fractions of each product's need per arc. Hard demand: one convexity set per
// product (sum = 1). Soft demand: SKU sets include the unmet column; a paste
// is a coupling row "paste made + SKU unmet shares >= 1" instead of a set.
// Coupling rows: resource hours <= available, and column bounds < 1.
LpRun run_lp(const Instance& instance, const CapacityModel& m, bool mixers, bool lines, double seconds) {
    bound::LpProblem lp;
    std::vector<int> set_of(instance.products.size(), -1);
    std::vector<int> paste_row(at(instance.num_pastes), -1);
    std::vector<int> resource_row(instance.resources.size(), -1);
    int bound_rows = 0;
    const auto add_bound = [&](bound::LpColumn& c, double b) {
        if (b >= 1 || bound_rows >= kMaxBoundRows) return;
        ++bound_rows;
        c.entries.emplace_back(lp.add_row(bound::RowSense::LessEqual, b), 1.0);
    };
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const bool mixer = p < instance.num_pastes;
        if ((mixer ? !mixers : !lines) || m.need[at(p)] <= 0 || (m.arcs[at(p)].empty() && !(m.soft && !mixer)))
            continue;
        if (mixer && m.soft) paste_row[at(p)] = lp.add_row(bound::RowSense::GreaterEqual, 1.0);
        else set_of[at(p)] = lp.add_set(1.0);
    }
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        if (instance.is_mixer(r) ? !mixers : !lines) continue;
        resource_row[at(r)] = lp.add_row(bound::RowSense::LessEqual, m.hours[at(r)]);
    }
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const bool mixer = p < instance.num_pastes;
        if (set_of[at(p)] < 0 && (!mixer || paste_row[at(p)] < 0)) continue;
        for (const Arc& a : m.arcs[at(p)]) {
            bound::LpColumn c;
            c.cost = a.cost;
            c.set = set_of[at(p)];
            if (mixer && m.soft) c.entries.emplace_back(paste_row[at(p)], 1.0);
            c.entries.emplace_back(resource_row[at(a.resource)], a.hours);
            add_bound(c, a.bound);
            lp.columns.push_back(std::move(c));
        }
        if (m.soft && !mixer) {  // unmet units of the SKU
            const int paste = instance.products[at(p)].paste;
            bound::LpColumn c;
            c.cost = m.unmet_cost[at(p)];
            c.set = set_of[at(p)];
            if (paste_row[at(paste)] >= 0) c.entries.emplace_back(paste_row[at(paste)], m.paste_share[at(p)]);
            add_bound(c, m.unmet_max[at(p)]);
            lp.columns.push_back(std::move(c));
        }
    }
    bound::LpOptions options;
    options.time_limit_seconds = std::max(0.0, seconds);
    LpRun run;
    run.result = bound::solve_lp(lp, options);
    run.price.assign(instance.resources.size(), 0.0);
    run.paste_price.assign(at(instance.num_pastes), 0.0);
    if (run.result.row_duals.size() == lp.rhs.size()) {
        for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r)
            if (resource_row[at(r)] >= 0) run.price[at(r)] = std::max(0.0, -run.result.row_duals[at(resource_row[at(r)])]);
        for (int p = 0; p < instance.num_pastes; ++p)
            if (paste_row[at(p)] >= 0) run.paste_price[at(p)] = run.result.row_duals[at(paste_row[at(p)])];
    }
    return run;
}

}  // namespace

CapacityRuns run_capacity_lps(const Instance& instance, const CapacityModel& m, double seconds) {
    const auto started = std::chrono::steady_clock::now();
    const auto left = [&] {
        return seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    CapacityRuns out;
    out.price.assign(instance.resources.size(), 0.0);
    out.paste_price.assign(at(instance.num_pastes), 0.0);
    const std::vector<std::pair<bool, bool>> runs = m.soft ? std::vector<std::pair<bool, bool>>{{true, true}}
                                                           : std::vector<std::pair<bool, bool>>{{false, true}, {true, false}};
    // Hard demand: a product with a need that not one row fits anywhere
    // (every eligible resource has most = 0) cannot be made.
    for (int p = 0; !m.soft && p < static_cast<int>(instance.products.size()); ++p)
        if (m.need[at(p)] > 0 && m.arcs[at(p)].empty() && !instance.products[at(p)].eligible.empty()) {
            out.infeasible = true;
            out.stage = p < instance.num_pastes ? "mixers" : "lines";
            return out;
        }
    for (auto [mixers, lines] : runs) {
        LpRun run = run_lp(instance, m, mixers, lines, left());
        out.iterations += run.result.iterations;
        for (std::size_t r = 0; r < out.price.size(); ++r)
            if (instance.is_mixer(static_cast<int>(r)) ? mixers : lines) out.price[r] = run.price[r];
        if (mixers) out.paste_price = run.paste_price;
        if (run.result.status == bound::LpStatus::Infeasible) {
            out.status = "infeasible";
            if (!m.soft && certifies_infeasibility(instance, m, run.price, mixers)) {
                out.infeasible = true;
                out.stage = mixers ? "mixers" : "lines";
                return out;
            }
            out.reason = "the capacity LP reports infeasibility without a verifiable certificate";
            out.finished = false;
        } else if (run.result.status != bound::LpStatus::Optimal) {
            out.status = bound::to_string(run.result.status);
            out.reason = std::string("the capacity LP stopped early (") + bound::to_string(run.result.status) +
                         "); its prices still give a valid, weaker bound";
        }
        out.objective += run.result.objective;
    }
    return out;
}

}  // namespace makepack
