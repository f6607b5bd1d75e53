// One mixer's part of the coupled downtime + changeover LP (docs/bound.md,
// section 8): the rows every plan's image of that mixer satisfies (flow of its
// rows from a first row to a last, batches, shares, hours, connectivity cuts),
// as the pricing subproblem of the column generation in coupled_mixers.hpp.
//
// Variables per paste node i (a paste with at least one row fitting on the
// mixer): B batches, y share of the paste's lbs (needed pastes only), S first
// row, E last row; arcs f between nodes whose changeover is below the default,
// and through one hub (i -> hub at the default, hub -> j at 0). The node's
// rows n = S + the arcs into it (every row has one predecessor) are no variable.
// Every variable has a physical upper bound (`upper`) that every plan's
// image satisfies; the dual function below relies on it.
#pragma once

#include "model/bound/simplex.hpp"
#include "model/instance.hpp"

#include <optional>
#include <vector>

namespace makepack {

struct MixerNode {
    int paste = -1;
    int B = -1, y = -1, S = -1, E = -1;  // variable indices (y = -1: no need)
    long most_batches = 0;   // every plan makes at most this many batches of it here (capacity_lp.hpp max_amount)
    double need_lbs = 0;     // the amount row: batch size * B >= need_lbs * y (0: no need)
};

struct MixerArc {
    int from = -1, to = -1;  // node indices, -1: the hub
    int var = -1;
};

struct SparseRow {
    bound::RowSense sense = bound::RowSense::GreaterEqual;
    double rhs = 0;
    std::vector<std::pair<int, double>> entries;  // (variable, coefficient)
};

struct MixerPolytope {
    int mixer = -1;
    double batch_size = 0;
    std::vector<MixerNode> nodes;
    std::vector<MixerArc> arcs;
    std::vector<double> cost;    // per variable: weighted downtime / changeover
    std::vector<double> upper;   // per variable: every plan's image is below it
    std::vector<int> starts;     // the S variables: at most one is 1 (one first row)
    std::vector<SparseRow> rows; // base rows, then the cuts found so far
    int hours_row = -1;          // the last base row; the cuts follow it
    int cuts = 0;
};

// The polytope of mixer m; `need` per product (lbs of pastes), `available`
// the mixer's hours (ResourceCapacity). Pastes with no row fitting get no node.
MixerPolytope mixer_polytope(const Instance& instance, int mixer, const std::vector<double>& need, double available);

// The rows that couple the mixers (docs/bound.md 8): per needed paste k its
// cover and its whole batches W (its largest batch size over the mixers' nodes).
struct CoupledPastes {
    std::vector<int> pastes;      // per k
    std::vector<int> index;       // per paste: k, -1 when not needed
    std::vector<double> batches;  // per k: W
};
// Unset when a needed paste has no node (no mixer can make it: nothing to bound).
std::optional<CoupledPastes> coupled_pastes(const Instance& instance, const std::vector<MixerPolytope>& mixers,
                                            const std::vector<double>& need);

// A paste's cheapest single row: its batches on its cheapest mixer and its
// shortest changeover (the first price of its cover row).
double cheapest_single_row(const Instance& instance, const std::vector<MixerPolytope>& mixers, int paste, double lbs);

// The LP min cost . x over the polytope (columns in variable order).
bound::LpProblem polytope_lp(const MixerPolytope& m, const std::vector<double>& cost);

// A LOWER bound on min cost . x over every plan's image, for ANY row prices
// `duals` (signs are clipped to the rows' senses): the Lagrangian dual function
// with each variable in [0, upper] and the starts summing to at most 1.
double polytope_dual_bound(const MixerPolytope& m, const std::vector<double>& cost, const std::vector<double>& duals);

// Connectivity cuts violated by x (docs/bound.md 8): per strong component U
// of the arcs x uses between nodes, "S into U + arcs into U >= y of U's
// largest share". Appended to m.rows; returns how many.
int add_connectivity_cuts(MixerPolytope& m, const std::vector<double>& x);

// The largest violation of m's rows by x (<= 0: x satisfies them all).
double largest_violation(const MixerPolytope& m, const std::vector<std::pair<int, double>>& x);

}  // namespace makepack
