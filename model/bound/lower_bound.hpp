// A valid LOWER BOUND on the objective of every feasible schedule of an
// instance (MODEL.md 7), and a proof of infeasibility when demand cannot fit
// the capacity. docs/bound.md gives the formulas and why each is valid.
//
//   trivial      every product with a need has at least one row; one row (or
//                two or more) costs at least its downtime and a changeover
//   capacitated  an LP: every product's work spread over its eligible
//                resources within their available hours (horizon - outages -
//                breaks - the minimum maintenance and spare capacity - fixed
//                rows), changeovers amortised per unit; the value reported is
//                a Lagrangian evaluation at the LP's dual prices, valid for
//                any non-negative prices (so it never depends on LP accuracy)
//                (model/bound/capacity_lp.hpp); soft demand: unmet units at
//                each SKU's own price, never its min_fill share
//   sibling runs (lines, hard demand) a paste pays the changeover to another
//                paste once per line it uses (model/bound/sibling_runs.hpp)
//   successors   (hard demand) every product's last row on a resource is
//                followed by another product's row or the resource's end: an
//                assignment over the changeover matrix (successor_flow.hpp)
//   coupled      (mixers, hard demand, no fixed rows) every mixer's rows as a
//                flow from its first row with subtour cuts, coupled by the
//                pastes' cover: column generation (coupled_mixers.hpp)
//   knapsacks    (soft demand) demand and paste rows priced, each resource a
//                knapsack with setups over its whole hours (setup_knapsacks.hpp)
//   timed        (soft demand) a time-indexed LP: work per bucket, paste made
//                before it is packed (model/bound/timed_lp.hpp)
//   lateness     (lateness weight > 0, hard demand) the earliest time each
//                SKU's demand can be packed on its lines even alone, and the
//                k-th SKU to finish against the k-th due date (due_dates.hpp)
//   campaigns    (lateness weight > 0, hard demand) the mixers' capacity
//                Lagrangian with each paste's one-row / several-row patterns
//                charged the lateness its SKUs carry at least then, + lines
//   sequences    (as campaigns) the one-row pastes of each mixer sequenced:
//                a row ends after those before it (mixer_sequences.hpp)
// bound = max(max(trivial, capacitated, knapsacks, timed, per stage the best of them) + lateness, campaigns,
//             sequences, joint sequences).
#pragma once

#include "model/instance.hpp"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

struct BoundOptions {
    double time_limit_seconds = 60;  // for the LPs; on expiry the capacitated part is left out
    // Soft demand: buckets of the time-indexed LP (timed_lp.hpp); 0 = not run.
    // Off by default: on the overloaded plants of bench/feasibility/overload.sh
    // it gains nothing over the capacity LP at ~100x its time (docs/bound.md 7).
    int timed_buckets = 0;
    // Hard demand without fixed rows: the coupled mixers LP (coupled_mixers.hpp,
    // docs/bound.md 8) on instances whose mixers have at most this many pastes
    // each (its pricing LPs grow with them); 0 = not run. Off here: it takes
    // seconds (bench/medium ~20 s); `makepack bound` turns it on.
    int coupled_max_pastes = 0;
    // With coupled_max_pastes > 0: where some mixer has more pastes, the
    // part by Lagrangian relaxation instead (coupled_lagrangian.hpp, docs/bound.md
    // 9); true: on every instance (tests).
    bool coupled_by_lagrangian = false;
};

// Upper bound on the working hours resource r can give to NEW rows and their
// changeovers: working (non-break) hours of [0, horizon) minus what the
// calendar and the fixed rows surely take.
struct ResourceCapacity {
    long long working_hours = 0;   // W(horizon) - W(0)
    long long outage_hours = 0;    // working hours inside outages (merged)
    int maintenance_blocks = 0;    // the minimum count of the maintenance chain
    long long maintenance_hours = 0;  // blocks * fewest working hours a block can cover
    int spare_blocks = 0;          // one per full period
    long long spare_hours = 0;
    double fixed_hours = 0;        // fixed rows' work + their shortest possible changeover
    double available = 0;          // working - outage - maintenance - spare - fixed
};

struct StageBound {
    double trivial = 0;
    std::optional<double> capacitated;  // Lagrangian value of the stage's LP (hard demand only)
    std::optional<double> sibling_runs; // lines, hard demand: sibling_runs.hpp
    std::optional<double> successors;   // hard demand: successor_flow.hpp
    std::optional<double> coupled;      // mixers, hard demand, no fixed rows: coupled_mixers.hpp;
                                        // lines, hard demand: sibling runs with hours priced (line_runs_lagrangian.hpp)
    double best = 0;                    // the largest of the above
    std::string used;                   // which one that is
};

