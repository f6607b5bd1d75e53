#include "heuristics/line_backward_timing.hpp"

#include <algorithm>
#include <vector>

namespace makepack {
namespace {
constexpr int kBackwardAttempts = 64;  // placement attempts per row; each one moves the limit earlier
}  // namespace

bool time_line_backward(const Instance& in, int line, std::span<const SequencedRow> sequence,
                        std::span<const std::pair<int, int>> blocks, bool place_spares, TimedSequence& out) {
    const WorkingTime& working = in.resources[line].working;
    const auto& spare = in.resources[line].calendar.spare;
    const int period = place_spares && spare && spare->every > 0 ? spare->every : 0;
    const int spare_hours = period > 0 ? spare->duration : 0;
    const int periods = period > 0 ? in.horizon / period : 0;
    std::vector<char> done(static_cast<std::size_t>(periods), 0);
    int highest_pending = periods - 1;
    const std::size_t n = sequence.size();
    out.starts.assign(n, 0);
    out.ends.assign(n, 0);
    out.blocks.clear();
    out.cost = 0;
    int limit = in.horizon;  // what is placed next ends by this

    // Start of the latest fixed block overlapping [s, e); -1 if none.
    auto fixed_block = [&](int s, int e) {
        for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
            if (it->first < e && s < it->second) return it->first;
        return -1;
    };
    auto pending = [&](int k) { return k >= 0 && k < periods && !done[static_cast<std::size_t>(k)]; };
    auto put_spare = [&](int k, int end) {
        const int s = end - spare_hours;
        if (s < k * period || end > (k + 1) * period || fixed_block(s, end) >= 0) return false;
        out.blocks.push_back(Block{line, BlockKind::SpareCapacity, s, end});
        done[static_cast<std::size_t>(k)] = 1;
        while (highest_pending >= 0 && done[static_cast<std::size_t>(highest_pending)]) --highest_pending;
        limit = s;
        return true;
    };
    // End of the latest place for the spare of period k that ends by `end`
    // and overlaps no fixed block; -1 if there is none.
    auto latest_spare_end = [&](int k, int end) {
        for (int attempt = 0; attempt < kBackwardAttempts; ++attempt) {
            end = std::min(end, (k + 1) * period);
            if (end - spare_hours < k * period) return -1;
            const int b = fixed_block(end - spare_hours, end);
            if (b < 0) return end;
            end = b;
        }
        return -1;
    };
    // The spare of period k goes at the latest place left at or before `end`.
    auto put_spare_before = [&](int k, int end) {
        const int at = latest_spare_end(k, end);
        return at >= 0 && put_spare(k, at);
    };
    // Whether the spare of period k (if still owed) can go before `s`.
    auto room_before = [&](int k, int s) { return !pending(k) || latest_spare_end(k, s) >= 0; };

    for (std::size_t k = n; k-- > 0;) {
        const SequencedRow& row = sequence[k];
        if (!in.eligible(row.product, line) || row.amount < 1) return false;
        const int work = in.work(row.product, line, row.amount);
        const int changeover = in.changeover(row.product, k + 1 < n ? sequence[k + 1].product : -1);
        int start = -1;
        for (int attempt = 0; attempt < kBackwardAttempts && start < 0; ++attempt) {
            const int s = working.latest_start(limit, work + changeover);
            if (s < 0) return false;
            const int p = period > 0 ? (limit - 1) / period : -1;
            if (period > 0 && highest_pending > p) return false;  // a later period's spare was passed by
            if (!room_before(p, s)) {
                // No room for this period's spare before the row: it goes right after.
                if (!put_spare_before(p, limit)) return false;
                continue;
            }
            int jump = -1;  // an earlier period the row reaches into with no room for its spare before it
            for (int q = p - 1; q >= 0 && (q + 1) * period > s; --q)
                if (!room_before(q, s)) {
                    jump = q;
                    break;
                }
            if (jump >= 0) {
                if (pending(p) && !put_spare_before(p, limit)) return false;
                limit = std::min(limit, (jump + 1) * period);
                continue;
            }
            if (const int b = fixed_block(s, limit); b >= 0) {
                if (!room_before(p, b)) {
                    if (!put_spare_before(p, limit)) return false;
                    continue;
                }
                limit = b;
                continue;
            }
            start = s;
        }
        if (start < 0) return false;
        out.starts[k] = start;
        out.ends[k] = working.end_after(start, work);
        out.cost += in.row_cost(row.product, line, work, changeover);
        limit = start;
    }
    for (int p = periods - 1; p >= 0; --p)
        if (pending(p) && !put_spare_before(p, limit)) return false;
    return true;
}

}  // namespace makepack
