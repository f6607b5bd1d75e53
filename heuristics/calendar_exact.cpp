#include "heuristics/calendar_exact.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>

namespace makepack {

// State at clock time p: every solver block starting before p has been chosen
// and ends by p; s = 1 when the spare period containing p already has its
// block (or needs none). Its value is the latest maintenance start m before p
// (the chain's next due is m + every). A later m is never worse, so keeping
// the largest m per (p, s) is exact. From (p, s): idle one hour, or start a
// maintenance or spare block at p; a busy interval is crossed in one step.

namespace {

constexpr long long kUnreached = LLONG_MIN;
enum Step : std::uint8_t { kNoStep = 0, kIdle = 1, kMaintenance = 2, kSpare = 3, kCross = 4 };
std::uint8_t code(Step move, int from_s) { return static_cast<std::uint8_t>(move | (from_s << 3)); }

class Search {
public:
    explicit Search(const CalendarNeeds& needs)
        : n_(needs), busy_(needs.fixed_busy.busy()),
          dm_(needs.maintenance ? needs.maintenance->duration : 0),
          every_(needs.maintenance ? needs.maintenance->every : 0),
          ds_(needs.spare ? needs.spare->duration : 0), spare_every_(needs.spare ? needs.spare->every : 1),
          ring_(static_cast<std::size_t>(std::max(dm_, ds_) + 2)), value_(ring_, {kUnreached, kUnreached}),
          how_(2 * (static_cast<std::size_t>(needs.horizon) + 1), kNoStep) {}

    ExactPlacement run(const std::function<bool()>& should_stop) {
        const int horizon = n_.horizon;
        const long long m0 = n_.maintenance ? -static_cast<long long>(n_.maintenance->since_last) : 0;
        slot(0)[n_.spare_needed(0) ? 0 : 1] = m0;
        std::size_t j = 0, f = 0;  // first busy interval ending after p; next fixed maintenance
        for (int p = 0, steps = 0;; ++steps) {
            if ((steps & 0xFFFF) == 0 && should_stop && should_stop()) return {ExactOutcome::Stopped, {}};
            while (j < busy_.size() && busy_[j].end <= p) ++j;
            const std::array<long long, 2> here = slot(p);
            slot(p) = {kUnreached, kUnreached};
            if (p == horizon) return finish(here);
            if (j < busy_.size() && busy_[j].start <= p) {  // p is a busy interval's start
                const int q = busy_[j].end;
                const std::size_t f_end = next_fixed(f, q);
                for (int s = 0; s < 2; ++s) cross(here[s], s, p, q, f, f_end);
                f = f_end;
                p = q;
                continue;
            }
            const int next_busy = j < busy_.size() ? busy_[j].start : horizon;
            for (int s = 0; s < 2; ++s) step(here[s], s, p, next_busy);
            ++p;
        }
    }

private:
    std::array<long long, 2>& slot(int p) { return value_[static_cast<std::size_t>(p) % ring_]; }

    bool alive(long long m, int p) const {
        if (!n_.maintenance) return true;
        const long long due = m + every_;
        return due >= n_.horizon || p <= std::min<long long>(due, n_.horizon - dm_);
    }

    // Spare state on reaching q from p: -1 if a full period would be left without its block.
    int advance(int s, int p, int q) const {
        if (!n_.spare) return 1;
        const long long kp = p / spare_every_, kq = q / spare_every_;
        if (kp == kq) return s;
        if (!s && n_.spare_needed(kp)) return -1;
        for (long long k = kp + 1; k < kq; ++k)
            if (n_.spare_needed(k)) return -1;
        return n_.spare_needed(kq) ? 0 : 1;
    }

    void offer(int q, int s, long long m, std::uint8_t how) {
        if (s < 0 || m <= slot(q)[s]) return;
        slot(q)[s] = m;
        how_[2 * static_cast<std::size_t>(q) + s] = how;
    }

    std::size_t next_fixed(std::size_t f, int q) const {
        while (f < n_.fixed_maintenance.size() && n_.fixed_maintenance[f] < q) ++f;
        return f;
    }

