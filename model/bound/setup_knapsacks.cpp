#include "model/bound/setup_knapsacks.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/bound/lp_numbers.hpp"
#include "model/bound/simplex.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>

namespace makepack {

namespace {
using bound_numbers::at;

// Column generation rounds at most (measured on bench/feasibility/overload.sh's plants, docs/bound.md 12).
constexpr int kKnapsackRounds = 60;
// The knapsacks' tables (products x whole hours) at most, per resource and in
// all; above, the part is left out (a horizon of 10^7 hours would take gigabytes).
constexpr double kMaxCellsPerResource = 5e6;
constexpr double kMaxCells = 3e7;
}  // namespace

KnapsackChoice knapsack_with_setups(const std::vector<KnapsackItem>& items, int capacity) {
    KnapsackChoice out;
    out.steps.assign(items.size(), 0);
    if (capacity < 0) return out;
    const std::size_t size = at(capacity) + 1;
    // best[t]: the most value within t hours (non-decreasing in t).
    std::vector<double> best(size, 0.0), next(size);
    std::vector<std::vector<int>> choice(items.size(), std::vector<int>(size, 0));
    for (std::size_t i = 0; i < items.size(); ++i) {
        const KnapsackItem& it = items[i];
        next = best;
        const int step = std::max(1, it.step_hours);
        const bool worth = std::max({it.per_step, it.per_step * (it.full - 1), it.full_value}) - it.setup_cost > 0;
        if (!worth || it.full < 1) continue;  // never raises the value: skipping it is exact
        const auto offer = [&](int t, int from, int steps, double value) {
            const double v = best[at(from)] + value - it.setup_cost;
            if (v > next[at(t)]) next[at(t)] = v, choice[i][at(t)] = steps;
        };
        // 1 <= steps < full at per_step each: for t - setup = rho + J * step, the
        // candidates from = rho + j * step, j in [J - full + 1, J - 1], are a
        // sliding window over j of best[from] - per_step * j (+ per_step * J).
        for (int rho = 0; rho < step; ++rho) {
            std::deque<int> window;  // j's with decreasing best[rho + j step] - per_step j
            const auto key = [&](int j) { return best[at(rho + j * step)] - it.per_step * j; };
            for (int J = 1; it.setup_hours + rho + J * step <= capacity; ++J) {
                const int t = it.setup_hours + rho + J * step;
                if (it.full > 1) {
                    const int j_new = J - 1;
                    while (!window.empty() && key(window.back()) <= key(j_new)) window.pop_back();
                    window.push_back(j_new);
                    while (window.front() < J - it.full + 1) window.pop_front();
                    offer(t, rho + window.front() * step, J - window.front(), it.per_step * (J - window.front()));
                }
                if (J >= it.full) offer(t, rho + (J - it.full) * step, it.full, it.full_value);
            }
        }
        // Keep "within t hours" non-decreasing.
        for (std::size_t t = 1; t < size; ++t)
            if (next[t - 1] > next[t]) next[t] = next[t - 1], choice[i][t] = -1;  // -1: as at t - 1
        best.swap(next);
    }
    out.value = best[at(capacity)];
    int t = capacity;
    for (std::size_t i = items.size(); i-- > 0;) {
        while (t > 0 && choice[i][at(t)] == -1) --t;
        const int steps = choice[i][at(t)];
        if (steps <= 0) continue;
        out.steps[i] = steps;
        t -= items[i].setup_hours + steps * std::max(1, items[i].step_hours);
    }
    return out;
}

namespace {

// The relaxation's data: what each SKU and paste may be made of, and the prices' scales.
struct KnapsackPlant {
    std::vector<double> demand, required, unmet_price;  // per SKU (index s - num_pastes)
    std::vector<double> stock, most, consumed;          // per paste: stock + tolerance, most worth making, all demand's
    std::vector<int> capacity;                          // per resource: whole available hours
};

KnapsackPlant knapsack_plant(const Instance& instance, const std::vector<double>& available) {
    KnapsackPlant k;
    const int skus = instance.num_skus();
    k.demand.assign(at(skus), 0.0);
    k.required.assign(at(skus), 0.0);
    k.unmet_price.assign(at(skus), 0.0);
    std::vector<double> consumed(at(instance.num_pastes), 0.0);
    for (int i = 0; i < skus; ++i) {
        const int s = instance.num_pastes + i;
        const Product& sku = instance.products[at(s)];
        k.demand[at(i)] = static_cast<double>(sku.demand);
        k.required[at(i)] = static_cast<double>(instance.required_units(s));
        k.unmet_price[at(i)] = instance.unmet_penalty(s);
        consumed[at(sku.paste)] += k.demand[at(i)] / sku.units_per_lb;
    }
    for (int p = 0; p < instance.num_pastes; ++p) {
        const double initial = instance.products[at(p)].initial_stock;
        // The checker lets consumption exceed the paste by a rounding tolerance (docs/bound.md "Rounding").
        k.stock.push_back(initial + 1e-3 + 1e-6 * consumed[at(p)]);
        k.most.push_back(std::max(0.0, consumed[at(p)] - initial));
        k.consumed.push_back(consumed[at(p)]);
    }
    for (double a : available) k.capacity.push_back(static_cast<int>(std::floor(a + 1e-9)));
    return k;
}

// One resource's choice at some prices: what it makes (units of SKUs, lbs of
// pastes, per product) and what that costs (downtime and changeover).
struct Pattern {
    int resource = -1;
    double cost = 0;
    std::vector<std::pair<int, double>> made;  // (product, amount)
};

// The dual function at SKU prices lambda (per unit, index s - num_pastes) and
// paste prices pi (per lb), and every resource's maximiser.
struct KnapsackEvaluation {
    double value = 0;
    std::vector<Pattern> patterns;
};

KnapsackEvaluation evaluate(const Instance& instance, const KnapsackPlant& k, const std::vector<double>& lambda,
                            const std::vector<double>& pi) {
    const ObjectiveWeights& w = instance.weights;
    KnapsackEvaluation e;
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        const bool mixer = instance.is_mixer(r);
        std::vector<KnapsackItem> items;
        std::vector<int> product_of;
        std::vector<double> downtime_per_step;
        const int first = mixer ? 0 : instance.num_pastes;
        const int last = mixer ? instance.num_pastes : static_cast<int>(instance.products.size());
        for (int p = first; p < last; ++p) {
            const Option* o = instance.option(p, r);
            if (!o) continue;
            const int co = min_changeover_after(instance, p);
            KnapsackItem it;
            it.setup_hours = co;
            it.setup_cost = w.changeover * co;
            double downtime = 0;  // per step
            if (mixer) {
                const double size = instance.resources[at(r)].batch_size, most = k.most[at(p)];
                if (most <= 0) continue;
                downtime = w.downtime * o->downtime * o->batch_hours;
                it.step_hours = o->batch_hours;
                it.per_step = pi[at(p)] * size - downtime;
                it.full = std::max(1, static_cast<int>(std::ceil(most / size - 1e-9)));
                it.full_value = pi[at(p)] * most - downtime * it.full;
            } else {
                const int i = p - instance.num_pastes;
                const Product& sku = instance.products[at(p)];
                const double demand = k.demand[at(i)], per_hour = hours_per_amount(instance, p, r);
                if (demand <= 0) continue;
                downtime = w.downtime * o->downtime;  // per hour of work
                // Value of a unit packed: its demand price less its paste and its downtime.
                const double gain = lambda[at(i)] - pi[at(sku.paste)] / sku.units_per_lb - downtime * per_hour;
                it.step_hours = 1;
                it.per_step = gain / per_hour;
                it.full = std::max(1, static_cast<int>(std::ceil(demand * per_hour - 1e-9)));
                it.full_value = gain * demand;
            }
            if (it.per_step <= 0) continue;  // making it never pays at these prices
            items.push_back(it);
            product_of.push_back(p);
            downtime_per_step.push_back(downtime);
        }
        const KnapsackChoice c = knapsack_with_setups(items, k.capacity[at(r)]);
        e.value -= c.value;
        Pattern pattern;
        pattern.resource = r;
        for (std::size_t j = 0; j < items.size(); ++j) {
            const int n = c.steps[j];
            if (n <= 0) continue;
            const int p = product_of[j];
            double amount = 0, work = 0;  // the amount made, and the downtime's hours or batches
            if (mixer) {
                amount = std::min(k.most[at(p)], n * instance.resources[at(r)].batch_size);
                work = n;
            } else {
                const double per_hour = hours_per_amount(instance, p, r);
                amount = n >= items[j].full ? k.demand[at(p - instance.num_pastes)] : n / per_hour;
                work = amount * per_hour;  // fractional work: what the knapsack's value charges
            }
            pattern.cost += downtime_per_step[j] * work + items[j].setup_cost;
            pattern.made.emplace_back(p, amount);
        }
        e.patterns.push_back(std::move(pattern));
    }
    for (std::size_t i = 0; i < lambda.size(); ++i) {
        const double room = k.demand[i] - k.required[i];
        e.value += lambda[i] * k.demand[i] + room * std::min(0.0, k.unmet_price[i] - lambda[i]);
    }
    for (std::size_t p = 0; p < pi.size(); ++p) e.value -= pi[p] * k.stock[p];
    return e;
}

// The Dantzig-Wolfe master: per resource a convex combination of its patterns;
// per SKU "packed / demand + unmet share >= 1", unmet share <= 1 - required / demand;
// per paste "(consumed - made) / all demand's consumption <= stock / that".
// Its duals are the next prices; any prices give a valid bound.
class KnapsackMaster {
public:
    KnapsackMaster(const Instance& instance, const KnapsackPlant& k) : instance_(instance), k_(k) {
        const int skus = instance.num_skus();
        for (std::size_t r = 0; r < instance.resources.size(); ++r) lp_.add_set(1.0);
        for (int i = 0; i < skus; ++i) demand_row_.push_back(lp_.add_row(bound::RowSense::GreaterEqual, 1.0));
        for (int p = 0; p < instance.num_pastes; ++p)
            paste_row_.push_back(lp_.add_row(bound::RowSense::LessEqual, k.stock[at(p)] / scale(p)));
        for (int i = 0; i < skus; ++i) {
            const double demand = k.demand[at(i)];
            if (demand <= 0) continue;
            bound::LpColumn unmet;
            unmet.cost = k.unmet_price[at(i)] * demand;
            unmet.entries.emplace_back(demand_row_[at(i)], 1.0);
            if (k.required[at(i)] > 0) {
                unmet.entries.emplace_back(lp_.add_row(bound::RowSense::LessEqual, 1 - k.required[at(i)] / demand), 1.0);
                // Required units no pattern makes yet: covered at a high price
                // (only the duals depend on it, never the bound's validity).
                bound::LpColumn short_of;
                short_of.cost = 1e3 * std::max(1.0, unmet.cost);
                short_of.entries.emplace_back(demand_row_[at(i)], 1.0);
                lp_.columns.push_back(short_of);
            }
            lp_.columns.push_back(unmet);
        }
        for (std::size_t r = 0; r < instance.resources.size(); ++r) add(Pattern{static_cast<int>(r), 0.0, {}});
    }

