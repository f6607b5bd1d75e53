// The generator's stages (docs/generate.md), each drawing from its own random
// stream: the plant, its calendars, the demand scaled to the target load, due
// dates and storage, then the instance text. generator.cpp runs them in order.
#pragma once

#include "solver/generate/generator.hpp"

#include <optional>
#include <string>
#include <vector>

namespace makepack::generate {

// ---- thesis-like values ------------------------------------------------------
// Table 4.6: every mixer loads 20,000 lbs. Table 4.5: lines pack 4,000-6,000
// units/h. A.5: batch hours 8-15 per paste. A.6: mixer downtime 0.10-0.60, each
// paste with one clearly good mixer (0.10-0.20). A.7: line downtime 0.11-0.57.
// A.3: units per lb 1-10 (the thesis mix). A.2: demands 100k-600k units, here
// 50k-300k before the load scaling. Tables 4.10/4.11: changeover 6 h; mixers
// maintenance 8 h every 336 h, lines 8 h every 672 h; spare capacity 14 h every
// 168 h; lines pause 1 h every 12 h.
constexpr int kBatchSize = 20000;
constexpr int kChangeover = 6;
constexpr int kMixerMaintEvery = 336, kLineMaintEvery = 672, kMaintDuration = 8;
constexpr int kSpareEvery = 168, kSpareDuration = 14;
constexpr int kBreakEvery = 12, kBreakDuration = 1;
constexpr int kToteCapacity = 2000;

struct PasteData {
    std::vector<int> mixers;        // eligible, ascending
    std::vector<int> hours;         // batch hours, per eligible mixer
    std::vector<int> downtime_pct;  // per eligible mixer
    std::vector<int> skus;          // SKU indices
};

struct SkuData {
    int paste = 0;
    int units_per_lb = 1;
    long long base_demand = 0;
    long long demand = 0;
    std::vector<int> lines;
    std::vector<int> downtime_pct;
    std::optional<int> due;
    bool due_hard = false;
};

struct OutageData {
    int resource = 0;  // mixers [0, M), lines [M, M+L)
    int start = 0;
    int end = 0;
    const char* reason = "";
};

struct DrawnPlant {
    int horizon = 0;
    std::vector<int> rate;  // per line, units/h
    std::vector<PasteData> pastes;
    std::vector<SkuData> skus;
    std::vector<int> since_last;    // per resource (mixers, then lines)
    std::vector<OutageData> outages;
    std::vector<int> outage_hours;  // per resource
};

// Lines, pastes, the SKUs of each paste, base demands, line eligibility.
DrawnPlant draw_plant(const GeneratorOptions& o);
// Maintenance offsets and outages.
void draw_calendars(const GeneratorOptions& o, DrawnPlant& plant);
// Demands scaled so the bottleneck stage reaches o.load x factor; fills the
// utilisation figures of `result`. Throws std::invalid_argument when the
// changeovers alone exceed the load.
void scale_demand(const GeneratorOptions& o, double factor, DrawnPlant& plant, GeneratedInstance& result);
// Due dates (--due, --due-hard) and the tote count (--storage).
void draw_due_dates(const GeneratorOptions& o, DrawnPlant& plant, GeneratedInstance& result);
void size_storage(const GeneratorOptions& o, GeneratedInstance& result);
// The instance file; counts the matrix pairs and outages into `result`.
std::string instance_text(const GeneratorOptions& o, const DrawnPlant& plant, double factor, int tries,
                          GeneratedInstance& result);

}  // namespace makepack::generate
