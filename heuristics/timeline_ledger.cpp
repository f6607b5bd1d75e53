#include "heuristics/timeline_ledger.hpp"

namespace makepack {

void fill_ledger(const PlantTimeline& timeline, int paste, PasteLedger& ledger) {
    const Instance& in = timeline.instance();
    const std::vector<Row>& rows = timeline.rows();
    ledger.reset(in.products[paste]);
    for (int k : timeline.rows_of(paste)) ledger.add_lot(rows[k].end, in.lbs(rows[k]));
    for (int sku : in.products[paste].skus)
        for (int k : timeline.rows_of(sku)) ledger.add_use(rows[k].start, in.lbs(rows[k]));
}

}  // namespace makepack
