#include "model/bound/timed_lp.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/capacity_lp.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/simplex.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::kInfinity;

using bound_numbers::at;

// Working hours of r in [a, b) outside its outages (each hour once).
double free_hours(const Resource& r, int a, int b) {
    if (b <= a) return 0;
    double hours = static_cast<double>(r.working.at(b) - r.working.at(a));
    int covered = a;
    for (const Outage& o : r.calendar.outages) {  // sorted by start
        const int s = std::max(o.start, covered);
        const int e = std::min(o.end, b);
        if (e > s) hours -= static_cast<double>(r.working.at(e) - r.working.at(s));
        covered = std::max(covered, std::min(o.end, b));
    }
    return std::max(0.0, hours);
}

// A column of the LP with the box bound the Lagrangian keeps.
struct Column {
    bound::LpColumn lp;
    double upper = kInfinity;
};

}  // namespace

std::vector<int> timed_buckets(int horizon, int first_paste, int last_start, int buckets) {
    std::vector<int> t{0, horizon};
    last_start = std::clamp(last_start, 0, horizon);
    first_paste = std::clamp(first_paste, 0, last_start);
    t.push_back(first_paste);
    t.push_back(last_start);
    const int middle = std::max(1, buckets - 2);
    for (int k = 1; k < middle; ++k)
        t.push_back(first_paste + static_cast<int>((static_cast<long long>(last_start - first_paste) * k) / middle));
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
}

