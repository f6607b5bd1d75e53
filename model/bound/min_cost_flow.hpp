// A min-cost maximum flow with Boost.Graph's
// successive_shortest_path_nonnegative_weights, for the bound's assignment
// relaxations (successor_flow.hpp, mixer_flow.hpp). Costs are kept in integer
// millionths rounded DOWN: a lower bound stays one, and Boost's check for
// negative reduced costs does not trip on floating-point rounding.
#pragma once

#include <boost/graph/adjacency_list.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace makepack::bound {

class MinCostFlow {
public:
    static constexpr double kCostScale = 1e6;

    explicit MinCostFlow(std::size_t nodes);
    // An arc of non-negative cost (after scaling and rounding down); returns its id.
    int arc(std::size_t from, std::size_t to, long capacity, double cost);
    // The same with the cost already scaled (>= 0).
    int scaled_arc(std::size_t from, std::size_t to, long capacity, long scaled_cost);
    // Flow value and cost (the rounded-down costs, in the input's units) of a
    // min-cost maximum flow from source to sink.
    std::pair<long, double> solve(std::size_t source, std::size_t sink);
    // The flow on an arc after solve().
    long flow(int arc) const;
    // The cost of an arc as the network counts it (rounded down).
    static long scaled(double cost);

private:
    using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    using Graph = boost::adjacency_list<
        boost::vecS, boost::vecS, boost::directedS, boost::no_property,
        boost::property<boost::edge_capacity_t, long,
                        boost::property<boost::edge_residual_capacity_t, long,
                                        boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                        boost::property<boost::edge_weight_t, long>>>>>;
    Graph graph_;
    std::vector<Traits::edge_descriptor> arcs_;
};

}  // namespace makepack::bound
