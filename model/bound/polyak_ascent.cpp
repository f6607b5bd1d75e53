#include "model/bound/polyak_ascent.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace makepack {

double clipped_price(PriceSign sign, double price) {
    if (sign == PriceSign::NonNegative) return std::max(0.0, price);
    if (sign == PriceSign::NonPositive) return std::min(0.0, price);
    return price;
}

namespace {

// A price held at 0 by its direction would not move: it adds nothing to the norm.
bool moves(PriceSign sign, double price, double d) {
    if (sign == PriceSign::NonNegative) return price > 0 || d > 0;
    if (sign == PriceSign::NonPositive) return price < 0 || d < 0;
    return true;
}

}  // namespace

void PolyakAscent::record(double value) {
    if (!best_ || value > *best_ + config_.min_improvement) {
        best_ = value, since_best_ = 0;
    } else if (++since_best_ >= config_.patience) {
        theta_ /= 2, since_best_ = 0;
    }
}

double PolyakAscent::target() const {
    double gap = config_.target_gap * std::fabs(*best_);
    if (config_.min_target_gap > 0) gap = std::max(config_.min_target_gap, gap);
    return *best_ + gap + config_.target_offset;
}

bool PolyakAscent::step(double value, std::span<const PricedRow> rows) {
    std::vector<double> d(rows.size());
    double norm = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const PricedRow& r = rows[i];
        d[i] = r.subgradient;
        if (config_.deflection != 0) d[i] = *r.direction = r.subgradient + config_.deflection * *r.direction;
        if (moves(r.sign, *r.price, d[i])) norm += (d[i] / r.scale) * (d[i] / r.scale);
    }
    if (norm <= config_.min_norm) return false;
    // Scaled rows move by t d / scale^2: a step of t (d / scale) in the scaled row's own units.
    const double t = theta_ * (target() - value) / norm;
    for (std::size_t i = 0; i < rows.size(); ++i)
        *rows[i].price = clipped_price(rows[i].sign, *rows[i].price + t * d[i] / (rows[i].scale * rows[i].scale));
    return true;
}

}  // namespace makepack
