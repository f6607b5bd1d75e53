#include "model/bound/lower_bound.hpp"

#include "model/bound/sibling_runs.hpp"

#include "model/bound/simplex.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <limits>

namespace makepack {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::size_t at(int index) { return static_cast<std::size_t>(index); }

}  // namespace

// --- pieces -----------------------------------------------------------------------

int min_changeover_after(const Instance& instance, int product) {
    const Product& p = instance.products[at(product)];
    const ChangeoverMatrix& m = p.stage == Stage::Mixer ? instance.mixer_changeover : instance.line_changeover;
    int best = m.default_hours;  // the last row of a resource is followed by the default
    if (!m.hours.empty()) {
        const int local = instance.local_product(product);
        for (int next = 0; next < m.size; ++next) best = std::min(best, m.between(local, next));
    }
    return std::max(0, best);
}

double row_hours(const Instance& instance, int product, int r, double amount) {
    const Option* o = instance.option(product, r);
    if (instance.is_mixer(r)) {
        // The checker lets paste be short by a rounding tolerance (1e-6 lbs +
        // 1e-9 relative per consumption); allow far more than that here.
        const double lbs = amount - (1e-3 + 1e-6 * amount);
        const double batches = std::ceil(lbs / instance.resources[at(r)].batch_size - 1e-9);
        return std::max(1.0, batches) * o->batch_hours;
    }
    return std::max(1, Instance::units_to_hours(static_cast<std::int64_t>(std::llround(amount)), o->rate));
}

double hours_per_amount(const Instance& instance, int product, int r) {
    const Option* o = instance.option(product, r);
    if (instance.is_mixer(r)) return o->batch_hours / instance.resources[at(r)].batch_size;
    return 1 / o->rate;
}

namespace {
// Cheapest weighted downtime of `amount` in one row (any eligible resource),
// and per unit of fractional work; infinite without an eligible resource.
struct CheapestDowntime {
    double single = kInfinity;
    double per_unit = kInfinity;
};
CheapestDowntime cheapest_downtime(const Instance& instance, int product, double amount) {
    CheapestDowntime c;
    for (int r : instance.products[at(product)].eligible) {
        const double d = instance.weights.downtime * instance.option(product, r)->downtime;
        c.single = std::min(c.single, d * row_hours(instance, product, r, amount));
        c.per_unit = std::min(c.per_unit, d * hours_per_amount(instance, product, r));
    }
    return c;
}
double several_rows_cost(const Instance& instance, int product, double amount, const CheapestDowntime& c) {
    // On one resource their works add up to at least the one row's (sum of
    // ceils >= ceil of the sum); across resources the fractional work.
    const double downtime = instance.products[at(product)].eligible.size() >= 2 ? c.per_unit * amount : c.single;
    return downtime + 2 * instance.weights.changeover * min_changeover_after(instance, product);
}
}  // namespace

double several_rows_cost(const Instance& instance, int product, double amount) {
    if (instance.products[at(product)].eligible.empty()) return 0;
    return several_rows_cost(instance, product, amount, cheapest_downtime(instance, product, amount));
}

int min_maintenance_count(const Maintenance& maintenance, int horizon) {
    if (maintenance.every <= 0 || maintenance.duration <= 0) return 0;
    int count = 0;
    long long due = maintenance.first_due();
    while (due < horizon) {
        ++count;
        // As late as the chain allows: a later start only delays every later due.
        const long long start = std::max(0LL, std::min<long long>(due, horizon - maintenance.duration));
        due = start + maintenance.every;
    }
    return count;
}

long long min_working_hours(const Resource& resource, int duration) {
    if (duration <= 0) return 0;
    const WorkingTime& w = resource.working;
    if (!w.has_breaks() || !resource.calendar.breaks) return duration;
    const int every = resource.calendar.breaks->every;
    long long best = duration;
    for (int s = 0; s < every; ++s) best = std::min(best, w.at(s + duration) - w.at(s));
    return best;
}

