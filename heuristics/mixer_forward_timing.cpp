#include "heuristics/mixer_forward_timing.hpp"

#include <algorithm>
#include <limits>

namespace makepack {
namespace {

constexpr int kNoDue = std::numeric_limits<int>::max();
constexpr int kForwardAttempts = 64;  // placement attempts per row; each one moves time forward

// The solver blocks of one mixer while its rows are laid out left to right.
class BlockPlacer {
public:
    BlockPlacer(const Instance& in, int mixer, TimedSequence& out)
        : in_(in), mixer_(mixer), out_(out), calendar_(in.resources[mixer].calendar) {
        if (calendar_.maintenance && calendar_.maintenance->duration > 0) {
            every_ = calendar_.maintenance->every;
            maintenance_ = calendar_.maintenance->duration;
            due_ = latest_start(calendar_.maintenance->first_due());
        }
        if (calendar_.spare && calendar_.spare->every > 0) {
            period_ = calendar_.spare->every;
            spare_ = calendar_.spare->duration;
            periods_ = in.horizon / period_;
        }
        done_.assign(static_cast<std::size_t>(periods_), 0);
    }

    int t = 0;  // where the next item may start

    // Places what must come before an item of `work` then `changeover` hours
    // and moves `t` to where the item can start; false if it cannot.
    bool make_room(int work, int changeover) {
        for (int attempt = 0; attempt < kForwardAttempts; ++attempt) {
            const int finish = in_.end_after(mixer_, in_.end_after(mixer_, t, work), changeover);
            const int k = period_ > 0 ? t / period_ : -1;
            if (missed_spare(k)) return false;
            if (spare_pending(k)) {
                const int reserve = spare_ + (due_ < (k + 1) * period_ ? maintenance_ : 0);
                if (finish + reserve > spare_deadline(k)) {  // no room for the spare after the item
                    if (due_ != kNoDue && t + spare_ > due_) {
                        if (!put_maintenance(t)) return false;
                        continue;
                    }
                    if (const int b = outage_end(t, t + spare_); b >= 0) { t = b; continue; }
                    if (!put_spare(k, t)) return false;
                    continue;
                }
            }
            if (const int jump = period_without_room(k, finish); jump >= 0) {
                // The item has to start where that period does, after its spare.
                if (spare_pending(k) && !put_spare(k, t)) return false;
                // A maintenance due before then goes first, as late as it may (it can reach into that period).
                if (due_ < jump * period_ && !put_maintenance(std::max(t, std::min(due_, jump * period_ - maintenance_))))
                    return false;
                t = std::max(t, jump * period_);
                continue;
            }
            if (due_ != kNoDue && finish > due_) {
                // The maintenance goes before the item; if the item would then
                // meet an outage, it goes after the outage, and the maintenance
                // as late as it may before the outage.
                const int shifted = in_.end_after(mixer_, in_.end_after(mixer_, t + maintenance_, work), changeover);
                if (const int b = outage_end(t, shifted); b >= 0) {
                    const int a = outage_start_ending_at(b);
                    if (a - maintenance_ >= t && !put_maintenance(std::min(due_, a - maintenance_))) return false;
                    t = std::max(t, b);
                    continue;
                }
                if (!put_maintenance(t)) return false;
                continue;
            }
            if (const int b = outage_end(t, finish); b >= 0) {
                const int a = outage_start_ending_at(b);
                if (due_ < b && !put_maintenance(std::min(due_, a - maintenance_))) return false;
                if (spare_pending(k) && b + spare_ > spare_deadline(k) && !put_spare(k, t)) return false;
                t = b;
                continue;
            }
            return finish <= in_.horizon;
        }
        return false;
    }

    // After the last row: the spare blocks and maintenance still owed.
    bool finish() {
        for (int attempt = 0; attempt < 4 * kForwardAttempts; ++attempt) {
            const int kp = first_pending();
            if (kp >= periods_ && due_ == kNoDue) return true;
            if (kp < periods_) {
                const int s = std::max(t, kp * period_);
                if (due_ == kNoDue || s + spare_ <= due_) {
                    if (const int b = outage_end(s, s + spare_); b >= 0) {
                        if (b + spare_ > (kp + 1) * period_) return false;
                        t = b;
                        continue;
                    }
                    if (!put_spare(kp, s)) return false;
                    continue;
                }
                // The maintenance is due before that spare could end: it goes right before the spare.
                if (!put_maintenance(std::max(t, std::min(due_, s - maintenance_)))) return false;
                continue;
            }
            int s = std::max(t, due_);
            if (const int b = outage_end(s, s + maintenance_); b >= 0) s = outage_start_ending_at(b) - maintenance_;
            if (!put_maintenance(s)) return false;
        }
        return false;
    }

private:
    // Latest start of a maintenance due at `due` that fits before the horizon
    // and overlaps no outage; kNoDue if none is due before the horizon.
    int latest_start(int due) const {
        if (due >= in_.horizon) return kNoDue;
        int s = std::min(due, in_.horizon - maintenance_);
        for (int attempt = 0; attempt < kForwardAttempts; ++attempt) {
            const int b = outage_end(s, s + maintenance_);
            if (b < 0) break;
            s = outage_start_ending_at(b) - maintenance_;
        }
        return s;
    }

