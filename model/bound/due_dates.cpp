#include "model/bound/due_dates.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/lower_bound.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::at;

// Smallest t in [from, horizon] with covers(t); horizon if none (a feasible
// schedule ends everything by the horizon, so no bound is lost there).
int earliest(int from, int horizon, const std::function<bool(int)>& covers) {
    if (covers(from)) return from;
    if (!covers(horizon)) return horizon;
    int lo = from, hi = horizon;  // !covers(lo), covers(hi)
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (covers(mid) ? hi : lo) = mid;
    }
    return hi;
}

// The checker lets paste be short by a rounding tolerance; allow more.
double paste_tolerance(double lbs) { return 1e-3 + 1e-6 * lbs; }

}  // namespace

long long free_working_hours(const Instance& instance, int resource, int from, int to) {
    if (to <= from) return 0;
    const Resource& res = instance.resources[at(resource)];
    long long hours = res.working.at(to) - res.working.at(from);
    std::vector<Outage> outages = res.calendar.outages;
    std::sort(outages.begin(), outages.end(), [](const Outage& a, const Outage& b) { return a.start < b.start; });
    int covered = from;  // outages may overlap: each hour once
    for (const Outage& o : outages) {
        const int s = std::max(o.start, covered);
        const int e = std::min(o.end, to);
        if (e > s) hours -= res.working.at(e) - res.working.at(s);
        covered = std::max(covered, std::min(o.end, to));
    }
    return std::max(0LL, hours);
}

int earliest_packing_end(const Instance& instance, int sku, double units, int from) {
    const Product& p = instance.products[at(sku)];
    return earliest(from, instance.horizon, [&](int t) {
        double total = 0;
        for (int r : p.eligible)
            total += static_cast<double>(free_working_hours(instance, r, from, t)) * instance.option(sku, r)->rate;
        return total >= units - 1e-6;
    });
}

int earliest_made(const Instance& instance, int paste, double lbs, int from) {
    return earliest(from, instance.horizon, [&](int t) {
        double made = 0;
        for (int m : instance.products[at(paste)].eligible)
            made += instance.resources[at(m)].batch_size *
                    std::floor(free_working_hours(instance, m, from, t) / instance.option(paste, m)->batch_hours);
        return made >= lbs;
    });
}

// Earliest end of ONE row working `work` hours on mixer m from `from` on
// (working hours outside outages). From time 0 also: a row ending after
// `every - duration` of the first spare period leaves that period's spare block
// no room after it, and a row ending after the latest start of the first
// required maintenance leaves it none either, so such a block lies before the
// row, which then starts at `duration` or later (docs/bound.md 6).
int earliest_row_end(const Instance& instance, int m, double work, int from) {
    const int horizon = instance.horizon;
    const auto end_from = [&](int start) {
        return earliest(start, horizon, [&](int t) {
            return static_cast<double>(free_working_hours(instance, m, start, t)) >= work;
        });
    };
    const int end = end_from(from);
    if (from != 0) return end;
    const ResourceCalendar& calendar = instance.resources[at(m)].calendar;
    int before = 0;  // clock hours a block surely takes before the row
    if (const auto& spare = calendar.spare; spare && spare->every > 0 && spare->every <= horizon &&
                                            spare->duration > 0 && end > spare->every - spare->duration)
        before = std::max(before, spare->duration);
    if (const auto& maintenance = calendar.maintenance; maintenance && maintenance->every > 0 && maintenance->duration > 0) {
        const long long due = maintenance->first_due();
        if (due < horizon && end > std::min<long long>(due, horizon - maintenance->duration))
            before = std::max(before, maintenance->duration);
    }
    return before > 0 && before < horizon ? std::max(end, end_from(before)) : end;
}