namespace {

struct FixedPart {
    double cost = 0;                     // downtime + minimal changeover of fixed rows
    std::vector<long long> units;        // per product (SKUs): units of fixed rows
    std::vector<double> lbs;             // per product (pastes): lbs of fixed rows
    std::vector<int> last_end;           // per product: latest end of a fixed row (INT_MIN: none)
};

FixedPart fixed_part(const Instance& instance) {
    FixedPart f;
    f.units.assign(instance.products.size(), 0);
    f.lbs.assign(instance.products.size(), 0.0);
    f.last_end.assign(instance.products.size(), INT_MIN);
    const ObjectiveWeights& w = instance.weights;
    for (const Row& row : instance.fixed_rows) {
        const Option* o = instance.option(row.product, row.resource);
        if (!o) continue;  // the loader rejects these
        const int work = instance.work(row);
        const int co = min_changeover_after(instance, row.product);
        f.cost += w.downtime * o->downtime * work + w.changeover * co;
        if (instance.is_mixer(row.resource)) f.lbs[at(row.product)] += instance.lbs(row);
        else f.units[at(row.product)] += row.amount;
        f.last_end[at(row.product)] = std::max(f.last_end[at(row.product)], instance.row_end(row));
    }
    return f;
}

// What the non-fixed rows must still make: SKUs in units, pastes in lbs (<= 0: nothing).
struct Needs {
    std::vector<double> amount;  // per product
};

Needs needs(const Instance& instance, const FixedPart& fixed) {
    Needs n;
    n.amount.assign(instance.products.size(), 0.0);
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s)
        n.amount[at(s)] = static_cast<double>(std::max<long long>(0, instance.products[at(s)].demand - fixed.units[at(s)]));
    for (int p = 0; p < instance.num_pastes; ++p) {
        const Product& paste = instance.products[at(p)];
        double consumed = 0;
        for (int s : paste.skus) {
            const Product& sku = instance.products[at(s)];
            // Packed units >= max(demand, fixed units) (hard demand; soft: less the unmet units).
            consumed += static_cast<double>(std::max<long long>(sku.demand, fixed.units[at(s)])) / sku.units_per_lb;
        }
        const double need = consumed - paste.initial_stock - fixed.lbs[at(p)];
        // A residue of rounding (fractional units_per_lb) is no need: the
        // checker tolerates far smaller shortages, and a smaller need is safe.
        n.amount[at(p)] = need > 1e-3 + 1e-6 * consumed ? need : 0.0;
    }
    return n;
}

// --- trivial bound ------------------------------------------------------------------
double product_trivial(const Instance& instance, int product, double amount, bool soft) {
    if (amount <= 0) return 0;
    const ObjectiveWeights& w = instance.weights;
    if (instance.products[at(product)].eligible.empty()) return soft ? w.unmet * amount : 0;
    const double co = w.changeover * min_changeover_after(instance, product);
    const CheapestDowntime c = cheapest_downtime(instance, product, amount);
    const double hard = std::min(c.single + co, several_rows_cost(instance, product, amount, c));
    if (!soft) return hard;
    // Soft demand (SKUs only): none made, all made, or part made (>= 1 row).
    return std::min({w.unmet * amount, hard, co + amount * std::min(w.unmet, c.per_unit)});
}

// --- capacitated bound ------------------------------------------------------------------
// One way the non-fixed rows of a product can cover its need, per resource:
//   single  exactly one row on the resource: its whole (rounded-up) work and a
//           changeover; hard demand, and SKUs under soft demand
//   several two or more rows (hard demand): fractional work, two changeovers
//           in cost, one changeover's hours on each resource used (amortised)
//   share   soft demand: any part of the need, fractional work, one
//           changeover amortised over the need
// Values are for ALL of the need; the LP takes fractions that sum to 1.
struct Arc {
    int product = -1;
    int resource = -1;
    double cost = 0;
    double hours = 0;
};

struct CapacityModel {
    std::vector<double> need;                 // per product (<= 0: no row)
    std::vector<double> hours;                // per resource: available
    std::vector<std::vector<Arc>> arcs;       // per product with need > 0
    bool soft = false;
};

CapacityModel capacity_model(const Instance& instance, const Needs& n, const std::vector<ResourceCapacity>& cap) {
    CapacityModel m;
    m.need = n.amount;
    m.soft = instance.demand_soft;
    for (const ResourceCapacity& c : cap) m.hours.push_back(c.available);
    m.arcs.resize(instance.products.size());
    const ObjectiveWeights& w = instance.weights;
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const double amount = n.amount[at(p)];
        if (amount <= 0) continue;
        const Product& product = instance.products[at(p)];
        const bool mixer = p < instance.num_pastes;
        const int co = min_changeover_after(instance, p);
        for (int r : product.eligible) {
            const double d = instance.option(p, r)->downtime;
            const double fractional = hours_per_amount(instance, p, r) * amount;
            const double whole = row_hours(instance, p, r, amount);
            if (!(m.soft && mixer))  // single
                m.arcs[at(p)].push_back({p, r, w.downtime * d * whole + w.changeover * co, whole + co});
            if (m.soft)  // share
                m.arcs[at(p)].push_back({p, r, w.downtime * d * fractional + w.changeover * co, fractional + co});
            else if (product.eligible.size() >= 2)  // several (on one resource only: dominated by single)
                m.arcs[at(p)].push_back({p, r, w.downtime * d * fractional + 2 * w.changeover * co, fractional + co});
        }
    }
    return m;
}