TimedBound timed_lp_bound(const Instance& instance, const std::vector<double>& need, const std::vector<double>& hard,
                          const std::vector<double>& available, double seconds, int buckets) {
    TimedBound out;
    if (!instance.demand_soft || !instance.fixed_rows.empty() || instance.frozen_until > 0) {
        out.status = "only for soft demand without fixed rows";
        return out;
    }
    const ObjectiveWeights& w = instance.weights;
    const int H = instance.horizon;
    const int products = static_cast<int>(instance.products.size());

    // Time of the first batch end of paste p on mixer m (outages only delay it),
    // and the latest start of a line row of SKU s: >= 1 work hour and its
    // changeover must end by the horizon (MODEL.md 3).
    const auto first_end = [&](int p, int m) {
        return instance.resources[at(m)].working.end_after(0, instance.option(p, m)->batch_hours);
    };
    std::vector<int> last_start(at(products), INT_MIN);  // per paste: its SKUs' latest row start
    int first_paste = H, latest = 0;
    for (int s = instance.num_pastes; s < products; ++s) {
        if (need[at(s)] <= 0) continue;
        const int p = instance.products[at(s)].paste;
        for (int l : instance.products[at(s)].eligible) {
            const int start = instance.resources[at(l)].working.latest_start(H, 1 + min_changeover_after(instance, s));
            last_start[at(p)] = std::max(last_start[at(p)], start);
            latest = std::max(latest, start);
        }
    }
    for (int p = 0; p < instance.num_pastes; ++p)
        if (need[at(p)] > 0)
            for (int m : instance.products[at(p)].eligible) first_paste = std::min(first_paste, first_end(p, m));
    const std::vector<int> t = timed_buckets(H, first_paste, latest, buckets);
    const int B = static_cast<int>(t.size()) - 1;
    out.buckets = B;

    bound::LpProblem lp;
    std::vector<Column> columns;
    const int R = static_cast<int>(instance.resources.size());
    // Rows: work per resource and bucket, total hours per resource, paste flow
    // per paste and bucket (scaled by the paste's need).
    std::vector<std::vector<int>> bucket_row(at(R), std::vector<int>(at(B), -1));
    std::vector<std::vector<double>> bucket_hours(at(R), std::vector<double>(at(B), 0.0));
    std::vector<int> total_row(at(R), -1);
    for (int r = 0; r < R; ++r) {
        total_row[at(r)] = lp.add_row(bound::RowSense::LessEqual, available[at(r)]);
        for (int b = 0; b < B; ++b) {
            bucket_hours[at(r)][at(b)] = free_hours(instance.resources[at(r)], t[at(b)], t[at(b + 1)]);
            bucket_row[at(r)][at(b)] = lp.add_row(bound::RowSense::LessEqual, bucket_hours[at(r)][at(b)]);
        }
    }
    std::vector<std::vector<int>> flow_row(at(instance.num_pastes));
    for (int p = 0; p < instance.num_pastes; ++p) {
        if (need[at(p)] <= 0) continue;  // the initial stock covers every SKU of p
        for (int b = 0; b < B; ++b)
            flow_row[at(p)].push_back(
                lp.add_row(bound::RowSense::LessEqual, instance.products[at(p)].initial_stock / need[at(p)]));
    }

    // Mixers: hours of work of p on m in bucket b (only before its SKUs' last
    // row start); their paste counts from the first bucket ending after its
    // first batch can end.
    for (int p = 0; p < instance.num_pastes; ++p) {
        const double N = need[at(p)];
        if (N <= 0) continue;
        const int co = min_changeover_after(instance, p);
        for (int m : instance.products[at(p)].eligible) {
            const double most = max_amount(instance, p, m, available[at(m)]);
            if (most <= 0) continue;
            const Option* o = instance.option(p, m);
            const double lbs_per_hour = instance.resources[at(m)].batch_size / o->batch_hours;
            const double share = std::min(N, most);  // the most the schedule's useful rows on m make
            const double spread = co * lbs_per_hour / share;  // changeover hours per hour of work
            const int ready = first_end(p, m);
            for (int b = 0; b < B; ++b) {
                if (t[at(b)] >= last_start[at(p)] || bucket_hours[at(m)][at(b)] <= 0) continue;
                Column c;
                c.lp.cost = w.downtime * o->downtime + w.changeover * spread;
                c.lp.entries.emplace_back(bucket_row[at(m)][at(b)], 1.0);
                c.lp.entries.emplace_back(total_row[at(m)], 1 + spread);
                for (int k = b; k < B; ++k)
                    if (t[at(k + 1)] > ready) c.lp.entries.emplace_back(flow_row[at(p)][at(k)], -lbs_per_hour / N);
                c.upper = std::min(bucket_hours[at(m)][at(b)], share / lbs_per_hour);
                columns.push_back(std::move(c));
            }
        }
    }

    // Lines: fractions of each SKU's need packed on l in bucket b, and unmet.
    std::vector<int> set_of(at(products), -1);
    for (int s = instance.num_pastes; s < products; ++s) {
        const double D = need[at(s)];
        if (D <= 0) continue;
        const Product& sku = instance.products[at(s)];
        const int p = sku.paste;
        set_of[at(s)] = lp.add_set(1.0);
        const int co = min_changeover_after(instance, s);
        for (int l : sku.eligible) {
            const double most = max_amount(instance, s, l, available[at(l)]);
            if (most <= 0) continue;
            const Option* o = instance.option(s, l);
            const double share = std::min(D, most);
            for (int b = 0; b < B; ++b) {
                if (bucket_hours[at(l)][at(b)] <= 0) continue;
                Column c;
                c.lp.set = set_of[at(s)];
                c.lp.cost = D * (w.downtime * o->downtime / o->rate + w.changeover * co / share);
                c.lp.entries.emplace_back(bucket_row[at(l)][at(b)], D / o->rate);
                c.lp.entries.emplace_back(total_row[at(l)], D * (1 / o->rate + co / share));
                if (!flow_row[at(p)].empty())
                    for (int k = b; k < B; ++k)
                        c.lp.entries.emplace_back(flow_row[at(p)][at(k)], D / sku.units_per_lb / need[at(p)]);
                c.upper = std::min({1.0, bucket_hours[at(l)][at(b)] * o->rate / D, most / D});
                columns.push_back(std::move(c));
            }
        }
        Column unmet;
        unmet.lp.set = set_of[at(s)];
        unmet.lp.cost = instance.unmet_penalty(s) * D;
        unmet.upper = std::max(0.0, 1 - hard[at(s)] / D);
        if (unmet.upper < 1) unmet.lp.entries.emplace_back(lp.add_row(bound::RowSense::LessEqual, unmet.upper), 1.0);
        columns.push_back(std::move(unmet));
    }

    for (const Column& c : columns) lp.columns.push_back(c.lp);
    bound::LpOptions options;
    options.time_limit_seconds = std::max(0.0, seconds);
    const bound::LpResult result = bound::solve_lp(lp, options);
    out.iterations = result.iterations;
    out.status = bound::to_string(result.status);
    out.lp_objective = result.objective;
    if (result.row_duals.size() != lp.rhs.size()) return out;

    // The Lagrangian dual function: every row is "<=", relaxed at price
    // y <= 0; the sets and the box bounds are kept (docs/bound.md 7).
    std::vector<double> y(lp.rhs.size());
    double value = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        y[i] = std::min(0.0, result.row_duals[i]);
        value += y[i] * lp.rhs[i];
    }
    std::vector<std::vector<Cover>> covers(lp.set_rhs.size());
    for (const Column& c : columns) {
        double reduced = c.lp.cost;
        for (auto [row, a] : c.lp.entries) reduced -= y[at(row)] * a;
        if (c.lp.set >= 0) covers[at(c.lp.set)].push_back({reduced, c.upper});
        else value += std::min(0.0, reduced) * c.upper;
    }
    for (std::vector<Cover>& cover : covers) value += cheapest_cover(std::move(cover));
    if (std::isfinite(value)) out.value = value;
    return out;
}

}  // namespace makepack
