// Grow early: a line row of a SKU short of its demand, with idle time before
// it, starts earlier (as early as its paste is in stock) and keeps its end,
// taking the hours gained as more units. Lines timed late by the re-plans
// (heuristics/resequence.hpp) leave their idle hours before their rows, where
// `grow` (room after a row) cannot reach them. Only registered where demand
// may stay unmet (docs/unmet-demand.md).
#include "heuristics/operators/builtin.hpp"
#include "heuristics/operators/repair_steps.hpp"

#include <algorithm>
#include <cstdlib>

namespace makepack {
namespace {
class GrowEarly : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        std::vector<int> rows;  // line rows of short SKUs with idle time before them
        for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s) {
            if (tl.amount_of(s) >= in.products[s].demand) continue;
            for (int k : tl.rows_of(s))
                if (tl.rows()[k].start > std::max(in.frozen_until, idle_from(tl, k, std::getenv("GE_NOSPARE") == nullptr))) rows.push_back(k);
        }
        if (rows.empty()) return false;
        const int k = ops::sample(rows, 1, rng).front();
        const Row row = tl.rows()[k];
        const Product& sku = in.products[row.product];
        int from = std::max(in.frozen_until, idle_from(tl, k));
        static const bool no_spare = std::getenv("GE_NOSPARE") != nullptr;
        static const bool fill_time = std::getenv("GE_FILL") != nullptr;
        if (from == row.start) {
            if (no_spare) return false;
            from = std::max(in.frozen_until, spare_moved_early(tl, k));
        }
        tl.remove_rows({k});
        const StockProfile stock = ops::paste_profile(state, sku.paste);
        const auto lbs = [&](std::int64_t units) { return static_cast<double>(units) / sku.units_per_lb; };
        const int ready = stock.earliest_for(lbs(row.amount));
        if (ready < 0) return false;
        const int start = std::max(from, ready);
        if (start >= row.start) return false;
        const int again = tl.insert_row(Row{row.resource, row.product, row.amount, 0, 0},
                                        Slot{row.resource, start, 0, 0, 0});
        // The most extra units the earlier start has room and paste in stock for.
        const double free = stock.free_at(start);
        const std::int64_t missing = sku.demand - tl.amount_of(row.product);
        const int deadline = in.deadline(row.product);
        std::int64_t lo = 0, hi = missing;
        while (lo < hi) {
            const std::int64_t mid = lo + (hi - lo + 1) / 2;
            if ((fill_time || lbs(row.amount + mid) <= free + kLbsSlack) && tl.can_resize(again, row.amount + mid, deadline)) lo = mid;
            else hi = mid - 1;
        }
        if (lo == 0) return false;
        tl.resize(again, row.amount + lo);
        return ops::close_plan(state);
    }

private:
    // Where the idle time before row k begins: the end of the item before it
    // (its changeover included), or 0; with `past_spare`, a spare-capacity
    // block right before the row counts as movable to the start of that time.
    static int idle_from(const PlantTimeline& tl, int k, bool past_spare = false) {
        const Row& row = tl.rows()[k];
        const auto& items = tl.items(row.resource);
        int begin = 0, before_block = 0;
        for (const TimelineItem& item : items) {
            if (item.row == k) break;
            before_block = begin;
            begin = item.occupied_end;
            if (past_spare && item.row < 0 && item.kind == BlockKind::SpareCapacity && item.end == row.start)
                begin = before_block + (item.end - item.start);
        }
        return begin;
    }

    // The spare-capacity block right before row k moves as early as the idle
    // time before it and its period allow; returns where the idle time before
    // the row now begins.
    static int spare_moved_early(PlantTimeline& tl, int k) {
        const Instance& in = tl.instance();
        const Row row = tl.rows()[k];
        const auto& items = tl.items(row.resource);
        const auto& spare = in.resources[row.resource].calendar.spare;
        int before = 0;
        for (std::size_t i = 0; i < items.size() && items[i].row != k; ++i) {
            const TimelineItem item = items[i];
            if (items[i + 1].row == k && item.row < 0 && item.kind == BlockKind::SpareCapacity && spare) {
                const int period_start = item.start / spare->every * spare->every;
                const int start = std::max(before, period_start);
                if (start >= item.start || !tl.remove_block(row.resource, BlockKind::SpareCapacity, item.start))
                    return item.occupied_end;
                tl.add_block(Block{row.resource, BlockKind::SpareCapacity, start, start + (item.end - item.start)});
                return start + (item.end - item.start);
            }
            before = item.occupied_end;
        }
        return row.start;
    }
};
}  // namespace
std::unique_ptr<Move> make_grow_early() { return std::make_unique<GrowEarly>(); }
}  // namespace makepack
