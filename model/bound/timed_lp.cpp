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

using bound_numbers::at;
using bound_numbers::kInfinity;

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

namespace {

// The time grid: bucket boundaries, and per paste the latest start of a row
// of its SKUs (>= 1 work hour and its changeover must end by the horizon,
// MODEL.md 3); paste made later is never packed.
struct TimedGrid {
    std::vector<int> t;
    std::vector<int> last_start;
    int buckets() const { return static_cast<int>(t.size()) - 1; }
};

// Time of the first batch end of paste p on mixer m (outages only delay it).
int first_batch_end(const Instance& instance, int p, int m) {
    return instance.resources[at(m)].working.end_after(0, instance.option(p, m)->batch_hours);
}

TimedGrid timed_grid(const Instance& instance, const std::vector<double>& need, int buckets) {
    const int H = instance.horizon;
    const int products = static_cast<int>(instance.products.size());
    TimedGrid grid;
    grid.last_start.assign(at(products), INT_MIN);
    int first_paste = H, latest = 0;
    for (int s = instance.num_pastes; s < products; ++s) {
        if (need[at(s)] <= 0) continue;
        const int p = instance.products[at(s)].paste;
        for (int l : instance.products[at(s)].eligible) {
            const int start = instance.resources[at(l)].working.latest_start(H, 1 + min_changeover_after(instance, s));
            grid.last_start[at(p)] = std::max(grid.last_start[at(p)], start);
            latest = std::max(latest, start);
        }
    }
    for (int p = 0; p < instance.num_pastes; ++p)
        if (need[at(p)] > 0)
            for (int m : instance.products[at(p)].eligible)
                first_paste = std::min(first_paste, first_batch_end(instance, p, m));
    grid.t = timed_buckets(H, first_paste, latest, buckets);
    return grid;
}

// Builds the LP of docs/bound.md 7 with each column's box bound.
class TimedLp {
public:
    TimedLp(const Instance& instance, const std::vector<double>& need, const std::vector<double>& hard,
            const std::vector<double>& available, const TimedGrid& grid)
        : in_(instance), need_(need), hard_(hard), available_(available), grid_(grid), B_(grid.buckets()) {
        add_rows();
        add_mixer_columns();
        add_line_columns();
        for (const Column& c : columns_) lp_.columns.push_back(c.lp);
    }
    const bound::LpProblem& lp() const { return lp_; }
    const std::vector<Column>& columns() const { return columns_; }

private:
    // Work per resource and bucket, total hours per resource, paste flow per
    // paste and bucket (scaled by the paste's need).
    void add_rows() {
        const int R = static_cast<int>(in_.resources.size());
        bucket_row_.assign(at(R), std::vector<int>(at(B_), -1));
        bucket_hours_.assign(at(R), std::vector<double>(at(B_), 0.0));
        total_row_.assign(at(R), -1);
        for (int r = 0; r < R; ++r) {
            total_row_[at(r)] = lp_.add_row(bound::RowSense::LessEqual, available_[at(r)]);
            for (int b = 0; b < B_; ++b) {
                bucket_hours_[at(r)][at(b)] = free_hours(in_.resources[at(r)], t(b), t(b + 1));
                bucket_row_[at(r)][at(b)] = lp_.add_row(bound::RowSense::LessEqual, bucket_hours_[at(r)][at(b)]);
            }
        }
        flow_row_.assign(at(in_.num_pastes), {});
        for (int p = 0; p < in_.num_pastes; ++p) {
            if (need_[at(p)] <= 0) continue;  // the initial stock covers every SKU of p
            for (int b = 0; b < B_; ++b)
                flow_row_[at(p)].push_back(
                    lp_.add_row(bound::RowSense::LessEqual, in_.products[at(p)].initial_stock / need_[at(p)]));
        }
    }

    // Mixers: hours of work of p on m in bucket b (only before its SKUs' last
    // row start); their paste counts from the first bucket ending after its
    // first batch can end.
    void add_mixer_columns() {
        const ObjectiveWeights& w = in_.weights;
        for (int p = 0; p < in_.num_pastes; ++p) {
            const double N = need_[at(p)];
            if (N <= 0) continue;
            const int co = min_changeover_after(in_, p);
            for (int m : in_.products[at(p)].eligible) {
                const double most = max_amount(in_, p, m, available_[at(m)]);
                if (most <= 0) continue;
                const Option* o = in_.option(p, m);
                const double lbs_per_hour = in_.resources[at(m)].batch_size / o->batch_hours;
                const double share = std::min(N, most);  // the most the schedule's useful rows on m make
                const double spread = co * lbs_per_hour / share;  // changeover hours per hour of work
                const int ready = first_batch_end(in_, p, m);
                for (int b = 0; b < B_; ++b) {
                    if (t(b) >= grid_.last_start[at(p)] || bucket_hours_[at(m)][at(b)] <= 0) continue;
                    Column c;
                    c.lp.cost = w.downtime * o->downtime + w.changeover * spread;
                    c.lp.entries.emplace_back(bucket_row_[at(m)][at(b)], 1.0);
                    c.lp.entries.emplace_back(total_row_[at(m)], 1 + spread);
                    for (int k = b; k < B_; ++k)
                        if (t(k + 1) > ready) c.lp.entries.emplace_back(flow_row_[at(p)][at(k)], -lbs_per_hour / N);
                    c.upper = std::min(bucket_hours_[at(m)][at(b)], share / lbs_per_hour);
                    columns_.push_back(std::move(c));
                }
            }
        }
    }