// The Lagrangian dual function of the capacity LP (docs/bound.md): a valid
// lower bound for ANY prices v >= 0 per resource hour; `paste_price` (soft
// demand) is clipped into [0, cheapest paste option].
struct Lagrangian {
    double lines = 0;   // SKU terms - line hours * prices
    double mixers = 0;  // paste terms - mixer hours * prices
    double total() const { return lines + mixers; }
};

Lagrangian lagrangian(const Instance& instance, const CapacityModel& m, const std::vector<double>& price,
                      const std::vector<double>& paste_price) {
    Lagrangian l;
    const auto option_value = [&](const Arc& a) { return a.cost + a.hours * std::max(0.0, price[at(a.resource)]); };
    std::vector<double> pi(at(instance.num_pastes), 0.0);
    for (int p = 0; p < instance.num_pastes; ++p) {
        if (m.need[at(p)] <= 0) continue;
        double rho = kInfinity;
        for (const Arc& a : m.arcs[at(p)]) rho = std::min(rho, option_value(a));
        if (rho == kInfinity) rho = 0;  // no eligible mixer: the loader rejects this
        pi[at(p)] = m.soft ? std::clamp(paste_price[at(p)], 0.0, rho) : rho;
        l.mixers += pi[at(p)];
    }
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
        const double amount = m.need[at(s)];
        if (amount <= 0) continue;
        double term = kInfinity;
        if (m.soft) {
            const Product& sku = instance.products[at(s)];
            const double paste_need = m.need[at(sku.paste)];
            const double share = paste_need > 0 ? amount / sku.units_per_lb / paste_need : 0;
            term = instance.weights.unmet * amount - pi[at(sku.paste)] * share;
        }
        for (const Arc& a : m.arcs[at(s)]) term = std::min(term, option_value(a));
        if (term == kInfinity) term = 0;
        l.lines += term;
    }
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        const double v = std::max(0.0, price[at(r)]) * m.hours[at(r)];
        (instance.is_mixer(r) ? l.mixers : l.lines) -= v;
    }
    return l;
}

// Farkas certificate (hard demand): with prices v >= 0, if
//   sum_p min_r hours_pr v_r  >  sum_r available_r v_r
// no assignment of the needs fits the capacity.
bool certifies_infeasibility(const Instance& instance, const CapacityModel& m, const std::vector<double>& price) {
    double need_side = 0, capacity_side = 0;
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        if (m.need[at(p)] <= 0) continue;
        double best = kInfinity;
        for (const Arc& a : m.arcs[at(p)]) best = std::min(best, a.hours * std::max(0.0, price[at(a.resource)]));
        if (best == kInfinity) return false;
        need_side += best;
    }
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r)
        capacity_side += std::max(0.0, price[at(r)]) * m.hours[at(r)];
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
// Coupling rows: resource hours <= available.
LpRun run_lp(const Instance& instance, const CapacityModel& m, bool mixers, bool lines, double seconds) {
    bound::LpProblem lp;
    std::vector<int> set_of(instance.products.size(), -1);
    std::vector<int> paste_row(at(instance.num_pastes), -1);
    std::vector<int> resource_row(instance.resources.size(), -1);
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const bool mixer = p < instance.num_pastes;
        if ((mixer ? !mixers : !lines) || m.need[at(p)] <= 0 || m.arcs[at(p)].empty()) continue;
        if (mixer && m.soft) paste_row[at(p)] = lp.add_row(bound::RowSense::GreaterEqual, 1.0);
        else set_of[at(p)] = lp.add_set(1.0);
    }
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        const bool mixer = instance.is_mixer(r);
        if (mixer ? !mixers : !lines) continue;
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
            lp.columns.push_back(std::move(c));
        }
        if (m.soft && !mixer) {  // unmet units of the SKU
            const Product& sku = instance.products[at(p)];
            bound::LpColumn c;
            c.cost = instance.weights.unmet * m.need[at(p)];
            c.set = set_of[at(p)];
            if (paste_row[at(sku.paste)] >= 0)
                c.entries.emplace_back(paste_row[at(sku.paste)], m.need[at(p)] / sku.units_per_lb / m.need[at(sku.paste)]);
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

// --- lateness -----------------------------------------------------------------------------
// Earliest T such that the SKU's lines, all packing it alone from `from`, could
// pack `units` by T (working hours minus outages); horizon if never.
int earliest_completion(const Instance& instance, int sku, double units, int from) {
    const Product& p = instance.products[at(sku)];
    const auto capacity = [&](int t) {
        double total = 0;
        for (int r : p.eligible) {
            const Resource& res = instance.resources[at(r)];
            long long hours = res.working.at(t) - res.working.at(from);
            int covered = from;
            for (const Outage& o : res.calendar.outages) {
                const int s = std::max(o.start, covered);
                const int e = std::min(o.end, t);
                if (e > s) hours -= res.working.at(e) - res.working.at(s);
                covered = std::max(covered, std::min(o.end, t));
            }
            total += static_cast<double>(std::max(0LL, hours)) * instance.option(sku, r)->rate;
        }
        return total;
    };
    int lo = from, hi = instance.horizon;  // capacity(lo) = 0 < units
    if (capacity(hi) < units - 1e-6) return instance.horizon;
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        if (capacity(mid) >= units - 1e-6) hi = mid;
        else lo = mid;
    }
    return hi;
}

