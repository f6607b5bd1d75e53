#include "heuristics/storage_guard.hpp"

#include "heuristics/timeline_ledger.hpp"
#include "model/rules/storage.hpp"

#include <algorithm>

namespace makepack {

void plant_scraps(const PlantTimeline& timeline, std::vector<std::vector<LbsEvent>>& scraps) {
    const Instance& in = timeline.instance();
    scraps.resize(in.num_pastes);
    for (auto& s : scraps) s.clear();
    if (std::none_of(in.products.begin(), in.products.begin() + in.num_pastes,
                     [](const Product& p) { return p.max_hold.has_value(); }))
        return;
    thread_local PasteLedger ledger;
    for (int p = 0; p < in.num_pastes; ++p) {
        fill_ledger(timeline, p, ledger);
        struct Scraps {
            std::vector<LbsEvent>& out;
            void scrapped(int time, double lbs) { out.push_back({time, lbs}); }
        } collect{scraps[p]};
        ledger.replay(collect);
    }
}

namespace {

// The checker's storage rule over the timeline's alive rows; `excess` as check_storage's.
bool run_storage_rule(const PlantTimeline& timeline, double* excess) {
    const Instance& in = timeline.instance();
    std::vector<Row> plant;
    for (std::size_t k = 0; k < timeline.rows().size(); ++k)
        if (timeline.alive(static_cast<int>(k))) plant.push_back(timeline.rows()[k]);
    std::vector<std::vector<LbsEvent>> scraps;
    plant_scraps(timeline, scraps);
    // "Does it hold?" stops at the first violation; the excess needs the whole walk.
    ViolationSink sink(0, excess ? ViolationSink::unlimited : 1);
    check_storage(in, plant, scraps, sink, excess);
    return sink.count() == 0;
}

}  // namespace

bool storage_holds(const PlantTimeline& timeline) {
    return !timeline.instance().storage || run_storage_rule(timeline, nullptr);
}

double storage_excess(const PlantTimeline& timeline) {
    double excess = 0;
    if (timeline.instance().storage) run_storage_rule(timeline, &excess);
    return excess;
}

bool storage_no_worse(const PlantTimeline& timeline, double& before) {
    if (before == 0) return storage_holds(timeline);
    const double after = storage_excess(timeline);
    if (after > before) return false;
    before = after;
    return true;
}

}  // namespace makepack
