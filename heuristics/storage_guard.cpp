#include "heuristics/storage_guard.hpp"

#include "model/rules/storage.hpp"

#include <algorithm>

namespace makepack {

bool storage_holds(const PlantTimeline& timeline) {
    const Instance& in = timeline.instance();
    if (!in.storage) return true;
    std::vector<Row> plant;
    for (std::size_t k = 0; k < timeline.rows().size(); ++k)
        if (timeline.alive(static_cast<int>(k))) plant.push_back(timeline.rows()[k]);
    std::vector<std::vector<LbsEvent>> scraps(in.num_pastes);
    if (std::any_of(in.products.begin(), in.products.begin() + in.num_pastes,
                    [](const Product& p) { return p.max_hold.has_value(); })) {
        ViolationSink quiet;
        std::vector<Row> made, filled;
        for (int p = 0; p < in.num_pastes; ++p) {
            made.clear();
            filled.clear();
            for (int k : timeline.rows_of(p)) made.push_back(timeline.rows()[k]);
            for (int s : in.products[p].skus)
                for (int k : timeline.rows_of(s)) filled.push_back(timeline.rows()[k]);
            scraps[p] = check_paste_flow(in, p, made, filled, quiet).scraps;
        }
    }
    ViolationSink sink(0, 1);  // "does it hold?" only: stop at the first violation
    check_storage(in, plant, scraps, sink);
    return !sink.done();
}

}  // namespace makepack
