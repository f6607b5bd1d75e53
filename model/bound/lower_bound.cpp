#include "model/bound/lower_bound.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/capacity_lp.hpp"
#include "model/bound/coupled_lagrangian.hpp"
#include "model/bound/coupled_mixers.hpp"
#include "model/bound/due_dates.hpp"
#include "model/bound/line_runs_lagrangian.hpp"
#include "model/bound/mixer_sequences.hpp"
#include "model/bound/setup_knapsacks.hpp"
#include "model/bound/sibling_runs.hpp"
#include "model/bound/successor_flow.hpp"
#include "model/bound/timed_lp.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <functional>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::kInfinity;

using bound_numbers::at;

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

CheapestDowntime cheapest_downtime(const Instance& instance, int product, double amount) {
    CheapestDowntime c;
    for (int r : instance.products[at(product)].eligible) {
        const double d = instance.weights.downtime * instance.option(product, r)->downtime;
        c.single = std::min(c.single, d * row_hours(instance, product, r, amount));
        c.per_unit = std::min(c.per_unit, d * hours_per_amount(instance, product, r));
    }
    return c;
}

namespace {
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

// What the non-fixed rows must still make: SKUs in units, pastes in lbs (<= 0:
// nothing). `amount` serves all of the demand; `hard` only what must be made
// even under soft demand (each SKU's required_units, its min_fill share, and
// the paste those take). Under hard demand the two are equal.
struct Needs {
    std::vector<double> amount;  // per product
    std::vector<double> hard;    // per product, <= amount
};

Needs needs(const Instance& instance, const FixedPart& fixed) {
    Needs n;
    n.amount.assign(instance.products.size(), 0.0);
    n.hard.assign(instance.products.size(), 0.0);
    const auto units = [&](int s, std::int64_t required) {
        return static_cast<double>(std::max<long long>(0, required - fixed.units[at(s)]));
    };
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
        n.amount[at(s)] = units(s, instance.products[at(s)].demand);
        n.hard[at(s)] = units(s, instance.required_units(s));
    }
    for (int p = 0; p < instance.num_pastes; ++p) {
        const Product& paste = instance.products[at(p)];
        double consumed = 0, consumed_hard = 0;
        for (int s : paste.skus) {
            const Product& sku = instance.products[at(s)];
            // Packed units >= max(demand, fixed units) (hard demand; soft: less
            // the unmet units, but never below the required units).
            consumed += static_cast<double>(std::max<long long>(sku.demand, fixed.units[at(s)])) / sku.units_per_lb;
            consumed_hard +=
                static_cast<double>(std::max<long long>(instance.required_units(s), fixed.units[at(s)])) / sku.units_per_lb;
        }
        // A residue of rounding (fractional units_per_lb) is no need: the
        // checker tolerates far smaller shortages, and a smaller need is safe.
        const auto residue_free = [&](double made_of) {
            const double need = made_of - paste.initial_stock - fixed.lbs[at(p)];
            return need > 1e-3 + 1e-6 * made_of ? need : 0.0;
        };
        n.amount[at(p)] = residue_free(consumed);
        n.hard[at(p)] = residue_free(consumed_hard);
    }
    return n;
}

// --- trivial bound ------------------------------------------------------------------
// `amount` of the product made or (soft demand, SKUs: `soft`) left unmet at
// its own price, except `hard` units that must be made.
double product_trivial(const Instance& instance, int product, double amount, double hard, bool soft) {
    if (amount <= 0) return 0;
    const ObjectiveWeights& w = instance.weights;
    const double unmet = soft ? instance.unmet_penalty(product) : kInfinity;
    if (instance.products[at(product)].eligible.empty()) return soft ? unmet * amount : 0;
    const double co = w.changeover * min_changeover_after(instance, product);
    const CheapestDowntime c = cheapest_downtime(instance, product, amount);
    const double all = std::min(c.single + co, several_rows_cost(instance, product, amount, c));
    if (!soft) return all;
    // Soft demand (SKUs only): none made (no hard part), all made, or M in
    // [hard, amount] made in >= 1 row: co + M * per_unit + (amount - M) * unmet,
    // linear in M, so at least its value with the cheaper of the two per unit.
    const double none = hard > 0 ? kInfinity : unmet * amount;
    return std::min({none, all, co + hard * c.per_unit + (amount - hard) * std::min(unmet, c.per_unit)});
}