double lateness_bound(const Instance& instance, const FixedPart& fixed, const Needs& n) {
    const double weight = instance.weights.lateness;
    if (weight <= 0) return 0;
    double total = 0;
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
        const Product& sku = instance.products[at(s)];
        if (!sku.due) continue;
        long long last_end = fixed.last_end[at(s)] == INT_MIN ? LLONG_MIN : fixed.last_end[at(s)];
        // New rows start at frozen_until or later; with soft demand they may not exist.
        if (!instance.demand_soft && n.amount[at(s)] > 0)
            last_end = std::max<long long>(last_end, earliest_completion(instance, s, n.amount[at(s)], instance.frozen_until));
        if (last_end == LLONG_MIN) continue;
        total += weight * static_cast<double>(std::max(0LL, last_end - *sku.due));
    }
    return total;
}

}  // namespace

ResourceCapacity resource_capacity(const Instance& instance, int resource) {
    const Resource& res = instance.resources[at(resource)];
    const int horizon = instance.horizon;
    ResourceCapacity c;
    c.working_hours = res.working.at(horizon) - res.working.at(0);
    int covered = 0;  // outages may overlap: count each hour once
    std::vector<Outage> outages = res.calendar.outages;
    std::sort(outages.begin(), outages.end(), [](const Outage& a, const Outage& b) { return a.start < b.start; });
    for (const Outage& o : outages) {
        const int s = std::max({o.start, covered, 0});
        const int e = std::min(o.end, horizon);
        if (e > s) c.outage_hours += res.working.at(e) - res.working.at(s);
        covered = std::max(covered, std::min(o.end, horizon));
    }
    if (res.calendar.maintenance) {
        c.maintenance_blocks = min_maintenance_count(*res.calendar.maintenance, horizon);
        c.maintenance_hours = c.maintenance_blocks * min_working_hours(res, res.calendar.maintenance->duration);
    }
    if (res.calendar.spare && res.calendar.spare->every > 0) {
        c.spare_blocks = horizon / res.calendar.spare->every;
        c.spare_hours = c.spare_blocks * min_working_hours(res, res.calendar.spare->duration);
    }
    for (const Row& row : instance.fixed_rows)
        if (row.resource == resource && instance.option(row.product, row.resource))
            c.fixed_hours += instance.work(row) + min_changeover_after(instance, row.product);
    c.available = static_cast<double>(c.working_hours - c.outage_hours - c.maintenance_hours - c.spare_hours) -
                  c.fixed_hours;
    return c;
}

namespace {
// The largest bound of a stage; at equal values the capacitated one is named.
void pick_best(StageBound& stage) {
    stage.best = stage.trivial;
    stage.used = "trivial";
    if (stage.capacitated && *stage.capacitated >= stage.best) stage.best = *stage.capacitated, stage.used = "capacitated";
    if (stage.sibling_runs && *stage.sibling_runs > stage.best + 1e-9)
        stage.best = *stage.sibling_runs, stage.used = "sibling runs";
}
}  // namespace

