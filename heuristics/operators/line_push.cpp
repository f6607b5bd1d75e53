#include "heuristics/operators/line_push.hpp"

#include <algorithm>

namespace makepack::ops {

namespace {

// Rows a single insertion may pull earlier before it gives up.
constexpr int kMaxPulledRows = 4;

class LinePush {
public:
    LinePush(SearchState& state, int line) : state_(state), tl_(state.timeline()), in_(state.instance()), line_(line) {}

    // Movable rows of the line starting at or after `from`, removed, in time order.
    std::vector<Row> take_rows_from(int from) {
        std::vector<int> taken;
        for (const TimelineItem& item : tl_.items(line_))
            if (item.row >= 0 && item.start >= std::max(from, in_.frozen_until)) taken.push_back(item.row);
        std::vector<Row> rows;
        for (int k : taken) rows.push_back(tl_.rows()[k]);
        ops::remove_rows(state_, taken);
        return rows;
    }

    // Earliest place at or after `not_before`; the row's end, or -1.
    int place_early(int product, std::int64_t amount, int not_before) {
        const auto slot = tl_.earliest_slot(line_, product, work(product, amount), not_before, in_.deadline(product));
        return slot ? insert(product, amount, *slot).end : -1;
    }

    // Latest place ending by `by` (and at or after `not_before`); the row's start, or -1.
    int place_late(int product, std::int64_t amount, int by, int not_before) {
        const auto slot = tl_.latest_slot(line_, product, work(product, amount), std::max(not_before, in_.frozen_until),
                                          std::min(by, in_.deadline(product)));
        return slot ? insert(product, amount, *slot).start : -1;
    }

    // The last item starting before `time`: its index in items(line), or -1.
    int item_before(int time) const {
        const auto& items = tl_.items(line_);
        int found = -1;
        for (int k = 0; k < static_cast<int>(items.size()) && items[k].start < time; ++k) found = k;
        return found;
    }

    void undo_inserted() {
        ops::remove_rows(state_, inserted_);
        inserted_.clear();
    }

private:
    int work(int product, std::int64_t amount) const { return in_.work(product, line_, amount); }
    const Row& insert(int product, std::int64_t amount, const Slot& slot) {
        const int k = tl_.insert_row(Row{line_, product, amount, 0, 0}, slot);
        state_.touch_row(tl_.rows()[k]);
        inserted_.push_back(k);
        return tl_.rows()[k];
    }

    SearchState& state_;
    PlantTimeline& tl_;
    const Instance& in_;
    int line_;
    std::vector<int> inserted_;
};

bool push_later(LinePush& push, const std::vector<Row>& after, int product, std::int64_t amount, int earliest) {
    int t = push.place_early(product, amount, earliest);
    for (const Row& row : after) {
        if (t < 0) return false;
        t = push.place_early(row.product, row.amount, std::max(row.start, t));
    }
    return t >= 0;
}

bool pack_late(LinePush& push, SearchState& state, int line, const std::vector<Row>& after, int product,
               std::int64_t amount) {
    const Instance& in = state.instance();
    PlantTimeline& tl = state.timeline();
    int next_start = in.horizon;
    for (auto row = after.rbegin(); row != after.rend(); ++row)
        if ((next_start = push.place_late(row->product, row->amount, next_start, 0)) < 0) return false;
    std::vector<Row> pulled;
    for (;;) {
        const int k = push.item_before(next_start);
        const TimelineItem* before = k < 0 ? nullptr : &tl.items(line)[k];
        const int start = push.place_late(product, amount, next_start, before ? before->end : 0);
        if (start >= 0) { next_start = start; break; }
        if (!before || before->row < 0 || before->start < in.frozen_until ||
            static_cast<int>(pulled.size()) == kMaxPulledRows)
            return false;
        pulled.push_back(tl.rows()[before->row]);
        ops::remove_rows(state, {before->row});
    }
    for (const Row& row : pulled)
        if ((next_start = push.place_late(row.product, row.amount, next_start, 0)) < 0) return false;
    return true;
}

}  // namespace

bool insert_pushing(SearchState& state, int line, int product, std::int64_t amount, int from, int earliest) {
    LinePush push(state, line);
    const std::vector<Row> after = push.take_rows_from(from);
    if (push_later(push, after, product, amount, earliest)) return true;
    push.undo_inserted();
    return pack_late(push, state, line, after, product, amount);
}

}  // namespace makepack::ops