// --- lateness -----------------------------------------------------------------------------
double lateness_bound(const Instance& instance, const FixedPart& fixed, const Needs& n) {
    const double weight = instance.weights.lateness;
    if (weight <= 0) return 0;
    double total = 0;
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
        const Product& sku = instance.products[at(s)];
        if (!sku.due) continue;
        long long last_end = fixed.last_end[at(s)] == INT_MIN ? LLONG_MIN : fixed.last_end[at(s)];
        // New rows start at frozen_until or later; with soft demand they may not exist.
        if (n.hard[at(s)] > 0)  // soft demand: only the required units must be packed
            last_end = std::max<long long>(last_end, earliest_packing_end(instance, s, n.hard[at(s)], instance.frozen_until));
        if (last_end == LLONG_MIN) continue;
        total += weight * static_cast<double>(std::max(0LL, last_end - *sku.due));
    }
    // The SKUs' competition for the plant (hard demand, no fixed rows).
    return std::max(total, queued_lateness(instance, n.amount));
}

// The mixers' capacity Lagrangian at `price` with each paste's patterns also
// charged the lateness its SKUs carry at least (docs/bound.md 6): one row on m
// (a paste with one eligible mixer: one row or more there, so the smaller
// several-row lateness) or two rows or more. Unset when it adds nothing.
std::optional<double> campaign_part(const Instance& instance, const CapacityModel& capacity,
                                    const std::vector<double>& need, const std::vector<double>& price,
                                    const std::vector<PasteLateness>& lateness) {
    if (instance.weights.lateness <= 0) return std::nullopt;
    const CampaignLateness late = campaign_lateness(instance, need, lateness);
    CapacityModel model = capacity;
    bool any = false;
    for (int p = 0; p < instance.num_pastes; ++p) {
        const bool several_resources = instance.products[at(p)].eligible.size() >= 2;
        for (Arc& a : model.arcs[at(p)]) {
            const double extra = a.one_row && several_resources ? late.single[at(p)][at(a.resource)] : late.several[at(p)];
            a.cost += extra;
            any = any || extra > 0;
        }
    }
    if (!any) return std::nullopt;
    const double mixers = lagrangian(instance, model, price, {}).mixers;
    return std::isfinite(mixers) ? std::optional<double>(mixers) : std::nullopt;
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
    if (stage.successors && *stage.successors > stage.best + 1e-9)
        stage.best = *stage.successors, stage.used = "successors";
    if (stage.coupled && *stage.coupled > stage.best + 1e-9) stage.best = *stage.coupled, stage.used = "coupled";
}
}  // namespace

namespace {
// Trivial (section 1) per stage; with hard demand also sibling runs and
// successors (sections 4 and 5); the lines' successors only while `in_time()`.
void add_trivial_and_successors(LowerBound& b, const Instance& instance, const Needs& n,
                                const std::function<bool()>& in_time) {
    const bool soft = instance.demand_soft;
    for (int p = 0; p < static_cast<int>(instance.products.size()); ++p) {
        const bool mixer = p < instance.num_pastes;
        // Soft demand: a paste's need depends on the unmet units (the LP couples
        // them); alone it is at least the paste of the required units.
        if (mixer) b.mixers.trivial += product_trivial(instance, p, n.hard[at(p)], n.hard[at(p)], false);
        else b.lines.trivial += product_trivial(instance, p, n.amount[at(p)], n.hard[at(p)], soft);
    }
    b.trivial = b.fixed + b.mixers.trivial + b.lines.trivial;
    if (soft) return;
    b.lines.sibling_runs = sibling_runs_bound(instance, n.amount);
    b.mixers.successors = successor_flow_bound(instance, Stage::Mixer, n.amount);
    if (in_time()) b.lines.successors = successor_flow_bound(instance, Stage::Line, n.amount, *b.lines.sibling_runs);
}

// Capacity of every resource; a negative one alone proves infeasibility.
void add_capacities(LowerBound& b, const Instance& instance) {
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
}

}  // namespace

