// The demand scaled to the target utilisation of the bottleneck stage
// (docs/generate.md "load").
#include "solver/generate/drawn_plant.hpp"

#include "model/yaml_text.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace makepack::generate {

namespace {

// Number of maintenance blocks a chain with blocks as late as allowed needs.
int maintenance_count(int every, int since_last, int horizon) {
    const int due = every - since_last;
    if (due >= horizon) return 0;
    return 1 + (horizon - 1 - due) / every;
}

long long round_demand(double units) {
    const long long step = units >= 100000 ? 5000 : units >= 10000 ? 1000 : units >= 1000 ? 100 : 10;
    const long long rounded = std::llround(units / static_cast<double>(step)) * step;
    return std::max(step, rounded);
}

struct Load {
    double variable = 0, fixed = 0;
};

struct Available {
    double mixers = 0, lines = 0;
};

// Available hours of a stage: the horizon minus maintenance (as many blocks as
// a chain needs), spare capacity and outages; lines keep 11 of every 12 of
// those hours (shift breaks).
Available available_hours(const GeneratorOptions& o, const DrawnPlant& plant) {
    const int H = plant.horizon, M = o.mixers;
    const int spare_blocks = H / kSpareEvery;
    Available available;
    for (int r = 0; r < M + o.lines; ++r) {
        const bool mixer = r < M;
        const int maint = maintenance_count(mixer ? kMixerMaintEvery : kLineMaintEvery,
                                            plant.since_last[static_cast<std::size_t>(r)], H);
        const double clock = static_cast<double>(H - maint * kMaintDuration - spare_blocks * kSpareDuration -
                                                 plant.outage_hours[static_cast<std::size_t>(r)]);
        if (mixer) available.mixers += clock;
        else available.lines += clock * (kBreakEvery - kBreakDuration) / kBreakEvery;
    }
    return available;
}

// Work: a paste's lbs in batches of 20,000 at the mean batch hours of its
// mixers (+ half a batch for rounding) and one changeover; a SKU's units at
// the mean rate of its lines (+ half an hour) and one changeover.
class StageLoads {
public:
    explicit StageLoads(const DrawnPlant& plant) : plant_(plant) {
        for (const PasteData& paste : plant.pastes) {
            double sum = 0;
            for (int h : paste.hours) sum += h;
            mean_hours_.push_back(sum / static_cast<double>(paste.hours.size()));
        }
        for (const SkuData& sku : plant.skus) {
            double sum = 0;
            for (int l : sku.lines) sum += plant.rate[static_cast<std::size_t>(l)];
            mean_rate_.push_back(sum / static_cast<double>(sku.lines.size()));
        }
    }

    // (mixers, lines) with the base demands or the scaled ones.
    std::pair<Load, Load> operator()(bool base) const {
        Load mix, line;
        for (std::size_t p = 0; p < plant_.pastes.size(); ++p) {
            double lbs = 0;
            for (int s : plant_.pastes[p].skus) {
                const SkuData& sku = plant_.skus[static_cast<std::size_t>(s)];
                lbs += static_cast<double>(base ? sku.base_demand : sku.demand) / sku.units_per_lb;
            }
            mix.variable += lbs / kBatchSize * mean_hours_[p];
            mix.fixed += 0.5 * mean_hours_[p] + kChangeover;
        }
        for (std::size_t s = 0; s < plant_.skus.size(); ++s) {
            const SkuData& sku = plant_.skus[s];
            line.variable += static_cast<double>(base ? sku.base_demand : sku.demand) / mean_rate_[s];
            line.fixed += 0.5 + kChangeover;
        }
        return {mix, line};
    }

private:
    const DrawnPlant& plant_;
    std::vector<double> mean_hours_, mean_rate_;
};

}  // namespace

void scale_demand(const GeneratorOptions& o, double factor, DrawnPlant& plant, GeneratedInstance& result) {
    const Available available = available_hours(o, plant);
    const StageLoads stage_loads(plant);
    const auto [mix0, line0] = stage_loads(true);
    const double room_mixers = o.load * available.mixers - mix0.fixed;
    const double room_lines = o.load * available.lines - line0.fixed;
    if (room_mixers <= 0 || room_lines <= 0) {
        const bool mixers_short = room_mixers <= 0;
        throw std::invalid_argument(
            "at load " + yaml_text::number(o.load) + " the changeovers and batch rounding of " +
            (mixers_short ? std::to_string(o.pastes) + " pastes alone take " + two_decimals(mix0.fixed / available.mixers)
                          : std::to_string(o.skus) + " SKUs alone take " + two_decimals(line0.fixed / available.lines)) +
            " of the " + (mixers_short ? "mixers'" : "lines'") +
            " available hours: use fewer products, more resources or weeks, or a higher --load");
    }
    const double scale = factor * std::min(room_mixers / mix0.variable, room_lines / line0.variable);
    for (SkuData& sku : plant.skus) sku.demand = round_demand(scale * static_cast<double>(sku.base_demand));
    const auto [mix1, line1] = stage_loads(false);

    result.demand_scale = scale;
    result.utilisation_mixers = (mix1.variable + mix1.fixed) / available.mixers;
    result.utilisation_lines = (line1.variable + line1.fixed) / available.lines;
    result.bottleneck = result.utilisation_mixers >= result.utilisation_lines ? "mixers" : "lines";
    for (const SkuData& sku : plant.skus) {
        result.total_demand_units += sku.demand;
        result.total_paste_lbs += static_cast<double>(sku.demand) / sku.units_per_lb;
    }
}

}  // namespace makepack::generate
