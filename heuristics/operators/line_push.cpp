#include "heuristics/operators/line_push.hpp"

#include <algorithm>

namespace makepack::ops {

namespace {

// Rows a single insertion may pull earlier before it gives up.
constexpr int kMaxPulledRows = 4;

// One insertion on one line: the rows it takes out, places and puts back.
class LinePush {
public:
    LinePush(SearchState& state, int line) : state_(state), tl_(state.timeline()), in_(state.instance()), line_(line) {}

    bool insert(int product, std::int64_t amount, int from, int earliest) {
        take_rows_from(from);
        if (push_later(product, amount, earliest)) return true;
        ops::remove_rows(state_, inserted_);
        inserted_.clear();
        return pack_late(product, amount);
    }

private:
    // The line's movable rows starting at or after `from` go out (kept, in time order).
    void take_rows_from(int from) {
        std::vector<int> taken;
        for (const TimelineItem& item : tl_.items(line_))
            if (item.row >= 0 && item.start >= std::max(from, in_.frozen_until)) taken.push_back(item.row);
        for (int k : taken) after_.push_back(tl_.rows()[k]);
        ops::remove_rows(state_, taken);
    }

    // The new row first, then the taken rows in order, none earlier than before.
    bool push_later(int product, std::int64_t amount, int earliest) {
        int t = place_early(product, amount, earliest);
        for (const Row& row : after_) {
            if (t < 0) return false;
            t = place_early(row.product, row.amount, std::max(row.start, t));
        }
        return t >= 0;
    }

    // The taken rows as late as they go, the new row right before them, and
    // the rows in its way before it pulled earlier (up to kMaxPulledRows).
    bool pack_late(int product, std::int64_t amount) {
        int next_start = in_.horizon;
        for (auto row = after_.rbegin(); row != after_.rend(); ++row)
            if ((next_start = place_late(row->product, row->amount, next_start, 0)) < 0) return false;
        std::vector<Row> pulled;
        for (;;) {
            const TimelineItem* before = item_before(next_start);
            const int start = place_late(product, amount, next_start, before ? before->end : 0);
            if (start >= 0) { next_start = start; break; }
            if (!before || before->row < 0 || before->start < in_.frozen_until ||
                static_cast<int>(pulled.size()) == kMaxPulledRows)
                return false;
            pulled.push_back(tl_.rows()[before->row]);
            ops::remove_rows(state_, {before->row});
        }
        for (const Row& row : pulled)
            if ((next_start = place_late(row.product, row.amount, next_start, 0)) < 0) return false;
        return true;
    }

    // Earliest place at or after `not_before`; the row's end, or -1.
    int place_early(int product, std::int64_t amount, int not_before) {
        const auto slot = tl_.earliest_slot(line_, product, work(product, amount), not_before, in_.deadline(product));
        return slot ? place(product, amount, *slot).end : -1;
    }

    // Latest place ending by `by` (and at or after `not_before`); the row's start, or -1.
    int place_late(int product, std::int64_t amount, int by, int not_before) {
        const auto slot = tl_.latest_slot(line_, product, work(product, amount), std::max(not_before, in_.frozen_until),
                                          std::min(by, in_.deadline(product)));
        return slot ? place(product, amount, *slot).start : -1;
    }

    // The last item starting before `time`, or nullptr.
    const TimelineItem* item_before(int time) const {
        const TimelineItem* found = nullptr;
        for (const TimelineItem& item : tl_.items(line_)) {
            if (item.start >= time) break;
            found = &item;
        }
        return found;
    }

    int work(int product, std::int64_t amount) const { return in_.work(product, line_, amount); }
    const Row& place(int product, std::int64_t amount, const Slot& slot) {
        const int k = tl_.insert_row(Row{line_, product, amount, 0, 0}, slot);
        inserted_.push_back(k);
        return tl_.rows()[k];
    }

    SearchState& state_;
    PlantTimeline& tl_;
    const Instance& in_;
    int line_;
    std::vector<Row> after_;     // the rows taken out from `from` on
    std::vector<int> inserted_;  // rows placed by push_later (undone if it fails)
};

}  // namespace

bool insert_pushing(SearchState& state, int line, int product, std::int64_t amount, int from, int earliest) {
    return LinePush(state, line).insert(product, amount, from, earliest);
}

}  // namespace makepack::ops
