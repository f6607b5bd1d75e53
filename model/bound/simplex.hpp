// A small two-phase primal simplex with generalized upper bounds (GUB) for the
// lower-bound LPs of model/bound/lower_bound.hpp.
//
// The LPs have one convexity row per product ("the product's need is covered
// once": sum of its columns = 1) and few coupling rows (resource hours; paste
// needs with soft demand). With GUB only the coupling rows form a working
// basis (C x C, dense), so an iteration costs one pass over the columns plus
// O(C^2): the large bench instance (1000 SKUs x 40 lines) solves in well under
// a second.
//
// It is only an oracle for good dual prices: every bound the project reports
// is re-evaluated from the duals by a Lagrangian formula that is valid for ANY
// non-negative prices (docs/bound.md), so rounding errors here can only make a
// bound weaker, never invalid.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace makepack::bound {

enum class RowSense { LessEqual, GreaterEqual, Equal };

struct LpColumn {
    double cost = 0;
    int set = -1;  // GUB set (coefficient 1 in that convexity row), -1: none
    std::vector<std::pair<int, double>> entries;  // (coupling row, coefficient), rows distinct
};

// minimise sum cost_j x_j  s.t.  sum_{j in set g} x_j = set_rhs_g  (set_rhs_g >= 0),
//                                coupling row_i(x) (<= | >= | =) rhs_i,  x >= 0.
struct LpProblem {
    std::vector<double> set_rhs;
    std::vector<RowSense> sense;
    std::vector<double> rhs;
    std::vector<LpColumn> columns;
    int add_set(double b) {
        set_rhs.push_back(b);
        return static_cast<int>(set_rhs.size()) - 1;
    }
    int add_row(RowSense s, double b) {
        sense.push_back(s);
        rhs.push_back(b);
        return static_cast<int>(rhs.size()) - 1;
    }
};

enum class LpStatus { Optimal, Infeasible, IterationLimit, TimeLimit, Numerical };
const char* to_string(LpStatus status);

struct LpOptions {
    long long max_iterations = 1000000;
    double time_limit_seconds = 60;
    double feasibility_tolerance = 1e-7;  // phase-1 residual (relative to the rhs scale) taken as 0
    // Warm start: a previous result's `basis` for the same columns and sets,
    // with rows only appended since (each new row starts with its slack or
    // artificial). Ignored when it does not fit or is singular.
    const std::vector<int>* start_basis = nullptr;
    // With start_basis and no row appended: the previous result's inverse of
    // the working basis and its updates since factored (no new factoring).
    const std::vector<double>* start_inverse = nullptr;
    int start_updates = 0;
};

struct LpResult {
    LpStatus status = LpStatus::Numerical;
    double objective = 0;   // sum cost_j x_j of the final basis
    std::vector<double> x;  // structural values
    // Duals in the orientation of the input: at an optimum every reduced cost
    // cost_j - set_dual_{set j} - sum_i row_dual_i a_ij is >= 0, row duals are
    // <= 0 on <= rows and >= 0 on >= rows. When Infeasible they are a Farkas
    // ray of the phase-1 problem (reduced costs with zero costs >= 0, and
    // set_rhs . set_duals + rhs . row_duals > 0).
    std::vector<double> set_duals;
    std::vector<double> row_duals;
    long long iterations = 0;
    std::string message;
    std::vector<int> basis;  // the final basis, for LpOptions::start_basis
    std::vector<double> basis_inverse;  // its working basis inverse (C x C), for LpOptions::start_inverse
    int updates = 0;                    // eta updates of that inverse since it was factored
};

LpResult solve_lp(const LpProblem& problem, const LpOptions& options = {});

}  // namespace makepack::bound
