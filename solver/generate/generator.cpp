#include "solver/generate/generator.hpp"

#include "heuristics/backward_greedy.hpp"
#include "model/instance_loader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <stdexcept>

namespace makepack {

namespace {

// ---- randomness: mt19937_64 + integer distributions written out -------------

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(const char* text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (; *text; ++text) h = (h ^ static_cast<unsigned char>(*text)) * 0x100000001b3ULL;
    return h;
}

// One independent stream per aspect of the instance (tag), so that e.g. --due
// or --matrix never changes the demands or the plant of the same seed.
class Rng {
public:
    Rng(std::uint64_t seed, const char* tag) : engine_(splitmix64(seed ^ fnv1a(tag))) {}

    // Uniform integer in [lo, hi] (lo <= hi), by rejection: no modulo bias.
    long long uniform(long long lo, long long hi) {
        const std::uint64_t range = static_cast<std::uint64_t>(hi - lo) + 1;
        if (range == 0) return static_cast<long long>(engine_());
        const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        const std::uint64_t limit = max - max % range;  // accept [0, limit)
        std::uint64_t x = engine_();
        while (x >= limit) x = engine_();
        return lo + static_cast<long long>(x % range);
    }
    int uniform_int(int lo, int hi) { return static_cast<int>(uniform(lo, hi)); }
    // True with probability per10000 / 10000.
    bool chance(int per10000) { return uniform(0, 9999) < per10000; }

private:
    std::mt19937_64 engine_;
};

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
constexpr int kUnitsPerLb[] = {1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4,
                               5, 5, 5, 5, 6, 8, 8, 8, 10, 10};  // appendix A.3's 32 SKUs (+1)

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

std::vector<int> pick_eligible(Rng& rng, int n, int per10000) {
    std::vector<int> chosen;
    if (per10000 >= 10000) {
        chosen.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) chosen[static_cast<std::size_t>(i)] = i;
        return chosen;
    }
    for (int i = 0; i < n; ++i)
        if (rng.chance(per10000)) chosen.push_back(i);
    if (chosen.empty()) chosen.push_back(rng.uniform_int(0, n - 1));
    return chosen;
}

// k distinct members of `pool` (a permutation of 0..n-1, left permuted):
// a partial Fisher-Yates shuffle, O(k).
std::vector<int> sample(Rng& rng, std::vector<int>& pool, int k) {
    const int n = static_cast<int>(pool.size());
    k = std::min(k, n);
    for (int j = 0; j < k; ++j) std::swap(pool[static_cast<std::size_t>(j)], pool[static_cast<std::size_t>(rng.uniform_int(j, n - 1))]);
    return std::vector<int>(pool.begin(), pool.begin() + k);
}

// "0.15", "0.1", "0.6", "1" from a percentage (integer text, no float printing).
std::string rate_text(int pct) {
    if (pct >= 100) return "1";
    if (pct <= 0) return "0";
    std::string text = "0.";
    text += static_cast<char>('0' + pct / 10);
    if (pct % 10) text += static_cast<char>('0' + pct % 10);
    return text;
}

std::string fixed2(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

// Number of maintenance blocks a chain with blocks as late as allowed needs.
int maintenance_count(int every, int since_last, int horizon) {
    const int due = every - since_last;
    if (due >= horizon) return 0;
    return 1 + (horizon - 1 - due) / every;
}

// The name as a YAML scalar: plain when it is a simple word, else double-quoted.
std::string yaml_scalar(const std::string& text) {
    bool plain = !text.empty() && text.size() <= 200;
    bool letter = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        letter = letter || alpha;
        if (!(alpha || (c >= '0' && c <= '9') || c == '_' || (i > 0 && (c == '-' || c == '.')))) plain = false;
    }
    std::string lower;
    for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    for (const char* word : {"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
        if (lower == word) plain = false;
    if (plain && letter) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

long long round_demand(double units) {
    const long long step = units >= 100000 ? 5000 : units >= 10000 ? 1000 : units >= 1000 ? 100 : 10;
    const long long rounded = std::llround(units / static_cast<double>(step)) * step;
    return std::max(step, rounded);
}

}  // namespace

std::string shortest_number(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string validate_generator_options(const GeneratorOptions& o) {
    auto range = [](const char* what, long long v, long long lo, long long hi) -> std::string {
        if (v < lo || v > hi)
            return std::string("--") + what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                   " (got " + std::to_string(v) + ")";
        return "";
    };
    for (std::string e : {range("mixers", o.mixers, 1, kMaxGenResources), range("lines", o.lines, 1, kMaxGenResources),
                          range("pastes", o.pastes, 1, kMaxGenPastes), range("skus", o.skus, 1, kMaxGenSkus),
                          range("weeks", o.weeks, 1, kMaxGenWeeks), range("outages", o.outages, 0, 100000)})
        if (!e.empty()) return e;
    if (o.skus < o.pastes) return "--skus must be at least --pastes (every paste is filled into at least one SKU)";
    if (!std::isfinite(o.load) || o.load <= 0 || o.load > 1.5)
        return "--load must be above 0 and at most 1.5 (the target utilisation of the bottleneck stage)";
    if (!std::isfinite(o.eligible) || o.eligible <= 0 || o.eligible > 1)
        return "--eligible must be above 0 and at most 1 (the chance a product can run on a resource)";
    if (o.storage && (!std::isfinite(*o.storage) || *o.storage <= 0 || *o.storage > 10))
        return "--storage must be above 0 and at most 10 (a fraction of the paste of the whole horizon)";
    if (o.max_hold && (*o.max_hold < 1 || *o.max_hold > 1000000)) return "--max-hold must be a positive number of hours";
    if (o.due_hard && (!std::isfinite(*o.due_hard) || *o.due_hard <= 0 || *o.due_hard > 1))
        return "--due-hard must be above 0 and at most 1 (the chance a SKU's due date is hard)";
    if (o.due_hard && !o.due) return "--due-hard needs --due (it makes the due dates hard)";
    if (!std::isfinite(o.unmet_penalty) || o.unmet_penalty <= 0 || o.unmet_penalty > 1000000)
        return "--unmet-penalty must be above 0 and at most 1000000 (objective per unmet unit)";
    if (o.matrix && o.skus > kMaxGenMatrixProducts)
        return "--matrix supports at most " + std::to_string(kMaxGenMatrixProducts) +
               " SKUs (the loader keeps a dense matrix)";
    if (o.name.empty()) return "--name must not be empty";
    for (char c : o.name)
        if (c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20) return "--name must not contain control characters";
    return "";
}

namespace {

// One instance; `factor` (<= 1) multiplies the demand scale (--ensure-feasible).
GeneratedInstance generate_once(const GeneratorOptions& o, double factor, int tries) {
    const int M = o.mixers, L = o.lines, P = o.pastes, S = o.skus;
    const int H = 168 * o.weeks;
    const int eligible10000 = static_cast<int>(std::llround(o.eligible * 10000));

    // ---- plant -----------------------------------------------------------------
    std::vector<int> rate(static_cast<std::size_t>(L));
    {
        Rng rng(o.seed, "lines");
        for (int& r : rate) r = 500 * rng.uniform_int(8, 12);  // 4000..6000 units/h
    }
    std::vector<PasteData> pastes(static_cast<std::size_t>(P));
    {
        Rng rng(o.seed, "pastes");
        for (PasteData& p : pastes) {
            const int base = rng.uniform_int(8, 15);
            p.mixers = pick_eligible(rng, M, eligible10000);
            for (std::size_t k = 0; k < p.mixers.size(); ++k) {
                p.hours.push_back(std::max(1, (base * rng.uniform_int(80, 120) + 50) / 100));
                p.downtime_pct.push_back(rng.uniform_int(10, 60));
            }
            const int best = rng.uniform_int(0, static_cast<int>(p.mixers.size()) - 1);
            p.downtime_pct[static_cast<std::size_t>(best)] = rng.uniform_int(10, 20);
        }
    }
    // SKUs per paste: one each, the rest at random; SKU ids follow paste order.
    std::vector<SkuData> skus(static_cast<std::size_t>(S));
    {
        Rng rng(o.seed, "assign");
        std::vector<int> count(static_cast<std::size_t>(P), 1);
        for (int s = P; s < S; ++s) ++count[static_cast<std::size_t>(rng.uniform_int(0, P - 1))];
        int s = 0;
        for (int p = 0; p < P; ++p)
            for (int k = 0; k < count[static_cast<std::size_t>(p)]; ++k, ++s) {
                skus[static_cast<std::size_t>(s)].paste = p;
                pastes[static_cast<std::size_t>(p)].skus.push_back(s);
            }
    }
    {
        Rng rng(o.seed, "demand");
        for (SkuData& sku : skus) {
            sku.units_per_lb = kUnitsPerLb[rng.uniform_int(0, static_cast<int>(std::size(kUnitsPerLb)) - 1)];
            sku.base_demand = 5000LL * rng.uniform_int(10, 60);  // 50k..300k units
        }
    }
    {
        Rng rng(o.seed, "skus");
        for (SkuData& sku : skus) {
            sku.lines = pick_eligible(rng, L, eligible10000);
            for (std::size_t k = 0; k < sku.lines.size(); ++k) sku.downtime_pct.push_back(rng.uniform_int(11, 57));
        }
    }

    // ---- calendars ---------------------------------------------------------------
    std::vector<int> since_last(static_cast<std::size_t>(M + L));
    {
        Rng rng(o.seed, "calendar");
        for (int r = 0; r < M + L; ++r) {
            const int every = r < M ? kMixerMaintEvery : kLineMaintEvery;
            // The first maintenance falls due two days in or later (as in the shipped sets).
            since_last[static_cast<std::size_t>(r)] = rng.uniform_int(0, every - 48);
        }
    }
    std::vector<OutageData> outages;
    std::vector<int> outage_hours(static_cast<std::size_t>(M + L), 0);
    if (o.outages > 0) {
        Rng rng(o.seed, "outages");
        const int R = M + L;
        std::vector<int> order(static_cast<std::size_t>(R));
        for (int r = 0; r < R; ++r) order[static_cast<std::size_t>(r)] = r;
        sample(rng, order, R);  // a random order of the resources: distinct ones first
        for (int i = 0; i < o.outages; ++i) {
            for (int attempt = 0; attempt < 50; ++attempt) {
                const int r = attempt == 0 ? order[static_cast<std::size_t>(i % R)] : rng.uniform_int(0, R - 1);
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
                if (outage_hours[static_cast<std::size_t>(r)] + duration > H / 4) continue;
                bool clash = false;
                for (const OutageData& other : outages)
                    if (other.resource == r && out.start < other.end + 48 && other.start < out.end + 48) clash = true;
                if (clash) continue;
                outages.push_back(out);
                outage_hours[static_cast<std::size_t>(r)] += duration;
                break;
            }
        }
    }

    // ---- demand scaled to the target load ------------------------------------------
    // Available hours of a resource: the horizon minus its maintenance (as many
    // blocks as a chain needs), spare capacity and outages; lines keep 11 of
    // every 12 of those hours (shift breaks).
    const int spare_blocks = H / kSpareEvery;
    double available_mixers = 0, available_lines = 0;
    for (int r = 0; r < M + L; ++r) {
        const bool mixer = r < M;
        const int maint = maintenance_count(mixer ? kMixerMaintEvery : kLineMaintEvery,
                                            since_last[static_cast<std::size_t>(r)], H);
        const double clock = static_cast<double>(H - maint * kMaintDuration - spare_blocks * kSpareDuration -
                                                 outage_hours[static_cast<std::size_t>(r)]);
        if (mixer) available_mixers += clock;
        else available_lines += clock * (kBreakEvery - kBreakDuration) / kBreakEvery;
    }
    // Work: a paste's lbs in batches of 20,000 at the mean batch hours of its
    // mixers (+ half a batch for rounding) and one changeover; a SKU's units at
    // the mean rate of its lines (+ half an hour) and one changeover.
    std::vector<double> mean_hours(static_cast<std::size_t>(P)), mean_rate(static_cast<std::size_t>(S));
    for (int p = 0; p < P; ++p) {
        const PasteData& paste = pastes[static_cast<std::size_t>(p)];
        double sum = 0;
        for (int h : paste.hours) sum += h;
        mean_hours[static_cast<std::size_t>(p)] = sum / static_cast<double>(paste.hours.size());
    }
    for (int s = 0; s < S; ++s) {
        const SkuData& sku = skus[static_cast<std::size_t>(s)];
        double sum = 0;
        for (int l : sku.lines) sum += rate[static_cast<std::size_t>(l)];
        mean_rate[static_cast<std::size_t>(s)] = sum / static_cast<double>(sku.lines.size());
    }
    struct Load { double variable = 0, fixed = 0; };
    auto stage_loads = [&](bool base) {
        Load mix, line;
        for (int p = 0; p < P; ++p) {
            double lbs = 0;
            for (int s : pastes[static_cast<std::size_t>(p)].skus) {
                const SkuData& sku = skus[static_cast<std::size_t>(s)];
                lbs += static_cast<double>(base ? sku.base_demand : sku.demand) / sku.units_per_lb;
            }
            mix.variable += lbs / kBatchSize * mean_hours[static_cast<std::size_t>(p)];
            mix.fixed += 0.5 * mean_hours[static_cast<std::size_t>(p)] + kChangeover;
        }
        for (int s = 0; s < S; ++s) {
            const SkuData& sku = skus[static_cast<std::size_t>(s)];
            line.variable += static_cast<double>(base ? sku.base_demand : sku.demand) / mean_rate[static_cast<std::size_t>(s)];
            line.fixed += 0.5 + kChangeover;
        }
        return std::pair<Load, Load>(mix, line);
    };
    const auto [mix0, line0] = stage_loads(true);
    const double room_mixers = o.load * available_mixers - mix0.fixed;
    const double room_lines = o.load * available_lines - line0.fixed;
    if (room_mixers <= 0 || room_lines <= 0) {
        const bool mixers_short = room_mixers <= 0;
        throw std::invalid_argument(
            "at load " + shortest_number(o.load) + " the changeovers and batch rounding of " +
            (mixers_short ? std::to_string(P) + " pastes alone take " + fixed2(mix0.fixed / available_mixers)
                          : std::to_string(S) + " SKUs alone take " + fixed2(line0.fixed / available_lines)) +
            " of the " + (mixers_short ? "mixers'" : "lines'") +
            " available hours: use fewer products, more resources or weeks, or a higher --load");
    }
    const double scale = factor * std::min(room_mixers / mix0.variable, room_lines / line0.variable);
    for (SkuData& sku : skus) sku.demand = round_demand(scale * static_cast<double>(sku.base_demand));
    const auto [mix1, line1] = stage_loads(false);

    GeneratedInstance result;
    result.demand_scale = scale;
    result.utilisation_mixers = (mix1.variable + mix1.fixed) / available_mixers;
    result.utilisation_lines = (line1.variable + line1.fixed) / available_lines;
    result.bottleneck = result.utilisation_mixers >= result.utilisation_lines ? "mixers" : "lines";
    for (const SkuData& sku : skus) {
        result.total_demand_units += sku.demand;
        result.total_paste_lbs += static_cast<double>(sku.demand) / sku.units_per_lb;
    }

    // ---- due dates: spread over [max(H/4, earliest-looking), H] ---------------------
    if (o.due) {
        // Which due dates are hard: their own stream, so --due-hard never moves
        // the other SKUs' due dates.
        if (o.due_hard) {
            Rng hard(o.seed, "due-hard");
            const int per10000 = static_cast<int>(std::llround(*o.due_hard * 10000));
            for (SkuData& sku : skus) sku.due_hard = hard.chance(per10000);
        }
        Rng rng(o.seed, "due");
        for (SkuData& sku : skus) {
            const PasteData& paste = pastes[static_cast<std::size_t>(sku.paste)];
            const double lbs = static_cast<double>(sku.demand) / sku.units_per_lb;
            const long long batches = static_cast<long long>(std::ceil(lbs / kBatchSize));
            const int min_hours = *std::min_element(paste.hours.begin(), paste.hours.end());
            int max_rate = 0;
            for (int l : sku.lines) max_rate = std::max(max_rate, rate[static_cast<std::size_t>(l)]);
            const double pack = std::ceil(static_cast<double>(sku.demand) / max_rate) * kBreakEvery /
                                (kBreakEvery - kBreakDuration);
            // The paste of the SKU on its fastest mixer, then packing on its fastest line, + a day.
            double earliest = static_cast<double>(batches * min_hours) + pack + 24;
            // A hard due date also clears the outages of its lines, so the
            // loader's capacity check (its lines by the due date) passes.
            if (sku.due_hard) {
                int outage = 0;
                for (int l : sku.lines) outage = std::max(outage, outage_hours[static_cast<std::size_t>(o.mixers + l)]);
                earliest += outage;
                ++result.skus_due_hard;
            }
            const int lo = std::min(H, std::max(H / 4, static_cast<int>(std::ceil(earliest))));
            sku.due = lo + rng.uniform_int(0, H - lo);
            ++result.skus_with_due;
        }
    }

    // ---- storage -------------------------------------------------------------------
    if (o.storage) {
        // Peak need if all paste of the horizon were held at once, plus one static
        // tote per line; at least two lots per mixer + the static totes.
        const double lots = std::ceil(*o.storage * result.total_paste_lbs / kToteCapacity);
        const int per_batch = (kBatchSize + kToteCapacity - 1) / kToteCapacity;
        result.totes = static_cast<int>(std::max(lots + L, static_cast<double>(L + 2 * M * per_batch)));
    }

    // ---- text ------------------------------------------------------------------------
    std::string y;
    y.reserve(static_cast<std::size_t>(S) * (120 + 12 * (o.eligible * L + 1)) + static_cast<std::size_t>(P) * (80 + 24 * M) +
              (o.matrix ? static_cast<std::size_t>(S) * 30 * 20 : 0) + 4096);
    auto id = [](char prefix, int index) { return std::string(1, prefix) + std::to_string(index + 1); };
    for (const std::string& line : o.header) y += "# " + line + "\n";
    y += "# estimated utilisation: mixers " + fixed2(result.utilisation_mixers) + ", lines " +
         fixed2(result.utilisation_lines) + " (target " + shortest_number(o.load) + " on the bottleneck, " +
         result.bottleneck + "; demand scale " + fixed2(scale) + "; docs/generate.md)\n";
    if (tries > 0)
        y += "# demand scaled by " + fixed2(factor) + " (0.95^" + std::to_string(tries) +
             ") so that makepack's greedy finds a plan (--ensure-feasible)\n";
    if (o.storage)
        y += "# storage: " + std::to_string(result.totes) + " totes = " + shortest_number(*o.storage) + " x " +
             std::to_string(static_cast<long long>(std::ceil(result.total_paste_lbs))) + " lbs of paste / " +
             std::to_string(kToteCapacity) + " lbs per tote + " + std::to_string(L) + " static totes\n";
    y += "name: " + yaml_scalar(o.name) + "\n";
    y += "start_date: 2023-01-01T00:00\ntime_unit: hour\n";
    y += "horizon: " + std::to_string(H) + "\n";
    y += o.due ? "objective: {downtime: 1, changeover: 1, lateness: 1}\n" : "objective: {downtime: 1, changeover: 1}\n";
    // Hard due dates: the shorter file form. F = 1 or most SKUs hard: the
    // instance default plus `due_hard: false` on the others (the SKU's wins,
    // MODEL.md 9.12); fewer than half: `due_hard: true` on those SKUs.
    const bool hard_default = o.due_hard && *o.due_hard >= 0.5;
    if (hard_default) y += "due_hard: true\n";
    if (o.soft) y += "demand_soft: true\nunmet_penalty: " + shortest_number(o.unmet_penalty) + "\n";
    y += "mixers:\n";
    for (int m = 0; m < M; ++m) y += "  - {id: " + id('M', m) + ", batch_size: " + std::to_string(kBatchSize) + "}\n";
    y += "lines:\n";
    for (int l = 0; l < L; ++l) y += "  - {id: " + id('L', l) + ", rate: " + std::to_string(rate[static_cast<std::size_t>(l)]) + "}\n";
    y += "pastes:\n";
    for (int p = 0; p < P; ++p) {
        const PasteData& paste = pastes[static_cast<std::size_t>(p)];
        y += "  - {id: " + id('P', p) + ", batch_hours: {";
        for (std::size_t k = 0; k < paste.mixers.size(); ++k)
            y += (k ? ", " : "") + id('M', paste.mixers[k]) + ": " + std::to_string(paste.hours[k]);
        y += "}, downtime: {";
        for (std::size_t k = 0; k < paste.mixers.size(); ++k)
            y += (k ? ", " : "") + id('M', paste.mixers[k]) + ": " + rate_text(paste.downtime_pct[k]);
        y += "}";
        if (o.max_hold) y += ", max_hold: " + std::to_string(*o.max_hold);
        y += "}\n";
    }
    y += "skus:\n";
    for (int s = 0; s < S; ++s) {
        const SkuData& sku = skus[static_cast<std::size_t>(s)];
        y += "  - {id: " + id('S', s) + ", paste: " + id('P', sku.paste) + ", units_per_lb: " +
             std::to_string(sku.units_per_lb) + ", demand: " + std::to_string(sku.demand) + ", downtime: {";
        for (std::size_t k = 0; k < sku.lines.size(); ++k)
            y += (k ? ", " : "") + id('L', sku.lines[k]) + ": " + rate_text(sku.downtime_pct[k]);
        y += "}";
        if (sku.due) y += ", due: " + std::to_string(*sku.due);
        if (o.due_hard && sku.due_hard != hard_default) y += sku.due_hard ? ", due_hard: true" : ", due_hard: false";
        y += "}\n";
    }

    if (!o.matrix) {
        y += "changeover: {mixers: " + std::to_string(kChangeover) + ", lines: " + std::to_string(kChangeover) + "}\n";
    } else {
        // Mixers: each paste has cheaper or dearer cleanings (2-10 h) before up to
        // a quarter of the others (at most 30), sometimes a short self-cleaning
        // (1-4 h). Lines: a SKU after itself or a sibling (same paste) takes 3 h,
        // after up to a tenth of the others (at most 20) 8-10 h; the rest 6 h.
        y += "changeover:\n  mixers:\n    default: " + std::to_string(kChangeover) + "\n    pairs:\n";
        {
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
                for (const auto& [b, h] : pairs)
                    y += "      - [" + id('P', a) + ", " + id('P', b) + ", " + std::to_string(h) + "]\n";
                result.mixer_pairs += static_cast<int>(pairs.size());
            }
        }
        y += "  lines:\n    default: " + std::to_string(kChangeover) + "\n    pairs:\n";
        {
            Rng rng(o.seed, "matrix-lines");
            std::vector<int> pool(static_cast<std::size_t>(S));
            for (int s = 0; s < S; ++s) pool[static_cast<std::size_t>(s)] = s;
            const int k = std::min(S - 1, std::min(20, std::max(1, S / 10)));
            for (int a = 0; a < S; ++a) {
                const int paste = skus[static_cast<std::size_t>(a)].paste;
                std::vector<std::pair<int, int>> pairs;
                pairs.emplace_back(a, 3);
                int siblings = 0;
                for (int b : pastes[static_cast<std::size_t>(paste)].skus)
                    if (b != a && siblings < 8) { pairs.emplace_back(b, 3); ++siblings; }
                int dear = 0;
                if (k > 0)
                    for (int b : sample(rng, pool, k + 1))
                        if (skus[static_cast<std::size_t>(b)].paste != paste && dear < k) {
                            pairs.emplace_back(b, rng.uniform_int(8, 10));
                            ++dear;
                        }
                std::sort(pairs.begin(), pairs.end());
                for (const auto& [b, h] : pairs)
                    y += "      - [" + id('S', a) + ", " + id('S', b) + ", " + std::to_string(h) + "]\n";
                result.line_pairs += static_cast<int>(pairs.size());
            }
        }
    }

    y += "calendar:\n";
    y += "  mixers: {maintenance: {every: " + std::to_string(kMixerMaintEvery) + ", duration: " +
         std::to_string(kMaintDuration) + "}, spare_capacity: {every: " + std::to_string(kSpareEvery) +
         ", duration: " + std::to_string(kSpareDuration) + "}}\n";
    y += "  lines: {shift_break: {every: " + std::to_string(kBreakEvery) + ", duration: " + std::to_string(kBreakDuration) +
         ", offset: 0}, maintenance: {every: " + std::to_string(kLineMaintEvery) + ", duration: " +
         std::to_string(kMaintDuration) + "}, spare_capacity: {every: " + std::to_string(kSpareEvery) +
         ", duration: " + std::to_string(kSpareDuration) + "}}\n";
    for (int r = 0; r < M + L; ++r)
        y += "  " + (r < M ? id('M', r) : id('L', r - M)) + ": {maintenance: {since_last: " +
             std::to_string(since_last[static_cast<std::size_t>(r)]) + "}}\n";
    if (!outages.empty()) {
        y += "  outages:\n";
        for (const OutageData& out : outages)
            y += "    - {resource: " + (out.resource < M ? id('M', out.resource) : id('L', out.resource - M)) +
                 ", start: " + std::to_string(out.start) + ", end: " + std::to_string(out.end) +
                 ", reason: " + out.reason + "}\n";
    }
    result.outages = static_cast<int>(outages.size());
    if (o.storage)
        y += "storage: {totes: " + std::to_string(result.totes) + ", tote_capacity: " + std::to_string(kToteCapacity) +
             ", static_totes_per_running_line: 1}\n";
    result.yaml = std::move(y);
    result.ensure_tries = tries;
    return result;
}

}  // namespace

GeneratedInstance generate_instance(const GeneratorOptions& o) {
    if (const std::string problem = validate_generator_options(o); !problem.empty()) throw std::invalid_argument(problem);
    double factor = 1;
    for (int tries = 0;; ++tries) {
        GeneratedInstance generated = generate_once(o, factor, tries);
        if (!o.ensure_feasible) return generated;
        std::string failure;
        try {
            const Instance instance = parse_instance(generated.yaml, o.name);
            GreedyOptions greedy;
            greedy.first_feasible = true;
            const GreedyResult result = backward_greedy(instance, greedy);
            if (result.schedule) {
                generated.greedy_feasible = true;
                return generated;
            }
            failure = result.failure;
        } catch (const InputError& e) {
            failure = e.what();
        }
        if (tries >= kMaxEnsureTries) {
            generated.greedy_failure = failure;
            return generated;  // the caller reports it
        }
        factor *= 0.95;
    }
}

}  // namespace makepack
