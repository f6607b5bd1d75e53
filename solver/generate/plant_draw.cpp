// The plant and its calendars (docs/generate.md "plant", "calendars").
#include "solver/generate/drawn_plant.hpp"
#include "solver/generate/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace makepack::generate {

namespace {

constexpr int kUnitsPerLb[] = {1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4,
                               5, 5, 5, 5, 6, 8, 8, 8, 10, 10};  // appendix A.3's 32 SKUs (+1)

void draw_pastes(const GeneratorOptions& o, int eligible10000, std::vector<PasteData>& pastes) {
    Rng rng(o.seed, "pastes");
    for (PasteData& p : pastes) {
        const int base = rng.uniform_int(8, 15);
        p.mixers = pick_eligible(rng, o.mixers, eligible10000);
        for (std::size_t k = 0; k < p.mixers.size(); ++k) {
            p.hours.push_back(std::max(1, (base * rng.uniform_int(80, 120) + 50) / 100));
            p.downtime_pct.push_back(rng.uniform_int(10, 60));
        }
        const int best = rng.uniform_int(0, static_cast<int>(p.mixers.size()) - 1);
        p.downtime_pct[static_cast<std::size_t>(best)] = rng.uniform_int(10, 20);
    }
}

// SKUs per paste: one each, the rest at random; SKU ids follow paste order.
void assign_skus(const GeneratorOptions& o, DrawnPlant& plant) {
    const int P = o.pastes;
    Rng rng(o.seed, "assign");
    std::vector<int> count(static_cast<std::size_t>(P), 1);
    for (int s = P; s < o.skus; ++s) ++count[static_cast<std::size_t>(rng.uniform_int(0, P - 1))];
    int s = 0;
    for (int p = 0; p < P; ++p)
        for (int k = 0; k < count[static_cast<std::size_t>(p)]; ++k, ++s) {
            plant.skus[static_cast<std::size_t>(s)].paste = p;
            plant.pastes[static_cast<std::size_t>(p)].skus.push_back(s);
        }
}

// One outage on a free resource, or none after 50 attempts.
void draw_outage(Rng& rng, int first_choice, int R, int H, DrawnPlant& plant) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        const int r = attempt == 0 ? first_choice : rng.uniform_int(0, R - 1);
        OutageData out;
        out.resource = r;
        const int kind = rng.uniform_int(0, 3);
        int duration;
        if (kind <= 1) { out.reason = "breakdown"; duration = rng.uniform_int(24, 120); }
        else if (kind == 2) { out.reason = "holiday"; duration = rng.uniform_int(24, 72); }
        else { out.reason = "repair"; duration = rng.uniform_int(8, 48); }
        // Start at 24 or later: a maintenance due early still fits before it.
        if (H - duration < 24) continue;
        out.start = rng.uniform_int(24, H - duration);
        out.end = out.start + duration;
        // At most a quarter of the horizon per resource, 48 h apart: a
        // week always keeps room for its spare capacity and maintenance.
        if (plant.outage_hours[static_cast<std::size_t>(r)] + duration > H / 4) continue;
        const bool clash = std::any_of(plant.outages.begin(), plant.outages.end(), [&](const OutageData& other) {
            return other.resource == r && out.start < other.end + 48 && other.start < out.end + 48;
        });
        if (clash) continue;
        plant.outages.push_back(out);
        plant.outage_hours[static_cast<std::size_t>(r)] += duration;
        return;
    }
}

}  // namespace

DrawnPlant draw_plant(const GeneratorOptions& o) {
    const int eligible10000 = static_cast<int>(std::llround(o.eligible * 10000));
    DrawnPlant plant;
    plant.horizon = 168 * o.weeks;
    plant.rate.resize(static_cast<std::size_t>(o.lines));
    {
        Rng rng(o.seed, "lines");
        for (int& r : plant.rate) r = 500 * rng.uniform_int(8, 12);  // 4000..6000 units/h
    }
    plant.pastes.resize(static_cast<std::size_t>(o.pastes));
    draw_pastes(o, eligible10000, plant.pastes);
    plant.skus.resize(static_cast<std::size_t>(o.skus));
    assign_skus(o, plant);
    {
        Rng rng(o.seed, "demand");
        for (SkuData& sku : plant.skus) {
            sku.units_per_lb = kUnitsPerLb[rng.uniform_int(0, static_cast<int>(std::size(kUnitsPerLb)) - 1)];
            sku.base_demand = 5000LL * rng.uniform_int(10, 60);  // 50k..300k units
        }
    }
    {
        Rng rng(o.seed, "skus");
        for (SkuData& sku : plant.skus) {
            sku.lines = pick_eligible(rng, o.lines, eligible10000);
            for (std::size_t k = 0; k < sku.lines.size(); ++k) sku.downtime_pct.push_back(rng.uniform_int(11, 57));
        }
    }
    return plant;
}

void draw_calendars(const GeneratorOptions& o, DrawnPlant& plant) {
    const int M = o.mixers, R = o.mixers + o.lines;
    plant.since_last.resize(static_cast<std::size_t>(R));
    {
        Rng rng(o.seed, "calendar");
        for (int r = 0; r < R; ++r) {
            const int every = r < M ? kMixerMaintEvery : kLineMaintEvery;
            // The first maintenance falls due two days in or later (as in the shipped sets).
            plant.since_last[static_cast<std::size_t>(r)] = rng.uniform_int(0, every - 48);
        }
    }
    plant.outage_hours.assign(static_cast<std::size_t>(R), 0);
    if (o.outages <= 0) return;
    Rng rng(o.seed, "outages");
    std::vector<int> order(static_cast<std::size_t>(R));
    for (int r = 0; r < R; ++r) order[static_cast<std::size_t>(r)] = r;
    sample(rng, order, R);  // a random order of the resources: distinct ones first
    for (int i = 0; i < o.outages; ++i) draw_outage(rng, order[static_cast<std::size_t>(i % R)], R, plant.horizon, plant);
}

}  // namespace makepack::generate
