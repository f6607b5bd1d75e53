// The capacitated part of the lower bound (docs/bound.md, section 2): every
// product's need spread over its eligible resources within their available
// hours, changeovers amortised, unmet units (soft demand) priced per SKU.
// The LP (model/bound/simplex.hpp) only supplies prices; the value reported
// is the Lagrangian dual function at those prices, valid for ANY prices >= 0.
#pragma once

#include "model/bound/simplex.hpp"
#include "model/instance.hpp"

#include <limits>
#include <string>
#include <vector>

namespace makepack {

// One way the non-fixed rows of a product can cover its need on a resource.
// Cost and hours are for ALL of the need; the LP takes fractions of it, at
// most `bound` (the most the resource can make in whole rows, as a share of
// the need; infinite when it could make all of it).
struct Arc {
    int resource = -1;
    double cost = 0;
    double hours = 0;
    double bound = std::numeric_limits<double>::infinity();
    bool one_row = false;  // "single": all of the need in one row (hard demand)
};

struct CapacityModel {
    bool soft = false;
    std::vector<double> need;               // per product (<= 0: no row)
    std::vector<double> hours;              // per resource: available
    std::vector<std::vector<Arc>> arcs;     // per product with need > 0
    // Soft demand, per SKU: leaving all of its need unmet costs `unmet_cost`;
    // at most `unmet_max` of it may stay unmet (min_fill); each unmet share
    // lowers its paste's need by `paste_share` (of the paste's need).
    std::vector<double> unmet_cost, unmet_max, paste_share;
};

// The most (units or lbs) of `product` resource r can make in `available`
// hours: whole hours of line work or whole batches, and at least one
// changeover after them.
double max_amount(const Instance& instance, int product, int r, double available);

// `need`: what each product must make (all of the demand); `hard`: the part
// that cannot stay unmet (soft demand); `available`: hours per resource.
CapacityModel capacity_model(const Instance& instance, const std::vector<double>& need,
                             const std::vector<double>& hard, bool soft, const std::vector<double>& available);

// min sum value_k x_k  s.t.  sum x_k = 1, 0 <= x_k <= bound_k: the cheapest
// first; infinite if the bounds cannot cover 1.
struct Cover {
    double value = 0;
    double bound = std::numeric_limits<double>::infinity();
    bool one_row = false;  // "single": all of the need in one row (hard demand)
};
double cheapest_cover(std::vector<Cover> items);

// The Lagrangian dual function at resource prices `price` (>= 0 used) and
// paste-row prices `paste_price` (soft demand), split by stage.
struct Lagrangian {
    double lines = 0;
    double mixers = 0;
    double total() const { return lines + mixers; }
};
Lagrangian lagrangian(const Instance& instance, const CapacityModel& m, const std::vector<double>& price,
                      const std::vector<double>& paste_price);

// The LPs of a model: hard demand one per stage (independent), soft demand one
// coupled LP. `infeasible` is set only with a verified Farkas certificate.
struct CapacityRuns {
    std::vector<double> price;        // per resource
    std::vector<double> paste_price;  // per paste (soft)
    bool finished = true;             // every LP gave prices
    bool infeasible = false;          // proven: the needs cannot fit
    std::string stage;                // "mixers" or "lines": which stage proved it
    std::string status = "optimal";
    std::string reason;               // why not finished / stopped early
    double objective = 0;             // the LPs' primal values
    long long iterations = 0;
};
CapacityRuns run_capacity_lps(const Instance& instance, const CapacityModel& m, double seconds);

}  // namespace makepack
