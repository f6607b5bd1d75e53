#include "model/bound/min_cost_flow.hpp"

#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <boost/graph/find_flow_cost.hpp>

#include <cmath>

namespace makepack::bound {

MinCostFlow::MinCostFlow(std::size_t nodes) : graph_(nodes) {}

long MinCostFlow::scaled(double cost) { return static_cast<long>(std::floor(cost * kCostScale)); }

int MinCostFlow::arc(std::size_t from, std::size_t to, long capacity, double cost) {
    return scaled_arc(from, to, capacity, scaled(cost));
}

int MinCostFlow::scaled_arc(std::size_t from, std::size_t to, long capacity, long scaled_cost) {
    const auto e = boost::add_edge(from, to, graph_).first;
    const auto r = boost::add_edge(to, from, graph_).first;
    auto cap = boost::get(boost::edge_capacity, graph_);
    auto rev = boost::get(boost::edge_reverse, graph_);
    auto w = boost::get(boost::edge_weight, graph_);
    cap[e] = capacity, cap[r] = 0;
    rev[e] = r, rev[r] = e;
    w[e] = scaled_cost, w[r] = -scaled_cost;
    arcs_.push_back(e);
    return static_cast<int>(arcs_.size()) - 1;
}

std::pair<long, double> MinCostFlow::solve(std::size_t source, std::size_t sink) {
    // Explicit maps: Boost adds each round's Dijkstra distances to the
    // potentials, and a node the source no longer reaches has distance
    // LONG_MAX, so integer potentials overflow (UB, caught by UBSan). As
    // doubles they only grow large; such a node stays unreachable (the
    // augmenting paths add arcs between reachable nodes only), so its
    // potential is never read, and reachable potentials stay exact integers
    // (far below 2^53).
    const std::size_t nodes = boost::num_vertices(graph_);
    std::vector<long> distance(nodes, 0);
    std::vector<double> potential(nodes, 0);
    std::vector<Traits::edge_descriptor> predecessor(nodes);
    const auto index = boost::get(boost::vertex_index, graph_);
    boost::successive_shortest_path_nonnegative_weights(
        graph_, source, sink,
        boost::distance_map(boost::make_iterator_property_map(distance.begin(), index))
            .distance_map2(boost::make_iterator_property_map(potential.begin(), index))
            .predecessor_map(boost::make_iterator_property_map(predecessor.begin(), index)));
    long flow = 0;
    auto cap = boost::get(boost::edge_capacity, graph_);
    auto residual = boost::get(boost::edge_residual_capacity, graph_);
    for (auto [e, end] = boost::out_edges(source, graph_); e != end; ++e) flow += cap[*e] - residual[*e];
    return {flow, static_cast<double>(boost::find_flow_cost(graph_)) / kCostScale};
}

long MinCostFlow::flow(int arc) const {
    const auto e = arcs_[static_cast<std::size_t>(arc)];
    return boost::get(boost::edge_capacity, graph_, e) - boost::get(boost::edge_residual_capacity, graph_, e);
}

}  // namespace makepack::bound
