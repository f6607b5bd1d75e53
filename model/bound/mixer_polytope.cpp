#include "model/bound/mixer_polytope.hpp"

#include "model/bound/capacity_lp.hpp"
#include "model/bound/lower_bound.hpp"
#include "model/bound/lp_numbers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack {

namespace {

using bound::RowSense;
using bound_numbers::at;

int add_variable(MixerPolytope& m, double cost, double upper) {
    m.cost.push_back(cost);
    m.upper.push_back(upper);
    return static_cast<int>(m.cost.size()) - 1;
}

// Nodes: pastes with at least one row (and its shortest changeover) fitting.
void add_nodes(MixerPolytope& m, const Instance& instance, const std::vector<double>& need, double available) {
    const ObjectiveWeights& w = instance.weights;
    for (int p = 0; p < instance.num_pastes; ++p) {
        const Option* o = instance.option(p, m.mixer);
        if (!o || max_amount(instance, p, m.mixer, available) <= 0) continue;
        // Every plan's rows of p here work whole batches inside the hours.
        const double batches = std::floor(available / o->batch_hours + 1e-9);
        MixerNode node;
        node.paste = p;
        node.most_batches = static_cast<long>(std::floor(max_amount(instance, p, m.mixer, available) /
                                                         instance.resources[at(m.mixer)].batch_size));
        // The checker's paste tolerance: a plan may make slightly less than the need.
        const double lbs = need[at(p)];
        if (lbs > 0) node.need_lbs = lbs - 1e-3 - 1e-6 * lbs;
        node.B = add_variable(m, w.downtime * o->downtime * o->batch_hours, batches);
        if (need[at(p)] > 0) node.y = add_variable(m, 0, 1);
        node.S = add_variable(m, 0, 1);
        node.E = add_variable(m, w.changeover * instance.mixer_changeover.default_hours, 1);
        m.starts.push_back(node.S);
        m.nodes.push_back(node);
    }
}

// Arcs cheaper than the default between nodes (q = p included); every other
// succession goes through the hub at the default (a relaxation: listed pairs
// above the default only get cheaper).
void add_arcs(MixerPolytope& m, const Instance& instance) {
    const double w = instance.weights.changeover;
    const int fallback = instance.mixer_changeover.default_hours;
    const auto most = [&](int i) { return m.upper[at(m.nodes[at(i)].B)]; };  // rows <= batches
    const int k = static_cast<int>(m.nodes.size());
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) {
            const int hours = instance.changeover(m.nodes[at(i)].paste, m.nodes[at(j)].paste);
            if (hours < fallback) m.arcs.push_back({i, j, add_variable(m, w * hours, std::min(most(i), most(j)))});
        }
    for (int i = 0; i < k; ++i) {
        m.arcs.push_back({i, -1, add_variable(m, w * fallback, most(i))});
        m.arcs.push_back({-1, i, add_variable(m, 0, most(i))});
    }
}

SparseRow sparse_row(RowSense sense, double rhs, std::vector<std::pair<int, double>> entries) {
    return SparseRow{sense, rhs, std::move(entries)};
}

// The rows of node i: n_i = S_i + the arcs into i (each row has one
// predecessor: a row or the mixer's start), as entries.
std::vector<std::vector<std::pair<int, double>>> rows_of_nodes(const MixerPolytope& m, double sign) {
    std::vector<std::vector<std::pair<int, double>>> rows(m.nodes.size());
    for (std::size_t i = 0; i < m.nodes.size(); ++i) rows[i].emplace_back(m.nodes[i].S, sign);
    for (const MixerArc& a : m.arcs)
        if (a.to >= 0) rows[at(a.to)].emplace_back(a.var, sign);
    return rows;
}

SparseRow with_rows(SparseRow r, const std::vector<std::pair<int, double>>& n) {
    r.entries.insert(r.entries.end(), n.begin(), n.end());
    return r;
}