struct LowerBound {
    bool infeasible = false;  // proven: no feasible schedule exists
    std::string reason;       // why (infeasible), or why the capacitated part is missing

    double fixed = 0;      // downtime + minimal changeover of the fixed rows (rolling review)
    double trivial = 0;    // includes `fixed`
    std::optional<double> capacitated;  // includes `fixed`; unset if the LP did not finish
    std::optional<double> timed;        // soft demand: the time-indexed LP (timed_lp.hpp)
    // Soft demand, no fixed rows: every resource's hours a knapsack with setups (setup_knapsacks.hpp).
    std::optional<double> knapsacks;
    int knapsack_rounds = 0;
    double lateness = 0;   // weighted lateness bound
    // Hard demand: each stage bounds its own rows' costs, so the best bound of
    // each stage adds up: fixed + mixers.best + lines.best (>= trivial and capacitated).
    std::optional<double> stagewise;
    // fixed + the mixers' Lagrangian with their pastes' lateness + lines.best
    // (hard demand, lateness weight > 0, no fixed rows): docs/bound.md 6.
    std::optional<double> campaigns;
    double campaign_mixers = 0;  // its mixers' part (downtime + changeover + lateness)
    // fixed + campaigns with each mixer's one-row pastes sequenced + lines.best
    // (same conditions as campaigns): docs/bound.md 9, mixer_sequences.hpp.
    std::optional<double> sequences;
    double sequence_mixers = 0;  // its mixers' part (downtime + changeover + lateness)
    int sequence_iterations = 0; // its subgradient steps
    // fixed + sequences with each SKU's line rows charged above the lines'
    // trivial part + lines.trivial (same conditions): docs/bound.md 11.
    std::optional<double> joint_sequences;
    std::optional<double> joint_sequence_part;  // mixers' rows + lateness + line rows above their trivial part
    int joint_sequence_iterations = 0;
    double bound = 0;      // max(max(trivial, capacitated, timed, stagewise) + lateness, campaigns, sequences, joint)
    bool adds_lateness = true;  // the bound is "used" + lateness (false: campaigns, which include it)
    std::string used;      // "trivial", "capacitated", "sibling runs" or per stage ("mixers: ..., lines: ...")

    StageBound mixers;     // per stage, without `fixed`; capacitated per stage only with hard demand
    StageBound lines;

    double lp_objective = 0;  // the LP's own primal value (+ fixed); equals `capacitated` up to rounding
    std::string lp_status;    // "optimal", "infeasible", "time limit", ...
    long long lp_iterations = 0;
    int coupled_rounds = 0;      // column generation rounds of the coupled mixers LP (0: not run)
    bool coupled_converged = false;
    std::vector<ResourceCapacity> capacity;  // per resource index
    double seconds = 0;
};

LowerBound compute_lower_bound(const Instance& instance, const BoundOptions& options = {});

// The most pastes any one mixer can make: the coupled part runs its LP up to
// BoundOptions::coupled_max_pastes of them, its Lagrangian above.
int most_pastes_per_mixer(const Instance& instance);

// --- pieces, exposed for the tests ---------------------------------------------
// Shortest changeover (hours) that can follow a row of `product`: the minimum of
// its matrix row (any next product) and the default (last row).
int min_changeover_after(const Instance& instance, int product);
// Hours of work of `amount` (units or lbs) of product on resource r in ONE
// row (rounded up), and per unit (fractional: any set of rows works at least that).
double row_hours(const Instance& instance, int product, int r, double amount);
double hours_per_amount(const Instance& instance, int product, int r);
// Cheapest weighted downtime of `amount` in one row (any eligible resource),
// and per unit of fractional work; infinite without an eligible resource.
struct CheapestDowntime {
    double single = std::numeric_limits<double>::infinity();
    double per_unit = std::numeric_limits<double>::infinity();
};
CheapestDowntime cheapest_downtime(const Instance& instance, int product, double amount);
// Least weighted downtime + changeover of two or more rows making `amount`.
double several_rows_cost(const Instance& instance, int product, double amount);
// Fewest maintenance blocks a chain needs in [0, horizon) (each as late as allowed).
int min_maintenance_count(const Maintenance& maintenance, int horizon);
// Fewest working hours a block of `duration` clock hours covers on `resource`.
long long min_working_hours(const Resource& resource, int duration);
ResourceCapacity resource_capacity(const Instance& instance, int resource);

}  // namespace makepack
