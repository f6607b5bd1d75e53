// The subgradient ascent the Lagrangian bounds share (docs/bound.md 9, 10
// and 13): each round the caller evaluates its dual function at its prices
// and records the value; a step then moves every priced row's price along its
// (optionally deflected) subgradient by Polyak's length towards a target a
// little above the best value, times a factor that halves after rounds
// without a better value, and clips it to the sign its row allows. Any prices
// of the right signs give a valid bound, so the rule only decides how good
// the best value gets.
#pragma once

#include <optional>
#include <span>

namespace makepack {

// The sign a row's price must keep: >= 0 on ">=" rows, <= 0 on "<=" rows,
// any on equalities.
enum class PriceSign { NonNegative, NonPositive, Free };

// `price` moved back to `sign` (a price of the wrong sign would not bound).
double clipped_price(PriceSign sign, double price);

// Each bound's constants (measured per bound; see its docs section).
struct PolyakConfig {
    // target = best + max(min_target_gap, target_gap * |best|) + target_offset
    double target_gap = 0;
    double min_target_gap = 0;  // 0: none
    double target_offset = 0;
    int patience = 10;           // values without a better one before the step halves
    double min_improvement = 0;  // "better" = above the best by more than this
    double min_theta = 0;        // stalled() once the halved step factor is down to this
    double deflection = 0;       // direction = subgradient + this * the row's last direction
    double min_norm = 0;         // no step when |direction|^2 is at most this
};

// One priced row in a step. The caller keeps the price (and, with deflection,
// the row's last direction), so its prices may be laid out and grown its way.
struct PricedRow {
    double* price = nullptr;
    double subgradient = 0;         // the row's slack at the dual function's minimiser
    PriceSign sign = PriceSign::NonNegative;
    double scale = 1;               // the row's size: its share of the norm is (d / scale)^2
    double* direction = nullptr;    // the last direction; only read with deflection
};

class PolyakAscent {
public:
    explicit PolyakAscent(const PolyakConfig& config) : config_(config) {}

    // A value of the dual function: the best so far, or a round without gain
    // (`patience` of them in a row halve the step).
    void record(double value);
    const std::optional<double>& best() const { return best_; }
    bool stalled() const { return theta_ <= config_.min_theta; }

    // Moves the rows' prices from a point of value `value` (recorded first);
    // the norm is summed in the rows' order. False: the norm was too small,
    // nothing moved (the directions were still deflected).
    bool step(double value, std::span<const PricedRow> rows);

private:
    double target() const;

    PolyakConfig config_;
    std::optional<double> best_;
    double theta_ = 1;
    int since_best_ = 0;
};

}  // namespace makepack
