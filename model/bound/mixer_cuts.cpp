// Connectivity cuts of a mixer's polytope (docs/bound.md 8): every row of a
// mixer lies on its one path from the first row, so a set U of pastes that
// holds a row is entered at least once (by the first row or an arc from
// outside U, the hub included). Separated, as the prototype
// bench/relaxation/coupled_flow_lp.py does, on the strong components of the
// arcs an LP point uses between pastes.
#include "model/bound/mixer_polytope.hpp"

#include "model/bound/lp_numbers.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

namespace makepack {

namespace {

using bound_numbers::at;
constexpr double kUsed = 1e-9;       // an arc value taken as used
constexpr double kViolated = 1e-6;   // a cut violated by less is not added

std::vector<int> components_of_support(const MixerPolytope& m, const std::vector<double>& x, int& count) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    Graph g(m.nodes.size());
    for (const MixerArc& a : m.arcs)
        if (a.from >= 0 && a.to >= 0 && x[at(a.var)] > kUsed) boost::add_edge(at(a.from), at(a.to), g);
    std::vector<int> component(m.nodes.size(), 0);
    count = m.nodes.empty() ? 0 : boost::strong_components(g, component.data());
    return component;
}

}  // namespace

int add_connectivity_cuts(MixerPolytope& m, const std::vector<double>& x) {
    int count = 0;
    const std::vector<int> component = components_of_support(m, x, count);
    std::vector<std::vector<int>> members(at(count));
    for (std::size_t i = 0; i < m.nodes.size(); ++i) members[at(component[i])].push_back(static_cast<int>(i));
    // What enters each component (its first rows and the arcs from outside), in one pass.
    std::vector<double> entering(at(count), 0.0);
    std::vector<std::vector<int>> entering_arcs(at(count));
    for (std::size_t i = 0; i < m.nodes.size(); ++i) entering[at(component[i])] += x[at(m.nodes[i].S)];
    for (std::size_t k = 0; k < m.arcs.size(); ++k) {
        const MixerArc& a = m.arcs[k];
        if (a.to < 0) continue;
        const int c = component[at(a.to)];
        if (a.from >= 0 && component[at(a.from)] == c) continue;
        entering[at(c)] += x[at(a.var)];
        entering_arcs[at(c)].push_back(static_cast<int>(k));
    }
    int added = 0;
    for (int c = 0; c < count; ++c) {
        int top = -1;  // the node of U with the largest share
        for (int i : members[at(c)]) {
            const int y = m.nodes[at(i)].y;
            if (y >= 0 && (top < 0 || x[at(y)] > x[at(m.nodes[at(top)].y)])) top = i;
        }
        if (top < 0) continue;
        const int y = m.nodes[at(top)].y;
        if (x[at(y)] <= entering[at(c)] + kViolated) continue;
        SparseRow cut{bound::RowSense::GreaterEqual, 0, {}};
        for (int i : members[at(c)]) cut.entries.emplace_back(m.nodes[at(i)].S, 1.0);
        for (int k : entering_arcs[at(c)]) cut.entries.emplace_back(m.arcs[at(k)].var, 1.0);
        cut.entries.emplace_back(y, -1.0);
        m.rows.push_back(std::move(cut));
        ++added;
    }
    m.cuts += added;
    return added;
}

}  // namespace makepack