int most_pastes_per_mixer(const Instance& instance) {
    int most = 0;
    for (int m = 0; m < instance.num_mixers; ++m) {
        int pastes = 0;
        for (int p = 0; p < instance.num_pastes; ++p) pastes += instance.option(p, m) ? 1 : 0;
        most = std::max(most, pastes);
    }
    return most;
}

namespace {

// The coupled mixers LP (docs/bound.md 8) when every mixer's pricing LP is small enough, else its
// Lagrangian (section 10).
void add_coupled_mixers(LowerBound& b, const Instance& instance, const std::vector<double>& need,
                        const std::vector<double>& available, const BoundOptions& options, double elapsed) {
    if (options.coupled_max_pastes <= 0 || options.time_limit_seconds - elapsed <= 0) return;
    const bool small = !options.coupled_by_lagrangian && most_pastes_per_mixer(instance) <= options.coupled_max_pastes;
    const double seconds = options.time_limit_seconds - elapsed;
    const CoupledMixers c = small ? coupled_mixers_bound(instance, need, available, seconds)
                                  : coupled_mixers_lagrangian(instance, need, available, seconds);
    if (c.value && std::isfinite(*c.value)) b.mixers.coupled = c.value;
    b.coupled_rounds = c.rounds;
    b.coupled_converged = c.converged;
}

// bound = max(max(trivial, capacitated, timed, stagewise) + lateness, campaigns),
// and which part gave it.
void combine_parts(LowerBound& b, bool soft) {
    const bool capacity_wins = b.capacitated && *b.capacitated > b.trivial;
    b.used = capacity_wins ? "capacitated" : "trivial";
    double core = capacity_wins ? *b.capacitated : b.trivial;
    if (b.knapsacks && *b.knapsacks > core + 1e-9) core = *b.knapsacks, b.used = "knapsacks";
    if (b.timed && *b.timed > core + 1e-9) core = *b.timed, b.used = "timed";
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
    if (b.campaigns && *b.campaigns > b.bound + 1e-9) {
        b.bound = *b.campaigns;
        b.used = "mixers: campaigns, lines: " + b.lines.used;
        b.adds_lateness = false;
    }
    if (b.sequences && *b.sequences > b.bound + 1e-9) {
        b.bound = *b.sequences;
        b.used = "mixers: sequences, lines: " + b.lines.used;
        b.adds_lateness = false;
    }
    if (b.joint_sequences && *b.joint_sequences > b.bound + 1e-9) {
        b.bound = *b.joint_sequences;
        b.used = "joint sequences (mixers and line rows), lines: trivial";
        b.adds_lateness = false;
    }
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

    add_trivial_and_successors(b, instance, n, [&] { return elapsed() < options.time_limit_seconds; });
    add_capacities(b, instance);
    if (b.infeasible) {
        b.bound = kInfinity;
        b.seconds = elapsed();
        return b;
    }

    std::vector<double> available;
    for (const ResourceCapacity& c : b.capacity) available.push_back(c.available);
    if (!soft) b.lines.coupled = line_runs_lagrangian(instance, n.amount, available).value;  // section 13
    const auto infeasible = [&](const std::string& reason) {
        b.infeasible = true;
        b.reason = reason;
        b.bound = kInfinity;
        b.seconds = elapsed();
        return b;
    };
    const std::string why = " (hours needed by the work and one changeover per product exceed the hours available "
                            "after outages, shift breaks, maintenance and spare capacity)";

    // Soft demand with required units (min_fill): the hard-demand LPs over the
    // required units alone prove it when even they cannot fit.
    if (soft && std::any_of(n.hard.begin(), n.hard.end(), [](double h) { return h > 0; })) {
        const CapacityRuns required = run_capacity_lps(instance, capacity_model(instance, n.hard, n.hard, false, available),
                                                       options.time_limit_seconds - elapsed());
        b.lp_iterations += required.iterations;
        if (required.infeasible)
            return infeasible("the units the SKUs' min_fill requires cannot fit the capacity of the " + required.stage + why);
    }

    // Capacitated: one LP per stage (hard demand: the stages are independent),
    // one coupled LP for soft demand.
    const CapacityModel model = capacity_model(instance, n.amount, n.hard, soft, available);
    const CapacityRuns runs = run_capacity_lps(instance, model, options.time_limit_seconds - elapsed());
    std::optional<double> campaign_mixers;
    b.lp_iterations += runs.iterations;
    b.lp_status = runs.status;
    if (runs.infeasible) return infeasible("the demand cannot fit the capacity of the " + runs.stage + why);
    if (!runs.reason.empty()) b.reason = runs.reason;
    b.lp_objective = b.fixed + runs.objective;
    if (runs.finished) {
        const Lagrangian l = lagrangian(instance, model, runs.price, runs.paste_price);
        if (std::isfinite(l.total())) {
            b.capacitated = b.fixed + l.total();
            if (!soft) {
                b.mixers.capacitated = l.mixers;
                b.lines.capacitated = l.lines;
                const std::vector<PasteLateness> late = paste_lateness(instance, n.amount);
                campaign_mixers = campaign_part(instance, model, n.amount, runs.price, late);
                const MixerSequences seq = mixer_sequences_bound(instance, model, n.amount, late, runs.price,
                                                                 options.time_limit_seconds - elapsed());
                b.sequence_iterations = seq.iterations;
                if (seq.value && std::isfinite(*seq.value)) b.sequence_mixers = *seq.value;
                if (seq.value && std::isfinite(*seq.value)) b.sequences = b.fixed + *seq.value;  // + lines below
                // Section 11: the same with each SKU's line rows (one row waits for
                // all of its paste) charged above the lines' trivial part.
                const MixerSequences joint = mixer_sequences_bound(instance, model, n.amount,
                                                                   paste_lateness(instance, n.amount, true), runs.price,
                                                                   options.time_limit_seconds - elapsed());
                b.joint_sequence_iterations = joint.iterations;
                if (joint.value && std::isfinite(*joint.value)) b.joint_sequence_part = *joint.value;
            }
        } else {
            b.reason = "a product's required units exceed what its resources can make in whole rows";
        }
    }

    if (!soft && instance.fixed_rows.empty()) add_coupled_mixers(b, instance, n.amount, available, options, elapsed());
    b.lateness = lateness_bound(instance, fixed, n);
    if (campaign_mixers) {
        b.campaign_mixers = *campaign_mixers;
        pick_best(b.lines);
        b.campaigns = b.fixed + *campaign_mixers + b.lines.best;
    }
    if (b.sequences) {
        pick_best(b.lines);
        *b.sequences += b.lines.best;
    }
    if (b.joint_sequence_part) b.joint_sequences = b.fixed + *b.joint_sequence_part + b.lines.trivial;
    if (soft && runs.finished && elapsed() < options.time_limit_seconds) {
        std::vector<double> paste_price(at(instance.num_pastes), 0.0);  // the LP's, per lb
        for (int p = 0; p < instance.num_pastes; ++p)
            if (n.amount[at(p)] > 0) paste_price[at(p)] = runs.paste_price[at(p)] / n.amount[at(p)];
        const SetupKnapsacks k = setup_knapsacks_bound(instance, available, paste_price, options.time_limit_seconds - elapsed());
        b.knapsack_rounds = k.rounds;
        if (k.value) b.knapsacks = b.fixed + *k.value;
    }
    if (soft && options.timed_buckets > 0 && elapsed() < options.time_limit_seconds)
        b.timed = timed_lp_bound(instance, n.amount, n.hard, available, options.time_limit_seconds - elapsed(),
                                 options.timed_buckets)
                      .value;
    combine_parts(b, soft);
    b.seconds = elapsed();
    return b;
}

}  // namespace makepack