    // Across busy [p, q): its fixed maintenance blocks are chain links that must be on time.
    void cross(long long m, int s, int p, int q, std::size_t f, std::size_t f_end) {
        if (m == kUnreached || !alive(m, p)) return;
        for (; f < f_end; ++f) {
            const int start = n_.fixed_maintenance[f];
            if (n_.maintenance && start > m + every_) return;
            m = start;
        }
        offer(q, advance(s, p, q), m, code(kCross, s));
    }

    void step(long long m, int s, int p, int next_busy) {
        if (m == kUnreached || !alive(m, p)) return;
        offer(p + 1, advance(s, p, p + 1), m, code(kIdle, s));
        if (p < n_.frozen_until) return;
        if (n_.maintenance && p + dm_ <= next_busy && p <= m + every_)
            offer(p + dm_, advance(s, p, p + dm_), p, code(kMaintenance, s));
        const long long period_end = (static_cast<long long>(p) / spare_every_ + 1) * spare_every_;
        if (n_.spare && s == 0 && p + ds_ <= next_busy && p + ds_ <= period_end)
            offer(p + ds_, advance(1, p, p + ds_), m, code(kSpare, s));
    }

    ExactPlacement finish(const std::array<long long, 2>& end_values) const {
        int best = -1;
        for (int s = 0; s < 2; ++s) {
            const long long m = end_values[s];
            if (m == kUnreached || (n_.maintenance && m + every_ < n_.horizon)) continue;
            if (best < 0 || m > end_values[best]) best = s;
        }
        if (best < 0) return {ExactOutcome::Impossible, {}};
        return {ExactOutcome::Placed, walk_back(best)};
    }

    CalendarPlacement walk_back(int s) const {
        CalendarPlacement out;
        for (int p = n_.horizon;;) {
            const std::uint8_t how = how_[2 * static_cast<std::size_t>(p) + s];
            const Step move = static_cast<Step>(how & 7);
            if (move == kNoStep) break;  // back at time 0
            if (move == kIdle) p -= 1;
            else if (move == kMaintenance) out.maintenance.push_back(p -= dm_);
            else if (move == kSpare) out.spare.push_back(p -= ds_);
            else p = busy_start_ending_at(p);
            s = how >> 3;
        }
        std::reverse(out.maintenance.begin(), out.maintenance.end());
        std::reverse(out.spare.begin(), out.spare.end());
        return out;
    }

    int busy_start_ending_at(int q) const {
        const auto it = std::lower_bound(busy_.begin(), busy_.end(), q,
                                         [](const Interval& i, int v) { return i.end < v; });
        return it->start;
    }

    const CalendarNeeds& n_;
    const std::vector<Interval>& busy_;
    const int dm_;
    const long long every_;
    const int ds_;
    const long long spare_every_;
    const std::size_t ring_;
    std::vector<std::array<long long, 2>> value_;  // by p mod ring_: moves reach at most max(dm, ds) ahead
    std::vector<std::uint8_t> how_;                // by (p, s): the move that gave the best value
};

// The search keeps the latest last start, which it often gets from extra
// blocks; drop every solver block whose next link (solver or fixed block, or
// the horizon end) is still on time from the link before it. Fewer blocks
// only free room, so the placement stays valid.
void drop_needless_maintenance(const CalendarNeeds& needs, std::vector<int>& placed) {
    if (!needs.maintenance || placed.empty()) return;
    struct Link { int start; bool solver; };
    std::vector<Link> links;
    for (int s : placed) links.push_back({s, true});
    for (int s : needs.fixed_maintenance) links.push_back({s, false});
    std::sort(links.begin(), links.end(), [](const Link& a, const Link& b) { return a.start < b.start; });
    const long long every = needs.maintenance->every;
    long long kept = -static_cast<long long>(needs.maintenance->since_last);  // due_1 = kept + every
    std::vector<int> lean;
    for (std::size_t k = 0; k < links.size(); ++k) {
        const long long next = k + 1 < links.size() ? links[k + 1].start : needs.horizon;
        if (links[k].solver && next <= kept + every) continue;
        if (links[k].solver) lean.push_back(links[k].start);
        kept = links[k].start;
    }
    placed = std::move(lean);
}

}  // namespace

ExactPlacement place_calendar_exactly(const CalendarNeeds& needs, const std::function<bool()>& should_stop) {
    ExactPlacement result = Search(needs).run(should_stop);
    drop_needless_maintenance(needs, result.placement.maintenance);
    return result;
}

}  // namespace makepack
