// Acceptance of a search worker: whether a feasible candidate of equal
// shortfall replaces the current plan (SearchWorker::settle asks). A better or
// equal plan is always taken; a worse one by the criterion. To add a
// criterion (e.g. record-to-record travel, late acceptance), derive from
// Acceptance and return it from make_acceptance() for a new AcceptanceKind.
#pragma once

#include "heuristics/operators/operator.hpp"

#include <memory>
#include <vector>

namespace makepack {

struct AnnealingConfig {
    // Calibration: the mean worse delta of the first `calibration_moves` worse
    // candidates is accepted with probability `calibration_acceptance`, so the
    // temperature fits the instance's objective scale.
    int calibration_moves = 20;
    double calibration_acceptance = 0.5;
    double uncalibrated = 1e-3;  // start temperature until calibrated, times the current objective
    double cooling = 1e-3;       // the temperature falls geometrically to this share of the start over the budget (or a cycle)
    double reheat = 0.5;         // each annealing cycle starts this share as hot as the one before
};

class Acceptance {
public:
    virtual ~Acceptance() = default;
    // `delta`: candidate minus current objective (> 0 is worse); `current`: the
    // current objective; `budget_used`: share of the worker's budget in [0, 1].
    virtual bool accept(double delta, double current, double budget_used, Rng& rng) = 0;
};

// Simulated annealing whose start temperature calibrates itself on the first
// worse moves and which cools over the budget, or in `cycles` equal cycles.
class SelfCalibratingAnnealing : public Acceptance {
public:
    SelfCalibratingAnnealing(const AnnealingConfig& config, int cycles) : config_(config), cycles_(cycles) {}
    bool accept(double delta, double current, double budget_used, Rng& rng) override;
    double temperature(double current, double budget_used) const;

private:
    AnnealingConfig config_;
    int cycles_;
    double t0_ = 0;
    std::vector<double> worse_deltas_;
};

// Only better or equal plans (a descent), e.g. for an intensifying worker.
class AcceptImprovingOrEqual : public Acceptance {
public:
    bool accept(double delta, double, double, Rng&) override { return delta <= 0; }
};

}  // namespace makepack