// Flow: each row of node i is followed by a row or the end (E_i + arcs out
// of i = n_i); the hub passes on what it takes; one first row.
void add_flow_rows(MixerPolytope& m) {
    const std::vector<std::vector<std::pair<int, double>>> minus_rows = rows_of_nodes(m, -1);
    std::vector<SparseRow> out(m.nodes.size());
    SparseRow hub = sparse_row(RowSense::Equal, 0, {});
    for (std::size_t i = 0; i < m.nodes.size(); ++i) out[i] = with_rows(sparse_row(RowSense::Equal, 0, {{m.nodes[i].E, 1}}), minus_rows[i]);
    for (const MixerArc& a : m.arcs) {
        if (a.to < 0) hub.entries.emplace_back(a.var, 1.0);
        if (a.from >= 0) out[at(a.from)].entries.emplace_back(a.var, 1.0);
        else hub.entries.emplace_back(a.var, -1.0);
    }
    for (SparseRow& r : out) m.rows.push_back(std::move(r));
    m.rows.push_back(std::move(hub));
    SparseRow one_start = sparse_row(RowSense::LessEqual, 1, {});
    for (int s : m.starts) one_start.entries.emplace_back(s, 1.0);
    m.rows.push_back(std::move(one_start));
}

// Batches, rows and shares of each node (docs/bound.md 8, the table of rows).
void add_node_rows(MixerPolytope& m, const Instance& instance, double available) {
    const double size = instance.resources[at(m.mixer)].batch_size;
    const std::vector<std::vector<std::pair<int, double>>> plus = rows_of_nodes(m, 1), minus = rows_of_nodes(m, -1);
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        const MixerNode& node = m.nodes[i];
        const double most = max_amount(instance, node.paste, m.mixer, available);
        m.rows.push_back(with_rows(sparse_row(RowSense::GreaterEqual, 0, {{node.B, 1}}), minus[i]));             // row batch
        m.rows.push_back(with_rows(sparse_row(RowSense::GreaterEqual, 0, {{node.B, -size / most}}), plus[i]));  // row most
        if (node.y < 0) continue;
        m.rows.push_back(sparse_row(RowSense::GreaterEqual, 0, {{node.B, size}, {node.y, -node.need_lbs}}));  // amount
        m.rows.push_back(with_rows(sparse_row(RowSense::GreaterEqual, 0, {{node.y, -1}}), plus[i]));  // row share
        SparseRow used = sparse_row(RowSense::GreaterEqual, 0, {{node.y, -1}});
        for (int s : m.starts) used.entries.emplace_back(s, 1.0);
        m.rows.push_back(std::move(used));
    }
}

// Work and the changeover after every row fit the available hours.
void add_hours_row(MixerPolytope& m, const Instance& instance, double available) {
    SparseRow hours = sparse_row(RowSense::LessEqual, available, {});
    const int fallback = instance.mixer_changeover.default_hours;
    for (const MixerNode& node : m.nodes) {
        hours.entries.emplace_back(node.B, instance.option(node.paste, m.mixer)->batch_hours);
        hours.entries.emplace_back(node.E, fallback);
    }
    for (const MixerArc& a : m.arcs) {
        const int h = a.from < 0 ? 0
                      : a.to < 0 ? fallback
                                 : instance.changeover(m.nodes[at(a.from)].paste, m.nodes[at(a.to)].paste);
        if (h > 0) hours.entries.emplace_back(a.var, h);
    }
    m.rows.push_back(std::move(hours));
    m.hours_row = static_cast<int>(m.rows.size()) - 1;
}

}  // namespace

MixerPolytope mixer_polytope(const Instance& instance, int mixer, const std::vector<double>& need, double available) {
    MixerPolytope m;
    m.mixer = mixer;
    m.batch_size = instance.resources[at(mixer)].batch_size;
    add_nodes(m, instance, need, available);
    add_arcs(m, instance);
    add_flow_rows(m);
    add_node_rows(m, instance, available);
    add_hours_row(m, instance, available);
    return m;
}

