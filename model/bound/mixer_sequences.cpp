#include "model/bound/mixer_sequences.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/due_dates.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/polyak_ascent.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>

namespace makepack {

namespace {

using bound_numbers::at;
using bound_numbers::kInfinity;

// Earliest end on mixer m of a row when it and the rows and changeovers
// before it on m take `busy` working hours: the first E whose free working
// hours in [from, E), less the spare and maintenance blocks that surely lie
// inside [0, E) (from time 0 only), reach `busy`. Blocks never overlap rows,
// changeovers, outages or each other (MODEL.md 3).
class MixerClock {
public:
    MixerClock(const Instance& instance, int m) : horizon_(instance.horizon) {
        const int from = instance.frozen_until;
        const Resource& res = instance.resources[at(m)];
        long long best = 0;
        for (int e = 0; e <= horizon_; ++e) {
            long long room = e <= from ? 0 : free_working_hours(instance, m, from, e);
            if (from == 0) room -= blocks_inside(res, e);
            best = std::max(best, room);  // the first E reaching a value: a prefix maximum
            while (static_cast<long long>(end_.size()) <= best) end_.push_back(e);
        }
    }
    // Horizon when the hours do not fit (no feasible schedule has them; any value is valid).
    int end_at(long long busy) const {
        return busy < 0 ? 0 : busy < static_cast<long long>(end_.size()) ? end_[static_cast<std::size_t>(busy)] : horizon_;
    }

private:
    // Working hours of the blocks that lie inside [0, e) in every schedule:
    // the spare block of each full period ending by e, and the k-th required
    // maintenance when due_1 + (k - 1) * every + duration <= e (the k-th due is
    // at most that, below the horizon, and the block starts by its due).
    int horizon_;
    std::vector<int> end_;  // end_[v] = first E with room(E) >= v

