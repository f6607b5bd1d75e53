#include "model/bound/successor_flow.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/bound/min_cost_flow.hpp"

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace makepack {

namespace {

using Network = bound::MinCostFlow;

// The products of one stage and its resources, and the network's node layout:
// source, sink, "any" (pruned successors), "ends" (the resources' ends, one
// last row each: taken together, any product may use any of them, which only
// relaxes eligibility), one node per needed product (its last row), one per
// product of the stage (a row that follows).
struct StageNetwork {
    const Instance& in;
    int first, last;  // the stage's products [first, last)
    long resources;
    std::vector<int> needed;  // products with a need and an eligible resource
    static constexpr std::size_t source = 0, sink = 1, any = 2, ends = 3, out0 = 4;
    std::size_t in0() const { return out0 + needed.size(); }
    std::size_t in_node(int q) const { return in0() + static_cast<std::size_t>(q - first); }
};

// Eligible resources of each product as a bit set: "shares a resource".
class SharedResources {
public:
    SharedResources(const Instance& in, int first, int last)
        : words_((in.resources.size() + 63) / 64), bits_(in.products.size() * words_, 0) {
        for (int q = first; q < last; ++q)
            for (int r : in.products[static_cast<std::size_t>(q)].eligible)
                bits_[static_cast<std::size_t>(q) * words_ + static_cast<std::size_t>(r) / 64] |= std::uint64_t{1} << (r % 64);
    }
    bool operator()(int p, int q) const {
        for (std::size_t w = 0; w < words_; ++w)
            if (bits_[static_cast<std::size_t>(p) * words_ + w] & bits_[static_cast<std::size_t>(q) * words_ + w])
                return true;
        return false;
    }

private:
    std::size_t words_;
    std::vector<std::uint64_t> bits_;
};

// The arcs from each product's "follows" node to the sink, and the price of
// one more predecessor of q (cheapest first, for the greedy assignment).
// Returns the sum of the needed products' base costs.
double add_follow_arcs(const StageNetwork& s, const std::vector<double>& need, Network& net,
                       std::vector<std::vector<double>>& in_prices) {
    const Instance& in = s.in;
    const double wc = in.weights.changeover;
    const long n = static_cast<long>(s.needed.size());
    std::vector<bool> has_need(in.products.size(), false);
    for (int p : s.needed) has_need[static_cast<std::size_t>(p)] = true;
    double base = 0;
    for (int q = s.first; q < s.last; ++q) {
        const Product& product = in.products[static_cast<std::size_t>(q)];
        if (product.eligible.empty()) continue;
        const double co = wc * min_changeover_after(in, q);
        if (!has_need[static_cast<std::size_t>(q)]) {
            // Rows of a product without a need: each costs at least its changeover.
            net.arc(s.in_node(q), s.sink, n, co);
            in_prices[static_cast<std::size_t>(q)] = {co};
            continue;
        }
        // q has k >= max(1, x) rows when x last rows of other products precede
        // rows of q; its rows other than its own last cost downtime plus
        // changeover: one row its single-row downtime, k >= 2 rows the
        // fractional downtime and (k - 1) changeovers at least.
        const double amount = need[static_cast<std::size_t>(q)];
        const CheapestDowntime c = cheapest_downtime(in, q, amount);
        const double several = product.eligible.size() >= 2 ? c.per_unit * amount : c.single;
        const double one = std::min(c.single, several + co);
        base += one;
        net.arc(s.in_node(q), s.sink, 1, 0);
        net.arc(s.in_node(q), s.sink, 1, several + co - one);
        net.arc(s.in_node(q), s.sink, n, co);
        in_prices[static_cast<std::size_t>(q)] = {0, several + co - one, co};
    }
    net.arc(s.ends, s.sink, s.resources, 0);
    net.arc(s.any, s.sink, n, 0);
    return base;
}

// The arcs of each needed product's last row (to its successors and the
// ends); returns the cost of a feasible assignment (each in turn to its
// cheapest successor at the current price), which is at least the optimum.
double add_last_row_arcs(const StageNetwork& s, int max_arcs_per_product, Network& net,
                         const std::vector<std::vector<double>>& in_prices) {
    const Instance& in = s.in;
    const double wc = in.weights.changeover;
    const SharedResources shares(in, s.first, s.last);
    double feasible = 0;
    std::vector<long> indegree(in.products.size(), 0);
    long ends_left = s.resources;
    const auto price_in = [&](int q) {
        const std::vector<double>& prices = in_prices[static_cast<std::size_t>(q)];
        return prices[std::min<std::size_t>(static_cast<std::size_t>(indegree[static_cast<std::size_t>(q)]), prices.size() - 1)];
    };
    for (std::size_t k = 0; k < s.needed.size(); ++k) {
        const int p = s.needed[k];
        net.arc(s.source, s.out0 + k, 1, 0);
        net.arc(s.out0 + k, s.ends, 1, wc * in.changeover(p, -1));
        // Successors: products sharing a resource with p, cheapest first.
        std::vector<std::pair<double, int>> next;
        for (int q = s.first; q < s.last; ++q) {
            if (q == p) continue;  // p's last row on a resource is followed by another product
            if (shares(p, q)) next.emplace_back(wc * in.changeover(p, q), q);
        }
        const std::size_t kept = std::min(next.size(), static_cast<std::size_t>(std::max(1, max_arcs_per_product)));
        const std::size_t sorted = std::min(next.size(), kept + 1);
        std::partial_sort(next.begin(), next.begin() + static_cast<std::ptrdiff_t>(sorted), next.end());
        for (std::size_t j = 0; j < kept; ++j) net.arc(s.out0 + k, s.in_node(next[j].second), 1, next[j].first);
        // The others: one arc to a node without limits, priced at the cheapest
        // of them (never more than the arc it stands for).
        if (kept < next.size()) net.arc(s.out0 + k, s.any, 1, next[kept].first);
        double cheapest = kept < next.size() ? next[kept].first : std::numeric_limits<double>::infinity();
        int chosen = -1;
        if (ends_left > 0 && wc * in.changeover(p, -1) < cheapest) cheapest = wc * in.changeover(p, -1), chosen = -2;
        for (std::size_t j = 0; j < kept; ++j)
            if (next[j].first + price_in(next[j].second) < cheapest)
                cheapest = next[j].first + price_in(next[j].second), chosen = next[j].second;
        if (chosen == -2) --ends_left;
        if (chosen >= 0) ++indegree[static_cast<std::size_t>(chosen)];
        feasible += cheapest;
    }
    return feasible;
}

}  // namespace

std::optional<double> successor_flow_bound(const Instance& in, Stage stage, const std::vector<double>& need,
                                           double worth_above, int max_arcs_per_product) {
    const bool mixers = stage == Stage::Mixer;
    StageNetwork s{in, mixers ? 0 : in.num_pastes, mixers ? in.num_pastes : static_cast<int>(in.products.size()),
                   mixers ? in.num_mixers : static_cast<long>(in.resources.size()) - in.num_mixers, {}};
    for (int p = s.first; p < s.last; ++p)
        if (need[static_cast<std::size_t>(p)] > 0 && !in.products[static_cast<std::size_t>(p)].eligible.empty())
            s.needed.push_back(p);
    if (s.needed.empty()) return 0.0;

    Network net(s.in0() + static_cast<std::size_t>(s.last - s.first));
    std::vector<std::vector<double>> in_prices(in.products.size());
    const double base = add_follow_arcs(s, need, net, in_prices);
    const double feasible = base + add_last_row_arcs(s, max_arcs_per_product, net, in_prices);
    if (feasible <= worth_above) return std::nullopt;  // the optimum is at most `feasible`
    const auto [flow, cost] = net.solve(s.source, s.sink);
    if (flow < static_cast<long>(s.needed.size())) return std::nullopt;  // no assignment: this relaxation proves nothing more
    return base + cost;
}

}  // namespace makepack
