// The generated instance as YAML text (MODEL.md 8's instance format), written
// through model/yaml_text like every YAML file makepack writes.
#include "solver/generate/drawn_plant.hpp"
#include "solver/generate/random_stream.hpp"

#include "model/yaml_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace makepack::generate {

namespace {

using yaml_text::FlowMap;

std::string id(char prefix, int index) { return std::string(1, prefix) + std::to_string(index + 1); }

// "0.15", "0.1", "0.6", "1" from a percentage (integer text, no float printing).
std::string rate_text(int pct) {
    if (pct >= 100) return "1";
    if (pct <= 0) return "0";
    std::string text = "0.";
    text += static_cast<char>('0' + pct / 10);
    if (pct % 10) text += static_cast<char>('0' + pct % 10);
    return text;
}

std::string header(const GeneratorOptions& o, const GeneratedInstance& result, double factor, int tries) {
    std::string y;
    for (const std::string& line : o.header) y += "# " + line + "\n";
    y += "# estimated utilisation: mixers " + two_decimals(result.utilisation_mixers) + ", lines " +
         two_decimals(result.utilisation_lines) + " (target " + yaml_text::number(o.load) + " on the bottleneck, " +
         result.bottleneck + "; demand scale " + two_decimals(result.demand_scale) + "; docs/generate.md)\n";
    if (tries > 0)
        y += "# demand scaled by " + two_decimals(factor) + " (0.95^" + std::to_string(tries) +
             ") so that makepack's greedy finds a plan (--ensure-feasible)\n";
    if (o.storage)
        y += "# storage: " + std::to_string(result.totes) + " totes = " + yaml_text::number(*o.storage) + " x " +
             std::to_string(static_cast<long long>(std::ceil(result.total_paste_lbs))) + " lbs of paste / " +
             std::to_string(kToteCapacity) + " lbs per tote + " + std::to_string(o.lines) + " static totes\n";
    y += "name: " + yaml_text::scalar(o.name) + "\n";
    y += "start_date: 2023-01-01T00:00\ntime_unit: hour\n";
    y += "horizon: " + std::to_string(168 * o.weeks) + "\n";
    y += o.due ? "objective: {downtime: 1, changeover: 1, lateness: 1}\n" : "objective: {downtime: 1, changeover: 1}\n";
    return y;
}

// Hard due dates: the shorter file form. F = 1 or most SKUs hard: the
// instance default plus `due_hard: false` on the others (the SKU's wins,
// MODEL.md 9.12); fewer than half: `due_hard: true` on those SKUs.
bool hard_by_default(const GeneratorOptions& o) { return o.due_hard && *o.due_hard >= 0.5; }

std::string products(const GeneratorOptions& o, const DrawnPlant& plant) {
    std::string y = "mixers:\n";
    for (int m = 0; m < o.mixers; ++m) y += "  - " + FlowMap().raw("id", id('M', m)).integer("batch_size", kBatchSize).str() + "\n";
    y += "lines:\n";
    for (int l = 0; l < o.lines; ++l)
        y += "  - " + FlowMap().raw("id", id('L', l)).integer("rate", plant.rate[static_cast<std::size_t>(l)]).str() + "\n";
    y += "pastes:\n";
    for (std::size_t p = 0; p < plant.pastes.size(); ++p) {
        const PasteData& paste = plant.pastes[p];
        FlowMap hours, downtime;
        for (std::size_t k = 0; k < paste.mixers.size(); ++k) {
            hours.integer(id('M', paste.mixers[k]), paste.hours[k]);
            downtime.raw(id('M', paste.mixers[k]), rate_text(paste.downtime_pct[k]));
        }
        FlowMap item;
        item.raw("id", id('P', static_cast<int>(p))).raw("batch_hours", hours.str()).raw("downtime", downtime.str());
        if (o.max_hold) item.integer("max_hold", *o.max_hold);
        y += "  - " + item.str() + "\n";
    }
    y += "skus:\n";
    const bool hard_default = hard_by_default(o);
    for (std::size_t s = 0; s < plant.skus.size(); ++s) {
        const SkuData& sku = plant.skus[s];
        FlowMap downtime;
        for (std::size_t k = 0; k < sku.lines.size(); ++k) downtime.raw(id('L', sku.lines[k]), rate_text(sku.downtime_pct[k]));
        FlowMap item;
        item.raw("id", id('S', static_cast<int>(s)))
            .raw("paste", id('P', sku.paste))
            .integer("units_per_lb", sku.units_per_lb)
            .integer("demand", sku.demand)
            .raw("downtime", downtime.str());
        if (sku.due) item.integer("due", *sku.due);
        if (o.due_hard && sku.due_hard != hard_default) item.raw("due_hard", sku.due_hard ? "true" : "false");
        y += "  - " + item.str() + "\n";
    }
    return y;
}

std::string pair_line(char prefix, int a, int b, int hours) {
    return "      - [" + id(prefix, a) + ", " + id(prefix, b) + ", " + std::to_string(hours) + "]\n";
}

// Mixers: each paste has cheaper or dearer cleanings (2-10 h) before up to a
// quarter of the others (at most 30), sometimes a short self-cleaning (1-4 h).
std::string mixer_pairs(const GeneratorOptions& o, GeneratedInstance& result) {
    const int P = o.pastes;
    std::string y;
    Rng rng(o.seed, "matrix-mixers");
    std::vector<int> pool(static_cast<std::size_t>(P));
    for (int p = 0; p < P; ++p) pool[static_cast<std::size_t>(p)] = p;
    const int k = std::min(P - 1, std::min(30, std::max(1, P / 4)));
    for (int a = 0; a < P; ++a) {
        std::vector<std::pair<int, int>> pairs;  // (next, hours)
        if (k > 0)
            for (int b : sample(rng, pool, k + 1))
                if (b != a && static_cast<int>(pairs.size()) < k) pairs.emplace_back(b, rng.uniform_int(2, 10));
        if (rng.chance(2500)) pairs.emplace_back(a, rng.uniform_int(1, 4));
        std::sort(pairs.begin(), pairs.end());
        for (const auto& [b, h] : pairs) y += pair_line('P', a, b, h);
        result.mixer_pairs += static_cast<int>(pairs.size());
    }
    return y;
}

// Lines: a SKU after itself or a sibling (same paste) takes 3 h, after up to a
// tenth of the others (at most 20) 8-10 h; the rest 6 h.
std::string line_pairs(const GeneratorOptions& o, const DrawnPlant& plant, GeneratedInstance& result) {
    const int S = o.skus;
    std::string y;
    Rng rng(o.seed, "matrix-lines");
    std::vector<int> pool(static_cast<std::size_t>(S));
    for (int s = 0; s < S; ++s) pool[static_cast<std::size_t>(s)] = s;
    const int k = std::min(S - 1, std::min(20, std::max(1, S / 10)));
    for (int a = 0; a < S; ++a) {
        const int paste = plant.skus[static_cast<std::size_t>(a)].paste;
        std::vector<std::pair<int, int>> pairs;
        pairs.emplace_back(a, 3);
        int siblings = 0;
        for (int b : plant.pastes[static_cast<std::size_t>(paste)].skus)
            if (b != a && siblings < 8) { pairs.emplace_back(b, 3); ++siblings; }
        int dear = 0;
        if (k > 0)
            for (int b : sample(rng, pool, k + 1))
                if (plant.skus[static_cast<std::size_t>(b)].paste != paste && dear < k) {
                    pairs.emplace_back(b, rng.uniform_int(8, 10));
                    ++dear;
                }
        std::sort(pairs.begin(), pairs.end());
        for (const auto& [b, h] : pairs) y += pair_line('S', a, b, h);
        result.line_pairs += static_cast<int>(pairs.size());
    }
    return y;
}

std::string changeover(const GeneratorOptions& o, const DrawnPlant& plant, GeneratedInstance& result) {
    if (!o.matrix)
        return "changeover: " + FlowMap().integer("mixers", kChangeover).integer("lines", kChangeover).str() + "\n";
    std::string y = "changeover:\n  mixers:\n    default: " + std::to_string(kChangeover) + "\n    pairs:\n";
    y += mixer_pairs(o, result);
    y += "  lines:\n    default: " + std::to_string(kChangeover) + "\n    pairs:\n";
    y += line_pairs(o, plant, result);
    return y;
}

std::string every(int period, int duration) {
    return FlowMap().integer("every", period).integer("duration", duration).str();
}

std::string calendar(const GeneratorOptions& o, const DrawnPlant& plant) {
    const int M = o.mixers;
    std::string y = "calendar:\n";
    y += "  mixers: " +
         FlowMap()
             .raw("maintenance", every(kMixerMaintEvery, kMaintDuration))
             .raw("spare_capacity", every(kSpareEvery, kSpareDuration))
             .str() +
         "\n";
    y += "  lines: " +
         FlowMap()
             .raw("shift_break", FlowMap().integer("every", kBreakEvery).integer("duration", kBreakDuration).integer("offset", 0).str())
             .raw("maintenance", every(kLineMaintEvery, kMaintDuration))
             .raw("spare_capacity", every(kSpareEvery, kSpareDuration))
             .str() +
         "\n";
    auto resource_id = [M](int r) { return r < M ? id('M', r) : id('L', r - M); };
    for (int r = 0; r < M + o.lines; ++r)
        y += "  " + resource_id(r) + ": " +
             FlowMap()
                 .raw("maintenance", FlowMap().integer("since_last", plant.since_last[static_cast<std::size_t>(r)]).str())
                 .str() +
             "\n";
    if (!plant.outages.empty()) {
        y += "  outages:\n";
        for (const OutageData& out : plant.outages)
            y += "    - " +
                 FlowMap()
                     .raw("resource", resource_id(out.resource))
                     .integer("start", out.start)
                     .integer("end", out.end)
                     .raw("reason", out.reason)
                     .str() +
                 "\n";
    }
    return y;
}

}  // namespace

std::string instance_text(const GeneratorOptions& o, const DrawnPlant& plant, double factor, int tries,
                          GeneratedInstance& result) {
    std::string y;
    y.reserve(plant.skus.size() * (120 + static_cast<std::size_t>(12 * (o.eligible * o.lines + 1))) +
              plant.pastes.size() * (80 + 24 * static_cast<std::size_t>(o.mixers)) +
              (o.matrix ? plant.skus.size() * 30 * 20 : 0) + 4096);
    y += header(o, result, factor, tries);
    if (hard_by_default(o)) y += "due_hard: true\n";
    if (o.soft) y += "demand_soft: true\nunmet_penalty: " + yaml_text::number(o.unmet_penalty) + "\n";
    y += products(o, plant);
    y += changeover(o, plant, result);
    y += calendar(o, plant);
    result.outages = static_cast<int>(plant.outages.size());
    if (o.storage)
        y += "storage: " +
             FlowMap()
                 .integer("totes", result.totes)
                 .integer("tote_capacity", kToteCapacity)
                 .integer("static_totes_per_running_line", 1)
                 .str() +
             "\n";
    return y;
}

}  // namespace makepack::generate

namespace makepack {

std::string two_decimals(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

}  // namespace makepack