    long long blocks_inside(const Resource& res, int e) const {
        long long hours = 0;
        if (const auto& spare = res.calendar.spare; spare && spare->every > 0 && spare->duration > 0)
            hours += (std::min(e, horizon_) / spare->every) * min_working_hours(res, spare->duration);
        if (const auto& maintenance = res.calendar.maintenance; maintenance && maintenance->every > 0 &&
                                                               maintenance->duration > 0) {
            long long count = 0;
            for (long long due = maintenance->first_due(); due + maintenance->duration <= e && due < horizon_;
                 due += maintenance->every)
                ++count;
            hours += count * min_working_hours(res, maintenance->duration);
        }
        return hours;
    }
};

// A paste that may be made in exactly one row on this mixer.
struct OneRow {
    int paste = -1;
    const Arc* arc = nullptr;  // its one-row arc of the capacity model
    long long work = 0;        // whole batches' hours
    long long busy = 0;        // work + the shortest changeover after it
    int alone = 0;             // earliest end with nothing before it (section 6)
};

// Per mixer: the fewest lateness hours (weighted) of every subset of its
// sequenced one-row pastes, each in the order that suits it best.
struct MixerTable {
    int mixer = -1;
    std::vector<OneRow> sequenced;    // <= max_pastes, exact over their subsets
    std::vector<OneRow> alone;        // charged their lateness with nothing before them
    std::vector<double> lateness;     // per subset of `sequenced` (bit j = sequenced[j])
};

double late_at(const PasteLateness& late, const OneRow& row, int end) {
    return late.one_row[at(std::max(end, row.alone))];
}

MixerTable mixer_table(const Instance& instance, int m, std::vector<OneRow> rows,
                       const std::vector<PasteLateness>& late, int max_pastes) {
    MixerTable t;
    t.mixer = m;
    const MixerClock clock(instance, m);
    if (static_cast<int>(rows.size()) > max_pastes) {
        // Keep those whose SKUs lose most when the mixer's other one-row pastes come first.
        long long all = 0;
        for (const OneRow& r : rows) all += r.busy;
        const auto loss = [&](const OneRow& r) {
            const PasteLateness& l = late[at(r.paste)];
            return late_at(l, r, clock.end_at(all - r.busy + r.work)) - late_at(l, r, r.alone);
        };
        std::stable_sort(rows.begin(), rows.end(), [&](const OneRow& a, const OneRow& b) { return loss(a) > loss(b); });
        t.alone.assign(rows.begin() + max_pastes, rows.end());
        rows.resize(static_cast<std::size_t>(max_pastes));
    }
    t.sequenced = rows;
    const std::size_t n = rows.size(), subsets = std::size_t{1} << n;
    t.lateness.assign(subsets, 0.0);
    std::vector<long long> busy(subsets, 0);
    for (std::size_t s = 1; s < subsets; ++s) {
        const std::size_t low = s & (~s + 1);
        busy[s] = busy[s ^ low] + rows[static_cast<std::size_t>(__builtin_ctzll(low))].busy;
        double best = kInfinity;
        for (std::size_t j = 0; j < n; ++j) {
            if (!(s >> j & 1)) continue;
            const std::size_t before = s ^ (std::size_t{1} << j);  // j is the last of s on m
            const OneRow& r = rows[j];
            best = std::min(best, t.lateness[before] + late_at(late[at(r.paste)], r, clock.end_at(busy[before] + r.work)));
        }
        t.lateness[s] = best;
    }
    return t;
}

}  // namespace

namespace {

// Polyak steps towards the best value + max(1, 2 % of |best|), halved after
// 10 steps without a gain of 1e-9; at most 400 steps, stopped once halved to 1e-3.
constexpr int kSteps = 400;
constexpr PolyakConfig kSequencesAscent{.target_gap = 0.02, .min_target_gap = 1.0, .patience = 10,
                               .min_improvement = 1e-9, .min_theta = 1e-3};

// The paste options and the mixers' tables (independent of the prices).
struct Options {
    std::vector<int> pastes;                      // with a need
    std::vector<std::vector<const Arc*>> several;  // per paste: its several-row arcs (or its one arc)
    std::vector<MixerTable> tables;               // mixers with one-row options
};

// The Lagrangian of section 9 at hour prices `price`, with the paste prices
// improved by subgradient steps from section 6's cover; the best value seen.
double ascend(const Instance& instance, const CapacityModel& model, const Options& o,
              const std::vector<PasteLateness>& late, const std::vector<double>& price,
              const std::function<bool()>& in_time, int& iterations) {
    const auto value = [&](const Arc& a) { return a.cost + a.hours * std::max(0.0, price[at(a.resource)]); };
    std::vector<double> pi(at(instance.num_pastes), 0.0), several_value(at(instance.num_pastes), kInfinity);
    std::vector<std::vector<Cover>> campaign(at(instance.num_pastes));  // section 6's cover: the starting price
    for (int p : o.pastes) {
        std::vector<Cover> several;
        for (const Arc* a : o.several[at(p)]) several.push_back({value(*a) + late[at(p)].several, a->bound});
        several_value[at(p)] = cheapest_cover(several);
        campaign[at(p)] = several;
    }
    for (const MixerTable& t : o.tables)
        for (const auto* rows : {&t.sequenced, &t.alone})
            for (const OneRow& r : *rows)
                campaign[at(r.paste)].push_back({value(*r.arc) + late_at(late[at(r.paste)], r, r.alone), r.arc->bound});
    for (int p : o.pastes) pi[at(p)] = cheapest_cover(campaign[at(p)]);
    double priced_hours = 0;
    for (int m = 0; m < instance.num_mixers; ++m) priced_hours += std::max(0.0, price[at(m)]) * model.hours[at(m)];

    // L(pi) = sum pi + sum over mixers of the best subset + sum over pastes of
    // min(0, several - pi) - priced hours; `taken` counts each paste's options used.
    std::vector<int> taken(at(instance.num_pastes), 0);
    const auto evaluate = [&] {
        std::fill(taken.begin(), taken.end(), 0);
        double total = -priced_hours;
        for (int p : o.pastes) {
            total += pi[at(p)];
            if (several_value[at(p)] - pi[at(p)] < 0) total += several_value[at(p)] - pi[at(p)], ++taken[at(p)];
        }
        for (const MixerTable& t : o.tables) {
            for (const OneRow& r : t.alone) {
                const double v = value(*r.arc) + late_at(late[at(r.paste)], r, r.alone) - pi[at(r.paste)];
                if (v < 0) total += v, ++taken[at(r.paste)];
            }
            const std::size_t n = t.sequenced.size(), subsets = std::size_t{1} << n;
            std::vector<double> v(n), sum(subsets, 0.0);
            for (std::size_t j = 0; j < n; ++j) v[j] = value(*t.sequenced[j].arc) - pi[at(t.sequenced[j].paste)];
            double best = 0;
            std::size_t best_set = 0;
            for (std::size_t s = 1; s < subsets; ++s) {
                const std::size_t low = s & (~s + 1);
                sum[s] = sum[s ^ low] + v[static_cast<std::size_t>(__builtin_ctzll(low))];
                if (sum[s] + t.lateness[s] < best) best = sum[s] + t.lateness[s], best_set = s;
            }
            total += best;
            for (std::size_t j = 0; j < n; ++j)
                if (best_set >> j & 1) ++taken[at(t.sequenced[j].paste)];
        }
        return total;
    };

    // pi prices "each needed paste takes exactly one option" (any sign: an
    // equality); its subgradient is 1 - the options taken.
    PolyakAscent ascent(kSequencesAscent);
    std::vector<PricedRow> rows;
    for (int k = 0;; ++k) {
        const double current = evaluate();
        ascent.record(current);
        if (k == kSteps || ascent.stalled() || !in_time()) break;
        rows.clear();
        for (int p : o.pastes) rows.push_back({&pi[at(p)], static_cast<double>(1 - taken[at(p)]), PriceSign::Free});
        // No norm: every paste exactly one option, L is that choice's cost, the optimum.
        if (!ascent.step(current, rows)) break;
        ++iterations;
    }
    return *ascent.best();
}

}  // namespace

MixerSequences mixer_sequences_bound(const Instance& instance, const CapacityModel& model,
                                     const std::vector<double>& need, const std::vector<PasteLateness>& late,
                                     const std::vector<double>& price, double seconds, int max_pastes) {
    MixerSequences out;
    if (instance.weights.lateness <= 0 || instance.demand_soft || !instance.fixed_rows.empty() || model.soft)
        return out;
    const auto started = std::chrono::steady_clock::now();
    const auto in_time = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() < seconds;
    };
    if (late.size() != static_cast<std::size_t>(instance.num_pastes)) return out;

