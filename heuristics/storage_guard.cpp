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

bool storage_holds(const PlantTimeline& timeline) {
    const Instance& in = timeline.instance();
    if (!in.storage) return true;
    std::vector<Row> plant;
    for (std::size_t k = 0; k < timeline.rows().size(); ++k)
        if (timeline.alive(static_cast<int>(k))) plant.push_back(timeline.rows()[k]);
    std::vector<std::vector<LbsEvent>> scraps;
    plant_scraps(timeline, scraps);
    ViolationSink sink(0, 1);  // "does it hold?" only: stop at the first violation
    check_storage(in, plant, scraps, sink);
    return !sink.done();
}

}  // namespace makepack