LowerBound compute_lower_bound(const Instance& instance, const BoundOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    LowerBound b;
    const FixedPart fixed = fixed_part(instance);
    const Needs n = needs(instance, fixed);
    const bool soft = instance.demand_soft;
    b.fixed = fixed.cost;

    // Trivial.
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const bool mixer = p < instance.num_pastes;
        // Soft demand: a paste's need depends on the unmet units, so only the LP couples it.
        if (mixer && soft) continue;
        (mixer ? b.mixers : b.lines).trivial += product_trivial(instance, p, n.amount[at(p)], soft && !mixer);
    }
    b.trivial = b.fixed + b.mixers.trivial + b.lines.trivial;
    if (!soft) b.lines.sibling_runs = sibling_runs_bound(instance, n.amount);

    // Capacity of every resource; a negative one alone proves infeasibility.
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        b.capacity.push_back(resource_capacity(instance, r));
        const ResourceCapacity& c = b.capacity.back();
        if (c.available < -1e-9) {
            b.infeasible = true;
            b.reason = "resource " + instance.resources[at(r)].id + " has " + std::to_string(c.working_hours) +
                       " working hours, but outages, the required maintenance and spare capacity and the fixed rows "
                       "take more";
        }
    }
    if (b.infeasible) {
        b.bound = kInfinity;
        b.seconds = elapsed();
        return b;
    }

    // Capacitated: one LP per stage (hard demand: the stages are independent),
    // one coupled LP for soft demand.
    const CapacityModel model = capacity_model(instance, n, b.capacity);
    std::vector<double> price(instance.resources.size(), 0.0);
    std::vector<double> paste_price(at(instance.num_pastes), 0.0);
    bool finished = true;
    std::vector<std::pair<bool, bool>> runs = soft ? std::vector<std::pair<bool, bool>>{{true, true}}
                                                   : std::vector<std::pair<bool, bool>>{{false, true}, {true, false}};
    b.lp_status = "optimal";
    double lp_objective = 0;
    for (auto [mixers, lines] : runs) {
        LpRun run = run_lp(instance, model, mixers, lines, options.time_limit_seconds - elapsed());
        b.lp_iterations += run.result.iterations;
        for (std::size_t r = 0; r < price.size(); ++r)
            if (instance.is_mixer(static_cast<int>(r)) ? mixers : lines) price[r] = run.price[r];
        if (mixers) paste_price = run.paste_price;
        if (run.result.status == bound::LpStatus::Infeasible) {
            b.lp_status = "infeasible";
            if (!soft && certifies_infeasibility(instance, model, run.price)) {
                b.infeasible = true;
                b.reason = std::string("the demand cannot fit the capacity of the ") + (mixers ? "mixers" : "lines") +
                           " (hours needed by the work and one changeover per product exceed the hours available "
                           "after outages, shift breaks, maintenance and spare capacity)";
                b.bound = kInfinity;
                b.seconds = elapsed();
                return b;
            }
            b.reason = "the capacity LP reports infeasibility without a verifiable certificate";
            finished = false;
        } else if (run.result.status != bound::LpStatus::Optimal) {
            b.lp_status = bound::to_string(run.result.status);
            b.reason = std::string("the capacity LP stopped early (") + bound::to_string(run.result.status) +
                       "); its prices still give a valid, weaker bound";
        }
        lp_objective += run.result.objective;
    }
    b.lp_objective = b.fixed + lp_objective;
    if (finished) {
        const Lagrangian l = lagrangian(instance, model, price, paste_price);
        b.capacitated = b.fixed + l.total();
        if (!soft) {
            b.mixers.capacitated = l.mixers;
            b.lines.capacitated = l.lines;
        }
    }

    b.lateness = lateness_bound(instance, fixed, n);
    const bool capacity_wins = b.capacitated && *b.capacitated > b.trivial;
    b.used = capacity_wins ? "capacitated" : "trivial";
    double core = capacity_wins ? *b.capacitated : b.trivial;
    if (!soft) {
        pick_best(b.mixers);
        pick_best(b.lines);
        b.stagewise = b.fixed + b.mixers.best + b.lines.best;
        if (*b.stagewise > core + 1e-9) {
            core = *b.stagewise;
            b.used = b.mixers.used == b.lines.used ? b.lines.used
                                                   : "mixers: " + b.mixers.used + ", lines: " + b.lines.used;
        }
    }
    b.bound = core + b.lateness;
    b.seconds = elapsed();
    return b;
}

}  // namespace makepack
