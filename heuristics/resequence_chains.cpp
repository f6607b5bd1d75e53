// The resequencer's matrix-guided mixer moves. Random relocations find a
// cheap changeover only by chance, and a chain of cheap arcs (p -> x -> q)
// needs several rows to move together; so these moves choose where to go by
// what it saves. A mixer's cost (downtime + changeover) does not depend on
// its timing, so that saving is exact: a segment of 1-3 consecutive rows goes
// between the predecessor and successor where its two new arcs, minus the arc
// they replace, plus its downtime there cost least (Or-opt), or two mixers
// exchange the rows after a cut where that costs less (2-opt*, which keeps
// both tails' chains). The timing and the paste are checked as for every step.
// Drawn only where the mixers' matrix varies.
#include "heuristics/resequence.hpp"

#include <algorithm>
#include <array>

namespace makepack {
namespace {
// The (at most) three cheapest candidates seen, a random one of them drawn:
// the cheapest by changeover alone may break the timing or the paste.
struct Cheapest {
    struct Candidate {
        double delta;
        int resource, position;
    };
    std::array<Candidate, 3> kept{};
    int size = 0;
    void offer(double delta, int resource, int position) {
        if (delta >= -kCostTolerance) return;  // only changes that lower the cost
        Candidate c{delta, resource, position};
        if (size < 3) {
            kept[static_cast<std::size_t>(size++)] = c;
            return;
        }
        auto worst = std::max_element(kept.begin(), kept.end(), [](const Candidate& x, const Candidate& y) { return x.delta < y.delta; });
        if (delta < worst->delta) *worst = c;
    }
    // One of them: its resource, and its position in `position`.
    int draw(std::mt19937_64& rng, int& position) const {
        const Candidate& c = kept[std::uniform_int_distribution<std::size_t>(0, static_cast<std::size_t>(size) - 1)(rng)];
        position = c.position;
        return c.resource;
    }
};
}  // namespace

bool Resequencer::changeover_varies(const ChangeoverMatrix& m) {
    return std::any_of(m.hours.begin(), m.hours.end(), [&m](int h) { return h != m.default_hours; });
}

double Resequencer::arc(int prev, int next) const {
    return prev < 0 ? 0 : in_.weights.changeover * in_.changeover(prev, next);
}

double Resequencer::downtime_on(const SequencedRow& row, int from, int to) const {
    const std::int64_t amount = amount_on(from, to, row.amount);
    return in_.row_cost(row.product, to, in_.work(row.product, to, amount), 0);
}

bool Resequencer::move_segment(std::mt19937_64& rng) {
    int a, i;
    if (!pick_row(rng, true, a, i)) return false;
    const std::vector<SequencedRow>& from = plan_[a];
    const int n_from = static_cast<int>(from.size());
    const int len = std::min(std::uniform_int_distribution<int>(1, 3)(rng), n_from - i);
    const int first = from[i].product, last = from[i + len - 1].product;
    const int before = i > 0 ? from[i - 1].product : -1;
    const int after = i + len < n_from ? from[i + len].product : -1;
    const double saved = arc(before, first) + arc(last, after) - arc(before, after);
    Cheapest cheapest;
    for (int b = 0; b < in_.num_mixers; ++b) {
        bool eligible = true;
        double downtime = 0;  // the segment's downtime on b minus on a
        for (int k = i; k < i + len && eligible; ++k) {
            eligible = in_.eligible(from[k].product, b);
            if (eligible && b != a) downtime += downtime_on(from[k], a, b) - downtime_on(from[k], a, a);
        }
        if (!eligible) continue;
        // b's sequence without the segment (when b == a), by index.
        const int n = b == a ? n_from - len : static_cast<int>(plan_[b].size());
        const auto product_at = [&](int k) {
            if (k < 0 || k >= n) return -1;
            return b == a ? from[k < i ? k : k + len].product : plan_[b][k].product;
        };
        for (int j = 0; j <= n; ++j) {
            if (b == a && j == i) continue;  // where it is
            const int p = product_at(j - 1), q = product_at(j);
            cheapest.offer(arc(p, first) + arc(last, q) - arc(p, q) - saved + downtime, b, j);
        }
    }
    if (cheapest.size == 0) return false;
    int j = 0;
    const int b = cheapest.draw(rng, j);
    begin_change(a, b);
    std::vector<SequencedRow> segment(plan_[a].begin() + i, plan_[a].begin() + i + len);
    for (SequencedRow& row : segment) row.amount = amount_on(a, b, row.amount);
    plan_[a].erase(plan_[a].begin() + i, plan_[a].begin() + i + len);
    plan_[b].insert(plan_[b].begin() + j, segment.begin(), segment.end());
    return true;
}

bool Resequencer::exchange_tails(std::mt19937_64& rng) {
    int a, i;
    if (!pick_row(rng, true, a, i)) return false;
    const std::vector<SequencedRow>& sa = plan_[a];
    const int before_a = i > 0 ? sa[i - 1].product : -1;
    Cheapest cheapest;
    for (int b = 0; b < in_.num_mixers; ++b) {
        if (b == a) continue;
        bool eligible = true;  // a's tail on b
        double downtime = 0;   // the tails' downtime on their new mixers minus on their old ones
        for (std::size_t k = static_cast<std::size_t>(i); k < sa.size() && eligible; ++k) {
            eligible = in_.eligible(sa[k].product, b);
            if (eligible) downtime += downtime_on(sa[k], a, b) - downtime_on(sa[k], a, a);
        }
        if (!eligible) continue;
        const std::vector<SequencedRow>& sb = plan_[b];
        // From the end: b's tail from j on may go to a while every row of it is eligible there.
        for (int j = static_cast<int>(sb.size()); j >= 0; --j) {
            if (j < static_cast<int>(sb.size())) {
                if (!in_.eligible(sb[j].product, a)) break;
                downtime += downtime_on(sb[j], b, a) - downtime_on(sb[j], b, b);
            }
            const int before_b = j > 0 ? sb[j - 1].product : -1;
            const int head_b = j < static_cast<int>(sb.size()) ? sb[j].product : -1;
            cheapest.offer(arc(before_a, head_b) + arc(before_b, sa[i].product) - arc(before_a, sa[i].product) -
                               arc(before_b, head_b) + downtime,
                           b, j);
        }
    }
    if (cheapest.size == 0) return false;
    int j = 0;
    const int b = cheapest.draw(rng, j);
    begin_change(a, b);
    std::vector<SequencedRow> tail_a(plan_[a].begin() + i, plan_[a].end());
    std::vector<SequencedRow> tail_b(plan_[b].begin() + j, plan_[b].end());
    for (SequencedRow& row : tail_a) row.amount = amount_on(a, b, row.amount);
    for (SequencedRow& row : tail_b) row.amount = amount_on(b, a, row.amount);
    plan_[a].resize(static_cast<std::size_t>(i));
    plan_[b].resize(static_cast<std::size_t>(j));
    plan_[a].insert(plan_[a].end(), tail_b.begin(), tail_b.end());
    plan_[b].insert(plan_[b].end(), tail_a.begin(), tail_a.end());
    return true;
}

}  // namespace makepack