    void add(const Pattern& pattern) {
        bound::LpColumn c;
        c.cost = pattern.cost;
        c.set = pattern.resource;
        for (auto [p, amount] : pattern.made) {
            if (p >= instance_.num_pastes) {
                const int i = p - instance_.num_pastes;
                c.entries.emplace_back(demand_row_[at(i)], amount / k_.demand[at(i)]);
                const int paste = instance_.products[at(p)].paste;
                c.entries.emplace_back(paste_row_[at(paste)], amount / instance_.products[at(p)].units_per_lb / scale(paste));
            } else {
                c.entries.emplace_back(paste_row_[at(p)], -amount / scale(p));
            }
        }
        // Rows distinct: SKUs of one paste add up.
        std::sort(c.entries.begin(), c.entries.end());
        std::vector<std::pair<int, double>> merged;
        for (auto e : c.entries)
            if (!merged.empty() && merged.back().first == e.first) merged.back().second += e.second;
            else merged.push_back(e);
        c.entries = std::move(merged);
        lp_.columns.push_back(std::move(c));
    }

    // Solves the master: its objective, and its duals as prices (lambda per
    // unit, pi per lb); unset if it gave none.
    std::optional<double> prices(double seconds, std::vector<double>& lambda, std::vector<double>& pi) {
        bound::LpOptions options;
        options.time_limit_seconds = std::max(0.0, seconds);
        // Warm start from the last optimum: the solver numbers its slacks and
        // artificials after the columns, so those move by the columns added since.
        const int added = static_cast<int>(lp_.columns.size()) - basis_columns_;
        for (int& j : basis_)
            if (j >= basis_columns_) j += added;
        options.start_basis = basis_.empty() ? nullptr : &basis_;
        options.start_inverse = basis_.empty() ? nullptr : &inverse_;
        options.start_updates = updates_;
        bound::LpResult r = bound::solve_lp(lp_, options);
        if (r.status != bound::LpStatus::Optimal || r.row_duals.size() != lp_.rhs.size()) return std::nullopt;
        basis_ = std::move(r.basis), inverse_ = std::move(r.basis_inverse), updates_ = r.updates;
        basis_columns_ = static_cast<int>(lp_.columns.size());
        for (std::size_t i = 0; i < lambda.size(); ++i)
            lambda[i] = k_.demand[i] > 0 ? std::max(0.0, r.row_duals[at(demand_row_[i])]) / k_.demand[i] : 0.0;
        for (std::size_t p = 0; p < pi.size(); ++p)
            pi[p] = std::max(0.0, -r.row_duals[at(paste_row_[p])]) / scale(static_cast<int>(p));
        return r.objective;
    }

private:
    double scale(int paste) const { return std::max(1.0, k_.consumed[at(paste)]); }