    // Lines: fractions of each SKU's need packed on l in bucket b, and unmet.
    void add_line_columns() {
        const ObjectiveWeights& w = in_.weights;
        const int products = static_cast<int>(in_.products.size());
        for (int s = in_.num_pastes; s < products; ++s) {
            const double D = need_[at(s)];
            if (D <= 0) continue;
            const Product& sku = in_.products[at(s)];
            const int p = sku.paste;
            const int set = lp_.add_set(1.0);
            const int co = min_changeover_after(in_, s);
            for (int l : sku.eligible) {
                const double most = max_amount(in_, s, l, available_[at(l)]);
                if (most <= 0) continue;
                const Option* o = in_.option(s, l);
                const double share = std::min(D, most);
                for (int b = 0; b < B_; ++b) {
                    if (bucket_hours_[at(l)][at(b)] <= 0) continue;
                    Column c;
                    c.lp.set = set;
                    c.lp.cost = D * (w.downtime * o->downtime / o->rate + w.changeover * co / share);
                    c.lp.entries.emplace_back(bucket_row_[at(l)][at(b)], D / o->rate);
                    c.lp.entries.emplace_back(total_row_[at(l)], D * (1 / o->rate + co / share));
                    if (!flow_row_[at(p)].empty())
                        for (int k = b; k < B_; ++k)
                            c.lp.entries.emplace_back(flow_row_[at(p)][at(k)], D / sku.units_per_lb / need_[at(p)]);
                    c.upper = std::min({1.0, bucket_hours_[at(l)][at(b)] * o->rate / D, most / D});
                    columns_.push_back(std::move(c));
                }
            }
            Column unmet;
            unmet.lp.set = set;
            unmet.lp.cost = in_.unmet_penalty(s) * D;
            unmet.upper = std::max(0.0, 1 - hard_[at(s)] / D);
            if (unmet.upper < 1) unmet.lp.entries.emplace_back(lp_.add_row(bound::RowSense::LessEqual, unmet.upper), 1.0);
            columns_.push_back(std::move(unmet));
        }
    }

    int t(int b) const { return grid_.t[at(b)]; }

    const Instance& in_;
    const std::vector<double>& need_;
    const std::vector<double>& hard_;
    const std::vector<double>& available_;
    const TimedGrid& grid_;
    const int B_;
    bound::LpProblem lp_;
    std::vector<Column> columns_;
    std::vector<std::vector<int>> bucket_row_;
    std::vector<std::vector<double>> bucket_hours_;
    std::vector<int> total_row_;
    std::vector<std::vector<int>> flow_row_;
};

// The Lagrangian dual function at the LP's prices: every row is "<=",
// relaxed at price y <= 0; the sets and the box bounds are kept (docs/bound.md 7).
double lagrangian_value(const TimedLp& model, const std::vector<double>& row_duals) {
    const bound::LpProblem& lp = model.lp();
    std::vector<double> y(lp.rhs.size());
    double value = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        y[i] = std::min(0.0, row_duals[i]);
        value += y[i] * lp.rhs[i];
    }
    std::vector<std::vector<Cover>> covers(lp.set_rhs.size());
    for (const Column& c : model.columns()) {
        double reduced = c.lp.cost;
        for (auto [row, a] : c.lp.entries) reduced -= y[at(row)] * a;
        if (c.lp.set >= 0) covers[at(c.lp.set)].push_back({reduced, c.upper});
        else value += std::min(0.0, reduced) * c.upper;
    }
    for (std::vector<Cover>& cover : covers) value += cheapest_cover(std::move(cover));
    return value;
}

}  // namespace

TimedBound timed_lp_bound(const Instance& instance, const std::vector<double>& need, const std::vector<double>& hard,
                          const std::vector<double>& available, double seconds, int buckets) {
    TimedBound out;
    if (!instance.demand_soft || !instance.fixed_rows.empty() || instance.frozen_until > 0) {
        out.status = "only for soft demand without fixed rows";
        return out;
    }
    const TimedGrid grid = timed_grid(instance, need, buckets);
    out.buckets = grid.buckets();
    const TimedLp model(instance, need, hard, available, grid);

    bound::LpOptions options;
    options.time_limit_seconds = std::max(0.0, seconds);
    const bound::LpResult result = bound::solve_lp(model.lp(), options);
    out.iterations = result.iterations;
    out.status = bound::to_string(result.status);
    out.lp_objective = result.objective;
    if (result.row_duals.size() != model.lp().rhs.size()) return out;
    const double value = lagrangian_value(model, result.row_duals);
    if (std::isfinite(value)) out.value = value;
    return out;
}

}  // namespace makepack