    // Latest end of period k's spare block: its period's end, or earlier where
    // an outage covers the period's last hours.
    int spare_deadline(int k) const {
        int end = (k + 1) * period_;
        for (int attempt = 0; attempt < kForwardAttempts; ++attempt) {
            const int b = outage_end(end - spare_, end);
            if (b < 0) break;
            end = outage_start_ending_at(b);
        }
        return end;
    }

    bool spare_pending(int k) const {
        return k >= 0 && k < periods_ && !done_[static_cast<std::size_t>(k)];
    }
    int first_pending() const {
        int k = 0;
        while (k < periods_ && done_[static_cast<std::size_t>(k)]) ++k;
        return k;
    }
    // A period before t's own still lacks its spare: too late now.
    bool missed_spare(int k) const { return period_ > 0 && first_pending() < std::min(k, periods_); }

    // First later period the item reaches into whose spare could then go
    // neither before the item (it started earlier) nor after it; -1 if none.
    int period_without_room(int k, int finish) const {
        if (period_ <= 0) return -1;
        for (int kk = std::max(k + 1, 0); kk < periods_ && kk * period_ < finish; ++kk) {
            // A maintenance due after the item but within that period goes after it too.
            const int reserve = spare_ + (due_ != kNoDue && due_ >= finish && due_ < (kk + 1) * period_ ? maintenance_ : 0);
            if (!done_[static_cast<std::size_t>(kk)] && finish + reserve > spare_deadline(kk)) return kk;
        }
        return -1;
    }

    // End of the first outage overlapping [s, e); -1 if none.
    int outage_end(int s, int e) const {
        for (const Outage& o : calendar_.outages)
            if (o.start < e && s < o.end) return o.end;
        return -1;
    }
    int outage_start_ending_at(int end) const {
        for (const Outage& o : calendar_.outages)
            if (o.end == end) return o.start;
        return end;
    }

    bool put_maintenance(int s) {
        if (due_ == kNoDue || s < t || s > due_ || outage_end(s, s + maintenance_) >= 0) return false;
        out_.blocks.push_back(Block{mixer_, BlockKind::Maintenance, s, s + maintenance_});
        due_ = latest_start(s + every_);
        t = s + maintenance_;
        return true;
    }

    bool put_spare(int k, int s) {
        if (s < t || s < k * period_ || s + spare_ > (k + 1) * period_ || outage_end(s, s + spare_) >= 0) return false;
        out_.blocks.push_back(Block{mixer_, BlockKind::SpareCapacity, s, s + spare_});
        done_[static_cast<std::size_t>(k)] = 1;
        t = s + spare_;
        return true;
    }

    const Instance& in_;
    int mixer_;
    TimedSequence& out_;
    const ResourceCalendar& calendar_;
    int every_ = 0, maintenance_ = 0, due_ = kNoDue;
    int period_ = 0, spare_ = 0, periods_ = 0;
    std::vector<char> done_;  // per full period: its spare block is placed
};

}  // namespace

bool time_mixer_forward(const Instance& in, int mixer, std::span<const SequencedRow> sequence, TimedSequence& out) {
    out.starts.clear();
    out.ends.clear();
    out.blocks.clear();
    out.cost = 0;
    BlockPlacer placer(in, mixer, out);
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        const SequencedRow& row = sequence[i];
        if (!in.eligible(row.product, mixer) || row.amount < 1) return false;
        const int work = in.work(row.product, mixer, row.amount);
        const int changeover = in.changeover(row.product, i + 1 < sequence.size() ? sequence[i + 1].product : -1);
        if (!placer.make_room(work, changeover)) return false;
        const int start = placer.t;
        const int end = in.end_after(mixer, start, work);
        out.starts.push_back(start);
        out.ends.push_back(end);
        out.cost += in.row_cost(row.product, mixer, work, changeover);
        placer.t = in.end_after(mixer, end, changeover);
    }
    return placer.finish();
}

}  // namespace makepack
