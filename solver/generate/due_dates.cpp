// Due dates and storage (docs/generate.md "due dates", "storage").
#include "solver/generate/drawn_plant.hpp"
#include "solver/generate/random_stream.hpp"

#include <algorithm>
#include <cmath>

namespace makepack::generate {

namespace {

// When SKU `sku` could be done at the earliest: its paste on its fastest mixer,
// then packing on its fastest line, + a day; a hard due date also clears the
// outages of its lines, so the loader's capacity check (its lines by the due
// date) passes.
double earliest_done(const GeneratorOptions& o, const DrawnPlant& plant, const SkuData& sku) {
    const PasteData& paste = plant.pastes[static_cast<std::size_t>(sku.paste)];
    const double lbs = static_cast<double>(sku.demand) / sku.units_per_lb;
    const long long batches = static_cast<long long>(std::ceil(lbs / kBatchSize));
    const int min_hours = *std::min_element(paste.hours.begin(), paste.hours.end());
    int max_rate = 0;
    for (int l : sku.lines) max_rate = std::max(max_rate, plant.rate[static_cast<std::size_t>(l)]);
    const double pack =
        std::ceil(static_cast<double>(sku.demand) / max_rate) * kBreakEvery / (kBreakEvery - kBreakDuration);
    double earliest = static_cast<double>(batches * min_hours) + pack + 24;
    if (sku.due_hard) {
        int outage = 0;
        for (int l : sku.lines) outage = std::max(outage, plant.outage_hours[static_cast<std::size_t>(o.mixers + l)]);
        earliest += outage;
    }
    return earliest;
}

}  // namespace

// Spread over [max(H/4, earliest-looking), H].
void draw_due_dates(const GeneratorOptions& o, DrawnPlant& plant, GeneratedInstance& result) {
    if (!o.due) return;
    const int H = plant.horizon;
    // Which due dates are hard: their own stream, so --due-hard never moves
    // the other SKUs' due dates.
    if (o.due_hard) {
        Rng hard(o.seed, "due-hard");
        const int per10000 = static_cast<int>(std::llround(*o.due_hard * 10000));
        for (SkuData& sku : plant.skus) sku.due_hard = hard.chance(per10000);
    }
    Rng rng(o.seed, "due");
    for (SkuData& sku : plant.skus) {
        const double earliest = earliest_done(o, plant, sku);
        if (sku.due_hard) ++result.skus_due_hard;
        const int lo = std::min(H, std::max(H / 4, static_cast<int>(std::ceil(earliest))));
        sku.due = lo + rng.uniform_int(0, H - lo);
        ++result.skus_with_due;
    }
}

void size_storage(const GeneratorOptions& o, GeneratedInstance& result) {
    if (!o.storage) return;
    // Peak need if all paste of the horizon were held at once, plus one static
    // tote per line; at least two lots per mixer + the static totes.
    const double lots = std::ceil(*o.storage * result.total_paste_lbs / kToteCapacity);
    const int per_batch = (kBatchSize + kToteCapacity - 1) / kToteCapacity;
    result.totes = static_cast<int>(std::max(lots + o.lines, static_cast<double>(o.lines + 2 * o.mixers * per_batch)));
}

}  // namespace makepack::generate
