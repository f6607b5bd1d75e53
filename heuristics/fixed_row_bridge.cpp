#include "heuristics/fixed_row_bridge.hpp"

#include "heuristics/timeline_ledger.hpp"
#include "model/paste_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <tuple>

namespace makepack {

namespace {

struct Bridge {
    Row row;
    Slot slot;
    std::tuple<int, int, int, int> rank;  // lower is better
};

// Where a bridge goes: as early as it fits after the item that follows the
// fixed row (`late` false), or as late as it fits (`late`: the calendar blocks
// are still to be placed in between; the shortest changeover then wins).
std::optional<Slot> bridge_slot(const PlantTimeline& timeline, int r, int product, int work, int earliest, int latest,
                                bool late) {
    return late ? timeline.latest_slot(r, product, work, earliest, latest)
                : timeline.earliest_slot(r, product, work, earliest, latest);
}

// Earliest end first, or (late) the shortest changeover, then the latest end.
std::tuple<int, int> placement_rank(const Instance& in, const Row& fixed, int product, const Slot& slot, bool late) {
    return late ? std::tuple{in.changeover(fixed.product, product), -slot.end} : std::tuple{0, slot.end};
}

// A mixer: one batch of the paste whose changeover fits and whose row ends first.
std::optional<Bridge> mixer_bridge(const PlantTimeline& timeline, const Row& fixed, int earliest, int next_start,
                                   int latest, bool late) {
    const Instance& in = timeline.instance();
    const int r = fixed.resource;
    std::optional<Bridge> best;
    for (int paste = 0; paste < in.num_pastes; ++paste) {
        if (!in.option(paste, r) || in.end_after(r, fixed.end, in.changeover(fixed.product, paste)) > next_start)
            continue;
        auto slot = bridge_slot(timeline, r, paste, in.work(paste, r, 1), earliest, latest, late);
        if (!slot) continue;
        const auto [first, last] = placement_rank(in, fixed, paste, *slot, late);
        const Bridge candidate{Row{r, paste, 1, 0, 0}, *slot, {first, 0, 0, last}};
        if (!best || candidate.rank < best->rank) best = candidate;
    }
    return best;
}

// A line: a row of a SKU whose changeover fits. Preferred: paste already in
// stock for it (initial stock, fixed mixer rows), so the row needs nothing
// more; then a SKU with demand left (the row counts towards it); then the
// earliest end. With paste in stock the row takes up to what is free (at
// most the SKU's missing demand); without, one batch's worth, which the start
// plans' paste supply then makes before the row.
std::optional<Bridge> line_bridge(const PlantTimeline& timeline, const Row& fixed, int earliest, int next_start,
                                  int latest, bool late) {
    const Instance& in = timeline.instance();
    const int r = fixed.resource;
    std::optional<Bridge> best;
    PasteLedger ledger;
    for (int sku = in.num_pastes; sku < static_cast<int>(in.products.size()); ++sku) {
        if (!in.option(sku, r) || in.end_after(r, fixed.end, in.changeover(fixed.product, sku)) > next_start)
            continue;
        const Product& s = in.products[sku];
        const Product& paste = in.products[s.paste];
        fill_ledger(timeline, s.paste, ledger);
        const double free_lbs = std::max(0.0, ledger.profile().free_at(earliest));
        const auto stocked = static_cast<std::int64_t>(std::floor(free_lbs * s.units_per_lb + kRoundingSlack));
        const std::int64_t missing = std::max<std::int64_t>(0, s.demand - timeline.amount_of(sku));
        std::int64_t amount = std::max<std::int64_t>(1, missing);
        int from = earliest;
        if (stocked >= 1) {
            amount = std::min(amount, stocked);
        } else {
            if (paste.eligible.empty()) continue;  // no paste, ever
            double batch_lbs = 0;
            for (int m : paste.eligible) batch_lbs = std::max(batch_lbs, in.resources[m].batch_size);
            amount = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(batch_lbs * s.units_per_lb)), 1, amount);
            // Not before a mixer can have made that batch: rows the solver adds
            // start at frozen_until or later (MODEL.md 6), and the mixer's
            // maintenance and spare capacity (placed after the bridges) may
            // have to go first. A bridge at frozen_until itself had no paste
            // and broke every start plan (the third sweep's case034, review
            // instances at 224 and, with a maintenance due on the mixers, 336).
            std::optional<int> made;
            for (int m : paste.eligible) {
                const double lbs = static_cast<double>(amount) / s.units_per_lb;
                const auto batches = static_cast<std::int64_t>(std::ceil(lbs / in.resources[m].batch_size - 1e-9));
                const auto batch = timeline.earliest_slot(m, s.paste, in.work(s.paste, m, std::max<std::int64_t>(1, batches)),
                                                          in.frozen_until, in.horizon);
                if (!batch) continue;
                const ResourceCalendar& calendar = in.resources[m].calendar;
                const int blocks = (calendar.maintenance ? calendar.maintenance->duration : 0) +
                                   (calendar.spare ? calendar.spare->duration : 0);
                const int end = static_cast<int>(std::min<long long>(in.horizon, static_cast<long long>(batch->end) + blocks));
                if (!made || end < *made) made = end;
            }
            if (made) from = std::max(from, *made);
        }
        const int deadline = std::min(latest, in.deadline(sku));
        auto slot = bridge_slot(timeline, r, sku, in.work(sku, r, amount), from, deadline, late);
        if (!slot && amount > 1) {
            amount = 1;
            slot = bridge_slot(timeline, r, sku, in.work(sku, r, amount), from, deadline, late);
        }
        if (!slot && from > earliest)  // no room after the batch: where it went before (paste from a later lot, maybe)
            slot = bridge_slot(timeline, r, sku, in.work(sku, r, amount), earliest, deadline, late);
        if (!slot) continue;
        // In stock at the row's start, max_hold included (the profile leaves it aside).
        ledger.add_use(slot->start, static_cast<double>(amount) / s.units_per_lb);
        const int supplied = ledger.has_shortage() ? 1 : 0;
        const auto [first, last] = placement_rank(in, fixed, sku, *slot, late);
        const Bridge candidate{Row{r, sku, amount, 0, 0}, *slot, {first, supplied, missing > 0 ? 0 : 1, last}};
        if (!best || candidate.rank < best->rank) best = candidate;
    }
    return best;
}

}  // namespace

