// Pack held: a SKU short of its demand whose paste has a max_hold gets all its
// missing units in one line row, and its paste in one mixer row that ends
// within max_hold before that row starts (MODEL.md 9.7). The line row goes in
// at a random time on an eligible line, the rows in its way pushed later
// (ops::insert_pushing); the mixer row goes on an eligible mixer with room in
// that window, or on one whose rows there are taken out. The plan is then
// closed as after a destroy (what was taken out goes elsewhere or stays
// unmet). The repairs place missing units where a gap is, in pieces, each
// with its own paste; under max_hold the pieces of a long SKU then starve
// each other of mixer time (feas0393, bench/feasibility/README.md). Only
// registered for hard demand the start plan left short (the relaxed search)
// where some paste has a max_hold: on soft plants it packed less.
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/line_push.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <algorithm>
#include <optional>

namespace makepack {
namespace {

// A mixer row of the paste for `lbs` ending in [ready_from, by], as late as it goes.
struct MixerPlace {
    Slot slot;
    std::int64_t batches = 0;
};
std::optional<MixerPlace> mixer_place(const SearchState& state, int paste, int mixer, double lbs, int ready_from,
                                      int by) {
    const Instance& in = state.instance();
    const std::int64_t batches = in.batches_for(lbs, mixer);
    auto slot = state.timeline().latest_slot(mixer, paste, in.work(paste, mixer, batches), in.frozen_until, by);
    if (!slot || slot->end < ready_from) return std::nullopt;
    return MixerPlace{*slot, batches};
}

class PackHeld : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        std::vector<int> skus;
        for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s)
            if (in.products[in.products[s].paste].max_hold && tl.amount_of(s) < in.products[s].demand)
                skus.push_back(s);
        if (skus.empty()) return false;
        const int sku = ops::sample(skus, 1, rng).front();
        const Product& s = in.products[sku];
        const int hold = *in.products[s.paste].max_hold;
        const std::int64_t units = s.demand - tl.amount_of(sku);
        const double lbs = static_cast<double>(units) / s.units_per_lb;

        // The line row, from a random time that leaves room for its work before the deadline.
        const int line = ops::sample(s.eligible, 1, rng).front();
        const int latest = in.deadline(sku) - in.work(sku, line, units);
        if (latest < in.frozen_until) return false;
        const int at = std::uniform_int_distribution<int>(in.frozen_until, latest)(rng);
        const int first_new = static_cast<int>(tl.rows().size());
        if (!ops::insert_pushing(state, line, sku, units, at, at)) return false;
        int added = -1;  // the new row (the pushed rows are re-inserted after it)
        for (int k : tl.rows_of(sku))
            if (k >= first_new && tl.rows()[k].resource == line && tl.rows()[k].amount == units && (added < 0 || k < added))
                added = k;
        if (added < 0) return false;
        const int start = tl.rows()[added].start;

        // Its paste: a mixer with room in [start - max_hold, start] (random order), else one made room on.
        std::vector<int> mixers = in.products[s.paste].eligible;
        std::shuffle(mixers.begin(), mixers.end(), rng);
        std::optional<MixerPlace> place;
        for (int m : mixers)
            if ((place = mixer_place(state, s.paste, m, lbs, start - hold, start))) break;
        if (!place) {
            const int m = mixers.front();
            const int work = in.work(s.paste, m, in.batches_for(lbs, m));
            const int slack = in.changeover(s.paste, -1) + work / 4 + 1;  // changeover and blocks on top of the work
            std::vector<int> out;
            for (const TimelineItem& item : tl.items(m))
                if (item.row >= 0 && item.start >= in.frozen_until && item.start < start + slack &&
                    item.occupied_end > start - work - 2 * slack)
                    out.push_back(item.row);
            ops::remove_rows(state, out);
            if (!(place = mixer_place(state, s.paste, m, lbs, start - hold, start))) return false;
        }
        tl.insert_row(Row{place->slot.resource, s.paste, place->batches, 0, 0}, place->slot);
        return ops::close_plan(state);
    }
};
}  // namespace
std::unique_ptr<Move> make_pack_held() { return std::make_unique<PackHeld>(); }
}  // namespace makepack