std::vector<PasteLateness> paste_lateness(const Instance& instance, const std::vector<double>& need, bool line_rows) {
    std::vector<PasteLateness> out(at(instance.num_pastes));
    const double weight = instance.weights.lateness;
    if (weight <= 0 || !instance.fixed_rows.empty() || instance.demand_soft) return out;
    const int from = instance.frozen_until, horizon = instance.horizon;
    // Free working hours of each line from 0 (additive over intervals), so the
    // earliest packing end from every E costs one sweep per SKU.
    std::vector<std::vector<long long>> free(instance.resources.size());
    const auto prefix = [&](int r) -> const std::vector<long long>& {
        std::vector<long long>& f = free[at(r)];
        if (f.empty())
            for (int t = 0; t <= horizon; ++t) f.push_back(free_working_hours(instance, r, 0, t));
        return f;
    };
    for (int p = 0; p < instance.num_pastes; ++p) {
        const Product& paste = instance.products[at(p)];
        PasteLateness& late = out[at(p)];
        late.one_row.assign(at(horizon + 1), 0.0);
        if (need[at(p)] <= 0) continue;  // no row of p is needed: nothing to say
        for (int s : paste.skus) {
            const Product& sku = instance.products[at(s)];
            if (!sku.due || need[at(s)] <= 0 || sku.eligible.empty()) continue;
            const double units = need[at(s)];
            // Two or more rows: the SKU alone on its lines, after all of p's
            // mixers could have made its paste beyond the stock (section 3).
            const double lbs = units / sku.units_per_lb;
            const double beyond = std::max(0.0, lbs - paste.initial_stock - paste_tolerance(lbs));
            const int made = beyond > 0 ? earliest_made(instance, p, beyond, from) : from;
            int alone = earliest_packing_end(instance, s, units, from);
            if (beyond > 0) alone = std::max(alone, 1 + made);
            const auto tardy = [&](int end) { return weight * std::max(0, end - *sku.due); };
            // One row of p ending at E: without initial stock every row of s
            // consumes paste of that row, so it starts at E or later. (A row
            // within the checker's paste tolerance could start earlier: such
            // SKUs keep the several-row value.)
            const bool waits = paste.initial_stock <= 0 && 1 / sku.units_per_lb > paste_tolerance(0);
            std::vector<std::pair<const std::vector<long long>*, double>> lines;  // prefix, rate
            for (int r : sku.eligible) lines.emplace_back(&prefix(r), instance.option(s, r)->rate);
            // With `line_rows` (section 11): the SKU's own line rows too, as the
            // cost above its lines' trivial part (section 1): exactly one row on
            // line l, which starts once all of its paste is in stock, or two
            // rows or more (the pooled packing below).
            struct OneLine {
                const std::vector<long long>* free;
                long long work;
                double extra;  // its downtime + changeover above the SKU's trivial part
                int end = 0;   // earliest end from the current start, non-decreasing
            };
            std::vector<OneLine> one_line;
            double several_extra = 0;
            if (line_rows) {
                // trivial = the cheaper of one row on its cheapest line and
                // several rows (product_trivial, hard demand)
                const double co = instance.weights.changeover * min_changeover_after(instance, s);
                double trivial = several_rows_cost(instance, s, units);
                for (int r : sku.eligible) {
                    const double work = row_hours(instance, s, r, units);
                    const double cost = instance.weights.downtime * instance.option(s, r)->downtime * work + co;
                    one_line.push_back({&prefix(r), static_cast<long long>(std::ceil(work - 1e-9)), cost});
                    trivial = std::min(trivial, cost);
                }
                several_extra = several_rows_cost(instance, s, units) - trivial;
                for (OneLine& l : one_line) l.extra -= trivial;
            }
            int packed = from;  // earliest_packing_end(s, units, E), non-decreasing in E
            for (int e = 0; e <= horizon; ++e) {
                int several_end = alone;
                if (waits && e >= from) {
                    packed = std::max(packed, e);
                    const auto covers = [&](int t) {  // earliest_packing_end's test, term by term
                        double total = 0;
                        for (const auto& [f, rate] : lines) total += static_cast<double>((*f)[at(t)] - (*f)[at(e)]) * rate;
                        return total >= units - 1e-6;
                    };
                    while (packed < horizon && !covers(packed)) ++packed;
                    several_end = std::max(several_end, packed);
                }
                double value = several_extra + tardy(several_end);
                // One line row starts at `start`: its paste (all of the SKU's) is in stock then.
                const int start = std::max(made, waits ? std::max(e, from) : from);
                for (OneLine& l : one_line) {
                    const std::vector<long long>& f = *l.free;
                    l.end = std::max(l.end, start);
                    while (l.end < horizon && f[at(l.end)] - f[at(start)] < l.work) ++l.end;
                    value = std::min(value, l.extra + tardy(std::max(alone, l.end)));
                }
                late.one_row[at(e)] += value;
                if (e == from) late.several += value;  // E puts no limit there: the several-row value
            }
        }
    }
    return out;
}

CampaignLateness campaign_lateness(const Instance& instance, const std::vector<double>& need) {
    return campaign_lateness(instance, need, paste_lateness(instance, need));
}

CampaignLateness campaign_lateness(const Instance& instance, const std::vector<double>& need,
                                   const std::vector<PasteLateness>& late) {
    CampaignLateness c;
    c.single.assign(at(instance.num_pastes), std::vector<double>(instance.resources.size(), 0.0));
    c.several.assign(at(instance.num_pastes), 0.0);
    for (int p = 0; p < instance.num_pastes; ++p) {
        if (late[at(p)].one_row.empty() || need[at(p)] <= 0) continue;
        c.several[at(p)] = late[at(p)].several;
        // One row of p on m makes all of its need in whole batches from
        // frozen_until on, so its paste is there at that row's earliest end.
        for (int m : instance.products[at(p)].eligible)
            c.single[at(p)][at(m)] = late[at(p)].one_row[at(earliest_row_end(
                instance, m, row_hours(instance, p, m, need[at(p)]), instance.frozen_until))];
    }
    return c;
}