namespace {

std::string bridge_changeovers(PlantTimeline& timeline, int r, bool late) {
    const Instance& in = timeline.instance();
    const auto& items = timeline.items(r);
    for (std::size_t k = 0; k + 1 < items.size(); ++k) {
        const TimelineItem item = items[k];
        const int next_start = items[k + 1].start;
        if (item.row < 0 || item.occupied_end <= next_start) continue;
        const Row fixed = timeline.rows()[item.row];
        const std::string what = "fixed row " + in.products[fixed.product].id + " on " + in.resources[r].id + " [" +
                                 std::to_string(fixed.start) + ", " + std::to_string(fixed.end) + ")";
        // The bridge goes between the item that follows and the next row (a
        // later fixed row, whose own start stays), so that it is the successor.
        const auto next_row = std::find_if(items.begin() + static_cast<std::ptrdiff_t>(k) + 1, items.end(),
                                           [](const TimelineItem& i) { return i.row >= 0; });
        const int latest = next_row == items.end() ? in.horizon : next_row->start;
        const int earliest = std::max(in.frozen_until, next_start);
        const std::optional<Bridge> bridge = in.is_mixer(r) ? mixer_bridge(timeline, fixed, earliest, next_start, latest, late)
                                                            : line_bridge(timeline, fixed, earliest, next_start, latest, late);
        if (!bridge)
            return what + ": its changeover runs into what follows at " + std::to_string(next_start) + " and no " +
                   (in.is_mixer(r) ? "paste" : "SKU") + " with a shorter changeover fits after it";
        timeline.insert_row(bridge->row, bridge->slot);  // after item k: positions up to k stay
    }
    return {};
}

}  // namespace

std::string bridge_fixed_changeovers(PlantTimeline& timeline, int r) { return bridge_changeovers(timeline, r, false); }

bool bridge_fixed_changeovers_late(PlantTimeline& timeline, int r) {
    const Instance& in = timeline.instance();
    std::vector<int> bridges;  // the rows on r that are not fixed: only bridges are placed yet
    for (const TimelineItem& item : timeline.items(r)) {
        if (item.row < 0) continue;
        const Row& row = timeline.rows()[item.row];
        const bool fixed = std::any_of(in.fixed_rows.begin(), in.fixed_rows.end(), [&](const Row& f) {
            return f.resource == row.resource && f.product == row.product && f.start == row.start && f.amount == row.amount;
        });
        if (!fixed) bridges.push_back(item.row);
    }
    if (bridges.empty()) return false;
    timeline.remove_rows(bridges);
    return bridge_changeovers(timeline, r, true).empty();
}

bool bridge_last_fixed_row_late(PlantTimeline& timeline, int r) {
    const Instance& in = timeline.instance();
    const auto& items = timeline.items(r);
    const auto last = std::find_if(items.rbegin(), items.rend(), [](const TimelineItem& i) { return i.row >= 0; });
    if (last == items.rend()) return false;
    const Row fixed = timeline.rows()[last->row];
    const int now = last->occupied_end;  // with the default changeover (no successor yet)
    const int earliest = std::max(in.frozen_until, fixed.end);
    const std::optional<Bridge> bridge = in.is_mixer(r) ? mixer_bridge(timeline, fixed, earliest, now, in.horizon, true)
                                                        : line_bridge(timeline, fixed, earliest, now, in.horizon, true);
    if (!bridge || in.end_after(r, fixed.end, in.changeover(fixed.product, bridge->row.product)) >= now) return false;
    timeline.insert_row(bridge->row, bridge->slot);
    return true;
}

}  // namespace makepack
