#include "model/bound/coupled_lagrangian.hpp"

#include "model/bound/lp_numbers.hpp"
#include "model/bound/mixer_flow.hpp"
#include "model/bound/mixer_polytope.hpp"
#include "model/bound/polyak_ascent.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>

namespace makepack {

namespace {

using bound_numbers::at;
using Clock = std::chrono::steady_clock;

// Subgradient settings, measured on bench/large (docs/bound.md 10).
constexpr int kRounds = 300;            // dual function evaluations at most
constexpr int kMaxCutsPerMixer = 600;   // connectivity cuts kept per mixer
// A cut's size in the step: its price moves 1/16 as far as a cover's for the
// same slack, and thousands of cuts no longer outweigh the 250 covers in the
// norm (200 rounds on bench/large: 4288.80 instead of 4242.08 at size 1).
constexpr double kCutScale = 16;

// Polyak steps towards 4 % of |best| (+ 1e-6, for a best of 0) above the best
// value, halved after 10 rounds without a better one, along d = g + 0.5 d_last.
constexpr PolyakConfig kCoupledAscent{.target_gap = 0.04, .target_offset = 1e-6, .patience = 10,
                               .deflection = 0.5, .min_norm = 1e-18};

// The priced rows: per needed paste k its cover and whole batches (prices
// >= 0); per mixer its rows from the hours row on (hours <= 0, cuts >= 0).
struct Prices {
    std::vector<double> cover, batch;
    std::vector<std::vector<double>> rows;
};

using Coupling = CoupledPastes;

PriceSign sign_of(const SparseRow& r) {
    if (r.sense == bound::RowSense::GreaterEqual) return PriceSign::NonNegative;
    if (r.sense == bound::RowSense::LessEqual) return PriceSign::NonPositive;
    return PriceSign::Free;
}

// The dual function at `prices` and each mixer's minimiser (empty: unused).
struct Evaluation {
    double value = 0;
    bool valid = true;
    std::vector<std::vector<double>> x;
};

// A connectivity cut's set U (its first-row entries), the arcs inside U and the share it covers.
struct CutShape {
    std::vector<int> members, inner_arcs;
    int share = -1;
};

CutShape cut_shape(const MixerPolytope& m, const SparseRow& cut) {
    CutShape shape;
    std::vector<int> node_of_start(m.cost.size(), -1);
    for (std::size_t i = 0; i < m.nodes.size(); ++i) node_of_start[at(m.nodes[i].S)] = static_cast<int>(i);
    std::vector<char> in_cut(m.nodes.size(), 0);
    for (auto [var, a] : cut.entries) {
        if (a < 0) shape.share = var;
        const int node = node_of_start[at(var)];
        if (node >= 0) in_cut[at(node)] = 1, shape.members.push_back(node);
    }
    for (const MixerArc& a : m.arcs)
        if (a.from >= 0 && a.to >= 0 && in_cut[at(a.from)] && in_cut[at(a.to)]) shape.inner_arcs.push_back(a.var);
    return shape;
}

// Mixer m's priced minimum: its rows' prices folded into the reduced costs,
// their right-hand sides into a constant, the rest is the flow of mixer_flow.hpp.
std::optional<double> mixer_part(const MixerPolytope& m, const std::vector<CutShape>& shapes, const Coupling& c,
                                 const Prices& prices, std::size_t i, std::vector<double>& x) {
    std::vector<double> reduced = m.cost;
    for (const MixerNode& node : m.nodes) {
        const int k = c.index[at(node.paste)];
        if (k < 0) continue;
        if (node.y >= 0) reduced[at(node.y)] -= prices.cover[at(k)];
        reduced[at(node.B)] -= prices.batch[at(k)];
    }
    double constant = 0;
    std::vector<double> row_price(m.nodes.size(), 0.0);
    for (std::size_t j = 0; j < prices.rows[i].size(); ++j) {
        const SparseRow& r = m.rows[at(m.hours_row) + j];
        const double u = clipped_price(sign_of(r), prices.rows[i][j]);
        if (u == 0) continue;
        constant += u * r.rhs;
        if (j == 0) {
            for (auto [var, a] : r.entries) reduced[at(var)] -= u * a;
            continue;
        }
        // A cut "S into U + arcs into U >= y": on every flow of the network it
        // equals "rows of U - arcs inside U >= y" (each row has one
        // predecessor), which prices a few node rows and inner arcs instead of
        // every arc into U: far fewer negative arcs for the flow to settle.
        const CutShape& cut = shapes[j - 1];
        for (int node : cut.members) row_price[at(node)] -= u;
        for (int var : cut.inner_arcs) reduced[at(var)] += u;
        reduced[at(cut.share)] += u;
    }
    std::optional<MixerFlow> flow = mixer_flow_minimum(m, reduced, &row_price);
    if (!flow) return std::nullopt;
    if (flow->value < 0) x = std::move(flow->x);
    return constant + flow->value;
}

Evaluation evaluate(const std::vector<MixerPolytope>& mixers, const std::vector<std::vector<CutShape>>& shapes,
                    const Coupling& c, const Prices& prices) {
    Evaluation e;
    e.x.resize(mixers.size());
    std::vector<double> parts(mixers.size(), 0.0);
    std::vector<char> solved(mixers.size(), 0);
    tbb::parallel_for(std::size_t{0}, mixers.size(), [&](std::size_t i) {
        const std::optional<double> part = mixer_part(mixers[i], shapes[i], c, prices, i, e.x[i]);
        if (part) parts[i] = *part, solved[i] = 1;
    });
    for (std::size_t k = 0; k < c.pastes.size(); ++k) e.value += prices.cover[k] + prices.batch[k] * c.batches[k];
    for (std::size_t i = 0; i < mixers.size(); ++i) e.value += parts[i], e.valid = e.valid && solved[i];
    return e;
}

// The subgradient at e's minimisers (rhs - activity per priced row), laid
// out like the prices.
Prices subgradient(const std::vector<MixerPolytope>& mixers, const Coupling& c, const Evaluation& e,
                   const Prices& prices) {
    Prices g{std::vector<double>(c.pastes.size(), 1.0), c.batches, {}};
    for (std::size_t i = 0; i < mixers.size(); ++i) {
        if (e.x[i].empty()) continue;
        for (const MixerNode& node : mixers[i].nodes) {
            const int k = c.index[at(node.paste)];
            if (k < 0) continue;
            if (node.y >= 0) g.cover[at(k)] -= e.x[i][at(node.y)];
            g.batch[at(k)] -= e.x[i][at(node.B)];
        }
    }
    g.rows.resize(mixers.size());
    for (std::size_t i = 0; i < mixers.size(); ++i) {
        const MixerPolytope& m = mixers[i];
        for (std::size_t j = 0; j < prices.rows[i].size(); ++j) {
            const SparseRow& r = m.rows[at(m.hours_row) + j];
            double activity = 0;
            if (!e.x[i].empty())
                for (auto [var, a] : r.entries) activity += a * e.x[i][at(var)];
            g.rows[i].push_back(r.rhs - activity);
        }
    }
    return g;
}

// The priced rows of one step, each scaled by its size (batches by the
// paste's whole batches, the hours row by the mixer's hours), in the order
// their norm has always been summed: per paste its cover and batches, then
// per mixer its rows (the cuts at kCutScale). `directions` keeps each row's
// last direction.
std::vector<PricedRow> priced_rows(const std::vector<MixerPolytope>& mixers, const Coupling& c, const Prices& g,
                                   Prices& prices, Prices& directions) {
    std::vector<PricedRow> rows;
    for (std::size_t k = 0; k < c.pastes.size(); ++k) {
        rows.push_back({&prices.cover[k], g.cover[k], PriceSign::NonNegative, 1.0, &directions.cover[k]});
        rows.push_back({&prices.batch[k], g.batch[k], PriceSign::NonNegative, c.batches[k], &directions.batch[k]});
    }
    for (std::size_t i = 0; i < mixers.size(); ++i) {
        const MixerPolytope& m = mixers[i];
        directions.rows[i].resize(prices.rows[i].size(), 0.0);  // cuts joined since: no direction yet
        for (std::size_t j = 0; j < prices.rows[i].size(); ++j) {
            const SparseRow& r = m.rows[at(m.hours_row) + j];
            const double scale = j == 0 ? std::max(1.0, r.rhs) : kCutScale;
            rows.push_back({&prices.rows[i][j], g.rows[i][j], sign_of(r), scale, &directions.rows[i][j]});
        }
    }
    return rows;
}

}  // namespace

CoupledMixers coupled_mixers_lagrangian(const Instance& instance, const std::vector<double>& need,
                                        const std::vector<double>& available, double seconds) {
    const auto started = Clock::now();
    const auto left = [&] { return seconds - std::chrono::duration<double>(Clock::now() - started).count(); };
    CoupledMixers out;
    std::vector<MixerPolytope> mixers;
    for (int r = 0; r < instance.num_mixers; ++r) mixers.push_back(mixer_polytope(instance, r, need, available[at(r)]));
    const std::optional<Coupling> c = coupled_pastes(instance, mixers, need);
    if (!c) return out;
    Prices prices;  // first: each paste's cheapest single row, nothing else
    for (int p : c->pastes) prices.cover.push_back(cheapest_single_row(instance, mixers, p, need[at(p)]));
    prices.batch.assign(c->pastes.size(), 0.0);
    prices.rows.assign(mixers.size(), std::vector<double>(1, 0.0));  // the hours rows
    Prices directions{std::vector<double>(c->pastes.size(), 0.0), std::vector<double>(c->pastes.size(), 0.0),
                      std::vector<std::vector<double>>(mixers.size())};
    PolyakAscent ascent(kCoupledAscent);
    std::vector<std::vector<CutShape>> shapes(mixers.size());  // per mixer, per cut
    for (int round = 0; round < kRounds && left() > 0; ++round) {
        const Evaluation e = evaluate(mixers, shapes, *c, prices);
        ++out.rounds;
        if (!e.valid) break;  // the best value so far stands
        ascent.record(e.value);
        out.value = ascent.best(), out.master = e.value;
        const Prices g = subgradient(mixers, *c, e, prices);
        ascent.step(e.value, priced_rows(mixers, *c, g, prices, directions));  // too small a norm: no move
        // Relax-and-cut: the connectivity cuts this point violates join at price 0.
        for (std::size_t i = 0; i < mixers.size(); ++i)
            if (!e.x[i].empty() && mixers[i].cuts < kMaxCutsPerMixer) {
                add_connectivity_cuts(mixers[i], e.x[i]);
                prices.rows[i].resize(mixers[i].rows.size() - at(mixers[i].hours_row), 0.0);
                for (std::size_t r = at(mixers[i].hours_row) + 1 + shapes[i].size(); r < mixers[i].rows.size(); ++r)
                    shapes[i].push_back(cut_shape(mixers[i], mixers[i].rows[r]));
            }
    }
    for (const MixerPolytope& m : mixers) out.cuts += m.cuts;
    return out;
}

}  // namespace makepack
