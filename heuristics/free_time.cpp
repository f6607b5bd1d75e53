#include "heuristics/free_time.hpp"

#include <algorithm>
#include <cstdlib>

namespace makepack {

FreeTime::FreeTime(std::vector<Interval> busy) {
    std::erase_if(busy, [](const Interval& i) { return i.end <= i.start; });
    std::sort(busy.begin(), busy.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
    for (const Interval& i : busy) {
        if (!busy_.empty() && i.start <= busy_.back().end) busy_.back().end = std::max(busy_.back().end, i.end);
        else busy_.push_back(i);
    }
}

std::size_t FreeTime::first_ending_after(int t) const {
    // Merged intervals are disjoint, so their ends ascend like their starts.
    return static_cast<std::size_t>(
        std::upper_bound(busy_.begin(), busy_.end(), t, [](int v, const Interval& i) { return v < i.end; }) -
        busy_.begin());
}

bool FreeTime::is_free(int start, int end) const {
    if (end <= start) return true;
    const std::size_t k = first_ending_after(start);
    return k == busy_.size() || busy_[k].start >= end;
}

bool FreeTime::busy_at(int t) const { return !is_free(t, t + 1); }

int FreeTime::latest_start(int lo, int hi, int length) const {
    int s = hi;
    if (s < lo) return -1;
    // Walk down over the intervals that [s, s + length) would hit.
    std::size_t k = first_ending_after(s);
    while (true) {
        // k: first interval ending after s; an interval ending at or before s cannot hit.
        if (k < busy_.size() && busy_[k].start < s + length) {
            s = busy_[k].start - length;
            if (s < lo) return -1;
            if (k == 0) return s;
            --k;
            if (busy_[k].end <= s) ++k;  // the previous interval ends by s: only the one after could hit
            continue;
        }
        return s;
    }
}

int FreeTime::earliest_start(int lo, int hi, int length) const {
    int s = lo;
    std::size_t k = first_ending_after(s);
    while (s <= hi) {
        if (k == busy_.size() || busy_[k].start >= s + length) return s;
        s = busy_[k].end;  // jump past the interval the block would hit
        ++k;
    }
    return -1;
}

int FreeTime::nearest_start(int lo, int hi, int length, int preferred) const {
    const int below = latest_start(lo, std::min(preferred, hi), length);
    const int above = earliest_start(std::max(preferred, lo), hi, length);
    if (below < 0) return above;
    if (above < 0) return below;
    return preferred - below <= above - preferred ? below : above;
}

}  // namespace makepack
