#include "model/bound/mixer_flow.hpp"

#include "model/bound/lp_numbers.hpp"
#include "model/bound/min_cost_flow.hpp"

#include <algorithm>
#include <cmath>

namespace makepack {

namespace {

using bound_numbers::at;
constexpr double kLargestCost = 1e6;  // per unit: scaled by 1e6, times capacities and summed it stays below 2^63

// A point of a node's cost over its rows n: the cheapest batches B and share y.
struct NodePoint {
    long n = 0;
    double g = 0, B = 0, y = 0;
};

// The lower convex envelope of a node's cost g(n) = min over whole B in
// [n, most] of cB B + cy y(B), y(B) = min(1, B / need batches) (taken only
// when cy < 0), g(0) = 0. h(B) = cB B + cy y(B) is convex in B with a kink at
// the need, so g is linear between 0, 1, argmin h, the need's floor and
// ceiling, and most: the envelope of those points is the envelope of g.
std::vector<NodePoint> node_envelope(const MixerNode& node, double size, double cB, double cy) {
    const long most = node.most_batches;
    const double need = node.need_lbs / size;
    const bool share = node.y >= 0 && cy < 0;
    const auto y_of = [&](double B) { return share ? (need > 0 ? std::min(1.0, B / need) : 1.0) : 0.0; };
    const auto h = [&](double B) { return cB * B + (share ? cy * y_of(B) : 0.0); };
    const auto clip = [&](double n) { return std::clamp(static_cast<long>(n), 1L, most); };
    std::vector<long> candidates{1, most, clip(std::floor(need)), clip(std::ceil(need))};
    long best = 1;
    for (long B : candidates)
        if (h(static_cast<double>(B)) < h(static_cast<double>(best)) || (h(static_cast<double>(B)) == h(static_cast<double>(best)) && B < best)) best = B;
    candidates.push_back(best);
    candidates.push_back(0);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::vector<NodePoint> hull;
    for (long n : candidates) {
        NodePoint p{n, 0, 0, 0};
        if (n > 0) {
            p.B = static_cast<double>(std::max(n, best));
            p.y = y_of(p.B);
            p.g = h(p.B);
        }
        // Lower hull (monotone chain): drop points above the chord.
        while (hull.size() >= 2) {
            const NodePoint& a = hull[hull.size() - 2];
            const NodePoint& b = hull.back();
            if ((b.g - a.g) * static_cast<double>(p.n - a.n) >= (p.g - a.g) * static_cast<double>(b.n - a.n)) hull.pop_back();
            else break;
        }
        hull.push_back(p);
    }
    return hull;
}

// One arc of the mixer's network before negative arcs are turned around.
struct FlowArc {
    std::size_t from = 0, to = 0;
    long capacity = 0;
    long cost = 0;  // scaled, rounded down
    int var = -1;   // polytope variable, -1: a node segment
    int id = -1;    // its id in the network
    bool turned = false;
};

}  // namespace

std::optional<MixerFlow> mixer_flow_minimum(const MixerPolytope& m, const std::vector<double>& reduced,
                                            const std::vector<double>* row_price) {
    MixerFlow out;
    out.x.assign(reduced.size(), 0.0);
    if (m.nodes.empty()) return out;  // no plan has a row here
    constexpr std::size_t start = 0, end = 1, hub = 2, source = 3, sink = 4;
    const auto in = [](int i) { return 5 + 2 * at(i); };
    const auto node_out = [](int i) { return 6 + 2 * at(i); };
    std::vector<FlowArc> arcs;
    bool finite = true;  // costs far beyond any plan's (diverged prices) would overflow the scaled sums
    const auto add = [&](std::size_t from, std::size_t to, long capacity, double cost, int var) {
        finite = finite && std::fabs(cost) < kLargestCost;
        if (capacity > 0 && finite) arcs.push_back({from, to, capacity, bound::MinCostFlow::scaled(cost), var, -1, false});
    };
    std::vector<std::vector<NodePoint>> hulls(m.nodes.size());
    std::vector<std::size_t> first_segment(m.nodes.size());
    const double size = m.batch_size;
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        const MixerNode& node = m.nodes[i];
        hulls[i] = node_envelope(node, size, reduced[at(node.B)], node.y >= 0 ? reduced[at(node.y)] : 0.0);
        first_segment[i] = arcs.size();
        for (std::size_t k = 1; k < hulls[i].size(); ++k) {
            const NodePoint &a = hulls[i][k - 1], &b = hulls[i][k];
            const double per_row = row_price ? (*row_price)[i] : 0.0;
            add(in(static_cast<int>(i)), node_out(static_cast<int>(i)), b.n - a.n,
                (b.g - a.g) / static_cast<double>(b.n - a.n) + per_row, -1);
        }
        add(start, in(static_cast<int>(i)), 1, reduced[at(node.S)], node.S);
        add(node_out(static_cast<int>(i)), end, 1, reduced[at(node.E)], node.E);
    }
    for (const MixerArc& a : m.arcs)
        add(a.from < 0 ? hub : node_out(a.from), a.to < 0 ? hub : in(a.to), static_cast<long>(m.upper[at(a.var)]),
            reduced[at(a.var)], a.var);
    if (!finite) return std::nullopt;
    // Negative arcs start saturated: their cost is counted now, their tail
    // owes and their head holds the flow, and the turned arc can give it back.
    const std::size_t nodes = 5 + 2 * m.nodes.size();
    std::vector<long> excess(nodes, 0);
    excess[start] = 1, excess[end] = -1;  // the one start's unit
    long saturated = 0;
    bound::MinCostFlow net(nodes);
    for (FlowArc& a : arcs) {
        if (a.cost < 0) {
            a.turned = true;
            saturated += a.cost * a.capacity;
            excess[a.to] += a.capacity, excess[a.from] -= a.capacity;
            a.id = net.scaled_arc(a.to, a.from, a.capacity, -a.cost);
        } else {
            a.id = net.scaled_arc(a.from, a.to, a.capacity, a.cost);
        }
    }
    long supply = 0;
    for (std::size_t v = 0; v < nodes; ++v) {
        if (excess[v] > 0) net.scaled_arc(source, v, excess[v], 0), supply += excess[v];
        if (excess[v] < 0) net.scaled_arc(v, sink, -excess[v], 0);
    }
    const auto [flow, cost] = net.solve(source, sink);
    if (flow != supply) return std::nullopt;
    const double value = static_cast<double>(saturated) / bound::MinCostFlow::kCostScale + cost;
    if (value >= 0) return out;  // the mixer unused is cheaper
    out.value = value;
    std::vector<long> rows(m.nodes.size(), 0);
    for (std::size_t k = 0; k < arcs.size(); ++k) {
        const FlowArc& a = arcs[k];
        const long f = a.turned ? a.capacity - net.flow(a.id) : net.flow(a.id);
        if (a.var >= 0) out.x[at(a.var)] = static_cast<double>(f);
    }
    for (std::size_t i = 0; i < m.nodes.size(); ++i) {
        const std::size_t segments = hulls[i].size() - 1;
        for (std::size_t k = 0; k < segments; ++k) {
            const FlowArc& a = arcs[first_segment[i] + k];
            if (a.var < 0 && a.from == in(static_cast<int>(i))) rows[i] += a.turned ? a.capacity - net.flow(a.id) : net.flow(a.id);
        }
        // B and y of the rows: interpolated on the envelope's segment holding them.
        const std::vector<NodePoint>& hull = hulls[i];
        std::size_t k = 1;
        while (k + 1 < hull.size() && hull[k].n < rows[i]) ++k;
        const NodePoint &a = hull[k - 1], &b = hull[k];
        const double t = b.n > a.n ? std::clamp(static_cast<double>(rows[i] - a.n) / static_cast<double>(b.n - a.n), 0.0, 1.0) : 0.0;
        out.x[at(m.nodes[i].B)] = a.B + t * (b.B - a.B);
        if (m.nodes[i].y >= 0) out.x[at(m.nodes[i].y)] = a.y + t * (b.y - a.y);
    }
    return out;
}

}  // namespace makepack
