#include "heuristics/line_backward_timing.hpp"

#include <algorithm>
#include <vector>

namespace makepack {
namespace {
constexpr int kBackwardAttempts = 64;  // placement attempts per row; each one moves the limit earlier

// The backward pass over one line: rows from the last to the first, each
// ending by `limit_`, which moves earlier with every row and spare placed.
class BackwardLine {
public:
    BackwardLine(const Instance& in, int line, std::span<const std::pair<int, int>> blocks, bool place_spares,
                 TimedSequence& out)
        : in_(in), line_(line), working_(in.resources[line].working), blocks_(blocks), out_(out), limit_(in.horizon) {
        const auto& spare = in.resources[line].calendar.spare;
        period_ = place_spares && spare && spare->every > 0 ? spare->every : 0;
        spare_hours_ = period_ > 0 ? spare->duration : 0;
        periods_ = period_ > 0 ? in.horizon / period_ : 0;
        done_.assign(static_cast<std::size_t>(periods_), 0);
        highest_pending_ = periods_ - 1;
    }

    // Row k of the sequence (followed by `next`, -1 for none) as late as it
    // goes; false if it does not fit.
    bool place_row(const SequencedRow& row, int next, std::size_t k) {
        if (!in_.eligible(row.product, line_) || row.amount < 1) return false;
        const int work = in_.work(row.product, line_, row.amount);
        const int changeover = in_.changeover(row.product, next);
        int start = -1;
        for (int attempt = 0; attempt < kBackwardAttempts && start < 0; ++attempt) {
            const int s = working_.latest_start(limit_, work + changeover);
            if (s < 0) return false;
            const Step step = step_for(s);
            if (step == Step::Fail) return false;
            if (step == Step::Placed) start = s;
        }
        if (start < 0) return false;
        out_.starts[k] = start;
        out_.ends[k] = working_.end_after(start, work);
        out_.cost += in_.row_cost(row.product, line_, work, changeover);
        limit_ = start;
        return true;
    }

    // Every spare still owed, as late as it goes before the first row.
    bool place_remaining_spares() {
        for (int p = periods_ - 1; p >= 0; --p)
            if (pending(p) && !put_spare_before(p, limit_)) return false;
        return true;
    }

private:
    enum class Step { Placed, Retry, Fail };

    // One attempt at a row starting at s and ending by limit_: either it fits,
    // or a spare or a fixed block moved limit_ earlier (retry), or it cannot fit.
    Step step_for(int s) {
        const int p = period_ > 0 ? (limit_ - 1) / period_ : -1;
        if (period_ > 0 && highest_pending_ > p) return Step::Fail;  // a later period's spare was passed by
        if (!room_before(p, s))  // no room for this period's spare before the row: it goes right after
            return put_spare_before(p, limit_) ? Step::Retry : Step::Fail;
        int jump = -1;  // an earlier period the row reaches into with no room for its spare before it
        for (int q = p - 1; q >= 0 && (q + 1) * period_ > s; --q)
            if (!room_before(q, s)) {
                jump = q;
                break;
            }
        if (jump >= 0) {
            if (pending(p) && !put_spare_before(p, limit_)) return Step::Fail;
            limit_ = std::min(limit_, (jump + 1) * period_);
            return Step::Retry;
        }
        if (const int b = fixed_block(s, limit_); b >= 0) {
            if (!room_before(p, b)) return put_spare_before(p, limit_) ? Step::Retry : Step::Fail;
            limit_ = b;
            return Step::Retry;
        }
        return Step::Placed;
    }

    // Start of the latest fixed block overlapping [s, e); -1 if none.
    int fixed_block(int s, int e) const {
        for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it)
            if (it->first < e && s < it->second) return it->first;
        return -1;
    }
    bool pending(int k) const { return k >= 0 && k < periods_ && !done_[static_cast<std::size_t>(k)]; }
    bool put_spare(int k, int end) {
        const int s = end - spare_hours_;
        if (s < k * period_ || end > (k + 1) * period_ || fixed_block(s, end) >= 0) return false;
        out_.blocks.push_back(Block{line_, BlockKind::SpareCapacity, s, end});
        done_[static_cast<std::size_t>(k)] = 1;
        while (highest_pending_ >= 0 && done_[static_cast<std::size_t>(highest_pending_)]) --highest_pending_;
        limit_ = s;
        return true;
    }
    // End of the latest place for the spare of period k that ends by `end`
    // and overlaps no fixed block; -1 if there is none.
    int latest_spare_end(int k, int end) const {
        for (int attempt = 0; attempt < kBackwardAttempts; ++attempt) {
            end = std::min(end, (k + 1) * period_);
            if (end - spare_hours_ < k * period_) return -1;
            const int b = fixed_block(end - spare_hours_, end);
            if (b < 0) return end;
            end = b;
        }
        return -1;
    }
    // The spare of period k goes at the latest place left at or before `end`.
    bool put_spare_before(int k, int end) {
        const int at = latest_spare_end(k, end);
        return at >= 0 && put_spare(k, at);
    }
    // Whether the spare of period k (if still owed) can go before `s`.
    bool room_before(int k, int s) const { return !pending(k) || latest_spare_end(k, s) >= 0; }

    const Instance& in_;
    const int line_;
    const WorkingTime& working_;
    std::span<const std::pair<int, int>> blocks_;
    TimedSequence& out_;
    int limit_;  // what is placed next ends by this
    int period_ = 0, spare_hours_ = 0, periods_ = 0;
    std::vector<char> done_;
    int highest_pending_ = -1;
};

}  // namespace

bool time_line_backward(const Instance& in, int line, std::span<const SequencedRow> sequence,
                        std::span<const std::pair<int, int>> blocks, bool place_spares, TimedSequence& out) {
    const std::size_t n = sequence.size();
    out.starts.assign(n, 0);
    out.ends.assign(n, 0);
    out.blocks.clear();
    out.cost = 0;
    BackwardLine pass(in, line, blocks, place_spares, out);
    for (std::size_t k = n; k-- > 0;)
        if (!pass.place_row(sequence[k], k + 1 < n ? sequence[k + 1].product : -1, k)) return false;
    return pass.place_remaining_spares();
}

}  // namespace makepack
