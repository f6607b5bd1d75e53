#include "heuristics/dispatch/paste_campaign.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace makepack {

namespace {

struct MixerChoice {
    Slot slot;
    std::int64_t batches = 0;
    double values[3] = {0, 0, 0};  // end time, downtime rate, changeover added (lower first)
};

}  // namespace

namespace {

// Pieces as early as they go (the first gap of each mixer, the piece that
// ends first), until `lbs` are made; the time the last ends, or -1.
int make_paste_in_pieces(PlantTimeline& timeline, int paste, double lbs, std::vector<int>& new_rows) {
    const Instance& in = timeline.instance();
    int ready = in.frozen_until;
    while (lbs > 1e-6) {
        std::optional<Slot> best;
        std::int64_t best_batches = 0;
        for (int mixer : in.products[paste].eligible) {
            const int hours = in.option(paste, mixer)->batch_hours;
            auto fit = timeline.first_fit(mixer, paste, hours, in.frozen_until, in.horizon);
            if (!fit) continue;
            const auto needed = in.batches_for(lbs, mixer);
            const std::int64_t batches = std::min<std::int64_t>(needed, fit->first / hours);
            if (batches <= 0) continue;
            auto slot = timeline.earliest_slot(mixer, paste, in.work(paste, mixer, batches), in.frozen_until, in.horizon);
            if (slot && (!best || slot->end < best->end)) { best = slot; best_batches = batches; }
        }
        if (!best) return -1;
        new_rows.push_back(timeline.insert_row(Row{best->resource, paste, best_batches, 0, 0}, *best));
        lbs -= static_cast<double>(best_batches) * in.resources[best->resource].batch_size;
        ready = std::max(ready, best->end);
    }
    return ready;
}

}  // namespace

int place_paste_campaign(PlantTimeline& timeline, const RuleSet& rules, int paste, double campaign_lbs,
                         double needed_lbs, std::vector<int>& new_rows) {
    const Instance& in = timeline.instance();
    std::vector<MixerChoice> choices;
    // The whole campaign on one mixer if one can take it, else what this row needs.
    for (double lbs : {campaign_lbs, needed_lbs}) {
        for (int mixer : in.products[paste].eligible) {
            const auto batches = in.batches_for(lbs, mixer);
            auto slot = timeline.earliest_slot(mixer, paste, in.work(paste, mixer, batches), in.frozen_until, in.horizon);
            if (!slot) continue;
            choices.push_back({*slot, batches,
                               {static_cast<double>(slot->end), in.option(paste, mixer)->downtime,
                                static_cast<double>(slot->changeover_delta)}});
        }
        if (!choices.empty()) break;
    }
    if (choices.empty()) return make_paste_in_pieces(timeline, paste, needed_lbs, new_rows);
    // The same 0..1 scale per value as the line decisions (rule_scores.hpp);
    // at equal scores the mixer that finishes first.
    const double weights[3] = {std::max(0.0, *rules.get("need-date")) + 1e-3, std::max(0.0, *rules.get("downtime")),
                               std::max(0.0, *rules.get("setup"))};
    double low[3], high[3];
    for (int v = 0; v < 3; ++v) {
        low[v] = std::numeric_limits<double>::infinity();
        high[v] = -low[v];
        for (const MixerChoice& c : choices) { low[v] = std::min(low[v], c.values[v]); high[v] = std::max(high[v], c.values[v]); }
    }
    const MixerChoice* best = nullptr;
    double best_score = 0;
    for (const MixerChoice& c : choices) {
        double score = 0;
        for (int v = 0; v < 3; ++v)
            if (high[v] > low[v]) score += weights[v] * (c.values[v] - low[v]) / (high[v] - low[v]);
        if (!best || score < best_score - 1e-12) { best = &c; best_score = score; }
    }
    new_rows.push_back(timeline.insert_row(Row{best->slot.resource, paste, best->batches, 0, 0}, best->slot));
    return best->slot.end;
}

}  // namespace makepack