    const Instance& instance_;
    const KnapsackPlant& k_;
    bound::LpProblem lp_;
    std::vector<int> demand_row_, paste_row_;
    std::vector<int> basis_;  // the last optimum's, for a warm start
    std::vector<double> inverse_;
    int updates_ = 0, basis_columns_ = 0;
};

}  // namespace

SetupKnapsacks setup_knapsacks_bound(const Instance& instance, const std::vector<double>& available,
                                     const std::vector<double>& paste_price, double seconds) {
    SetupKnapsacks out;
    if (!instance.demand_soft || !instance.fixed_rows.empty()) return out;
    const auto started = std::chrono::steady_clock::now();
    const auto left = [&] { return seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    const KnapsackPlant k = knapsack_plant(instance, available);
    std::vector<double> products(instance.resources.size(), 0.0);
    for (const Product& p : instance.products)
        for (int r : p.eligible) ++products[at(r)];
    double cells = 0;
    for (std::size_t r = 0; r < instance.resources.size(); ++r) {
        const double here = products[r] * (std::max(0, k.capacity[r]) + 1.0);
        if (here > kMaxCellsPerResource) return out;
        cells += here;
    }
    if (cells > kMaxCells) return out;
    // First prices: every SKU at its unmet price, each paste at the capacity LP's price.
    std::vector<double> lambda = k.unmet_price, pi(at(instance.num_pastes), 0.0);
    for (std::size_t p = 0; p < pi.size() && p < paste_price.size(); ++p) pi[p] = std::max(0.0, paste_price[p]);
    KnapsackMaster master(instance, k);
    double best = -bound_numbers::kInfinity;
    std::vector<double> best_lambda = lambda, best_pi = pi;  // where the best value was found
    std::optional<double> master_value;
    bool smooth = false;  // this round's prices are halfway between the best ones and the master's
    for (int round = 0; round < kKnapsackRounds && (round == 0 || left() > 0); ++round) {
        const KnapsackEvaluation e = evaluate(instance, k, lambda, pi);
        ++out.rounds;
        const bool better = e.value > best;
        if (better) best = e.value, best_lambda = lambda, best_pi = pi;
        // The master's value is the relaxation's once no pattern prices out: the bound met it.
        if (master_value && best >= *master_value - 1e-7 * std::max(1.0, std::abs(*master_value))) break;
        for (const Pattern& pattern : e.patterns) master.add(pattern);
        master_value = master.prices(left(), lambda, pi);
        if (!master_value) break;
        // Dual smoothing (Wentges): the master's duals jump between rounds; half
        // way from the best prices converges in fewer rounds. After a smoothed
        // round that found nothing better, the master's own duals (which always
        // converge).
        smooth = !smooth || better;
        if (smooth)
            for (std::size_t i = 0; i < lambda.size(); ++i) lambda[i] = (lambda[i] + best_lambda[i]) / 2;
        if (smooth)
            for (std::size_t q = 0; q < pi.size(); ++q) pi[q] = (pi[q] + best_pi[q]) / 2;
    }
    if (std::isfinite(best)) out.value = best;
    return out;
}

}  // namespace makepack