double queued_lateness(const Instance& instance, const std::vector<double>& need) {
    const double weight = instance.weights.lateness;
    // Fixed rows (a review) consume paste and line time of their own: left to
    // the per-SKU bound. Soft demand: a SKU may have no rows at all.
    if (weight <= 0 || !instance.fixed_rows.empty() || instance.demand_soft) return 0;
    const int from = instance.frozen_until, horizon = instance.horizon;

    struct Job {
        double units = 0, hours = 0, lbs = 0;
        int alone = 0;  // earliest end of the SKU's last row if it had the plant to itself
        int due = 0;
    };
    std::vector<Job> jobs;
    std::vector<double> line_rate(instance.resources.size(), 0.0);      // fastest rate of a job's SKU
    std::vector<int> batch_hours(instance.resources.size(), std::numeric_limits<int>::max());  // shortest batch of a job's paste
    int changeover = std::numeric_limits<int>::max();
    for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
        const Product& sku = instance.products[at(s)];
        if (!sku.due || need[at(s)] <= 0 || sku.eligible.empty()) continue;
        const Product& paste = instance.products[at(sku.paste)];
        Job j;
        j.units = need[at(s)];
        j.due = *sku.due;
        double fastest = 0;
        for (int l : sku.eligible) {
            fastest = std::max(fastest, instance.option(s, l)->rate);
            line_rate[at(l)] = std::max(line_rate[at(l)], instance.option(s, l)->rate);
        }
        j.hours = j.units / fastest;
        // Paste this SKU alone takes beyond the initial stock; per SKU these add
        // up to at most what a set of SKUs of one paste takes (superadditive).
        const double lbs = j.units / sku.units_per_lb;
        j.lbs = std::max(0.0, lbs - paste.initial_stock - paste_tolerance(lbs));
        for (int m : paste.eligible)
            batch_hours[at(m)] = std::min(batch_hours[at(m)], instance.option(sku.paste, m)->batch_hours);
        // Alone: its lines pack it, after its mixers made its paste (a row
        // consumes its paste at its start and works >= 1 hour).
        j.alone = earliest_packing_end(instance, s, j.units, from);
        if (j.lbs > 0) j.alone = std::max(j.alone, 1 + earliest_made(instance, sku.paste, j.lbs, from));
        changeover = std::min(changeover, min_changeover_after(instance, s));
        jobs.push_back(j);
    }
    if (jobs.empty()) return 0;

    std::vector<int> lines, mixers;
    double slowest = std::numeric_limits<double>::infinity();
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r) {
        if (line_rate[at(r)] > 0) lines.push_back(r), slowest = std::min(slowest, line_rate[at(r)]);
        if (batch_hours[at(r)] != std::numeric_limits<int>::max()) mixers.push_back(r);
    }
    const auto sorted = [&](auto field) {
        std::vector<double> v;
        for (const Job& j : jobs) v.push_back(static_cast<double>(field(j)));
        std::sort(v.begin(), v.end());
        return v;
    };
    const std::vector<double> units = sorted([](const Job& j) { return j.units; });
    const std::vector<double> hours = sorted([](const Job& j) { return j.hours; });
    const std::vector<double> lbs = sorted([](const Job& j) { return j.lbs; });
    const std::vector<double> alone = sorted([](const Job& j) { return j.alone; });
    const std::vector<double> due = sorted([](const Job& j) { return j.due; });

    // The k-th SKU to finish (k = 1..n) ends no earlier than: its own `alone`
    // order statistic; the time the lines could pack the k smallest needs
    // (plus a changeover between any two of their rows on one line); and one
    // hour after the mixers could make the k smallest paste needs.
    double total = 0, units_k = 0, hours_k = 0, lbs_k = 0;
    const long long n_lines = static_cast<long long>(lines.size());
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        units_k += units[k], hours_k += hours[k], lbs_k += lbs[k];
        const double between = static_cast<double>(std::max(0LL, static_cast<long long>(k) + 1 - n_lines)) * changeover;
        const int packed = earliest(from, horizon, [&](int t) {
            double u = 0, h = 0;
            for (int l : lines) {
                const double free = static_cast<double>(free_working_hours(instance, l, from, t));
                u += line_rate[at(l)] * free;
                h += free;
            }
            return u >= units_k + between * slowest - 1e-6 && h >= hours_k + between - 1e-9;
        });
        int finish = std::max<int>(packed, static_cast<int>(alone[k]));
        if (lbs_k > 0)
            finish = std::max(finish, 1 + earliest(from, horizon, [&](int t) {
                                          double made = 0;
                                          for (int m : mixers)
                                              made += instance.resources[at(m)].batch_size *
                                                      std::floor(free_working_hours(instance, m, from, t) /
                                                                 batch_hours[at(m)]);
                                          return made >= lbs_k;
                                      }));
        total += std::max(0.0, finish - due[k]);
    }
    return weight * total;
}

}  // namespace makepack