    // Options of each needed paste: one row on a mixer (eligible on >= 2
    // mixers; with one, its arc stands for "one row or more", section 6), or
    // the several-row cover with the pooled lateness.
    Options o;
    o.several.resize(at(instance.num_pastes));
    std::vector<std::vector<OneRow>> rows_on(instance.resources.size());
    for (int p = 0; p < instance.num_pastes; ++p) {
        if (need[at(p)] <= 0) continue;
        if (model.arcs[at(p)].empty() || late[at(p)].one_row.empty()) return out;
        o.pastes.push_back(p);
        const bool one_row_options = instance.products[at(p)].eligible.size() >= 2;
        for (const Arc& a : model.arcs[at(p)]) {
            if (!a.one_row || !one_row_options) {
                o.several[at(p)].push_back(&a);
                continue;
            }
            OneRow r;
            r.paste = p, r.arc = &a;
            r.work = static_cast<long long>(std::llround(row_hours(instance, p, a.resource, need[at(p)])));
            r.busy = r.work + min_changeover_after(instance, p);
            r.alone = earliest_row_end(instance, a.resource, static_cast<double>(r.work), instance.frozen_until);
            rows_on[at(a.resource)].push_back(r);
        }
    }
    if (o.pastes.empty()) return out;
    for (int m = 0; m < instance.num_mixers; ++m)
        if (!rows_on[at(m)].empty()) o.tables.push_back(mixer_table(instance, m, rows_on[at(m)], late, max_pastes));

    // Any hour prices >= 0 give a valid value: the capacity LP's, and none
    // (the LP's duals are often degenerate where one-row pastes fill a mixer).
    double best = ascend(instance, model, o, late, price, in_time, out.iterations);
    if (in_time())
        best = std::max(best, ascend(instance, model, o, late, std::vector<double>(price.size(), 0.0), in_time,
                                     out.iterations));
    if (std::isfinite(best)) out.value = best;
    return out;
}

}  // namespace makepack