std::optional<CoupledPastes> coupled_pastes(const Instance& instance, const std::vector<MixerPolytope>& mixers,
                                            const std::vector<double>& need) {
    CoupledPastes c;
    c.index.assign(at(instance.num_pastes), -1);
    for (int p = 0; p < instance.num_pastes; ++p) {
        const double lbs = need[at(p)];
        if (lbs <= 0) continue;
        double largest_batch = 0;
        for (const MixerPolytope& m : mixers)
            for (const MixerNode& node : m.nodes)
                if (node.paste == p) largest_batch = std::max(largest_batch, m.batch_size);
        if (largest_batch <= 0) return std::nullopt;
        c.index[at(p)] = static_cast<int>(c.pastes.size());
        c.pastes.push_back(p);
        // The tolerance of docs/bound.md "Work".
        c.batches.push_back(std::ceil((lbs - 1e-3 - 1e-6 * lbs) / largest_batch - 1e-9));
    }
    return c;
}

double cheapest_single_row(const Instance& instance, const std::vector<MixerPolytope>& mixers, int paste, double lbs) {
    double price = std::numeric_limits<double>::infinity();
    for (const MixerPolytope& m : mixers)
        for (const MixerNode& node : m.nodes)
            if (node.paste == paste) price = std::min(price, m.cost[at(node.B)] * std::ceil(lbs / m.batch_size));
    return price + instance.weights.changeover * min_changeover_after(instance, paste);
}

bound::LpProblem polytope_lp(const MixerPolytope& m, const std::vector<double>& cost) {
    bound::LpProblem lp;
    lp.columns.resize(cost.size());
    for (std::size_t j = 0; j < cost.size(); ++j) lp.columns[j].cost = cost[j];
    for (const SparseRow& r : m.rows) {
        const int i = lp.add_row(r.sense, r.rhs);
        for (auto [var, value] : r.entries) lp.columns[at(var)].entries.emplace_back(i, value);
    }
    return lp;
}

double polytope_dual_bound(const MixerPolytope& m, const std::vector<double>& cost, const std::vector<double>& duals) {
    std::vector<double> reduced = cost;
    double value = 0;
    for (std::size_t i = 0; i < m.rows.size() && i < duals.size(); ++i) {
        const SparseRow& r = m.rows[i];
        double u = duals[i];
        if (r.sense == RowSense::GreaterEqual) u = std::max(0.0, u);
        if (r.sense == RowSense::LessEqual) u = std::min(0.0, u);
        if (!std::isfinite(u) || u == 0) continue;
        value += u * r.rhs;
        for (auto [var, a] : r.entries) reduced[at(var)] -= u * a;
    }
    // Each variable at its cheaper end of [0, upper]; the starts: at most one.
    double cheapest_start = 0;
    for (int s : m.starts) cheapest_start = std::min(cheapest_start, reduced[at(s)]), reduced[at(s)] = 0;
    value += cheapest_start;
    for (std::size_t j = 0; j < reduced.size(); ++j) value += m.upper[j] * std::min(0.0, reduced[j]);
    return value;
}

double largest_violation(const MixerPolytope& m, const std::vector<std::pair<int, double>>& x) {
    std::vector<double> dense(m.cost.size(), 0.0);
    for (auto [var, value] : x) dense[at(var)] = value;
    double worst = 0;
    for (const SparseRow& r : m.rows) {
        double activity = 0;
        for (auto [var, a] : r.entries) activity += a * dense[at(var)];
        const double scale = 1 + std::fabs(r.rhs);
        if (r.sense != RowSense::LessEqual) worst = std::max(worst, (r.rhs - activity) / scale);
        if (r.sense != RowSense::GreaterEqual) worst = std::max(worst, (activity - r.rhs) / scale);
    }
    return worst;
}

}  // namespace makepack
