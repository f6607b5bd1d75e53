// The free time of one resource as a sorted list of busy intervals, with the
// look-ups the calendar-block placement needs in O(log n) instead of an
// hour-by-hour scan (a horizon of 10^7 hours has ~10^5 blocks per resource).
#pragma once

#include <vector>

namespace makepack {

struct Interval {
    int start = 0;
    int end = 0;
    bool operator==(const Interval&) const = default;
};

class FreeTime {
public:
    // `busy` in any order; overlapping or touching intervals are merged, empty ones dropped.
    explicit FreeTime(std::vector<Interval> busy);
    const std::vector<Interval>& busy() const { return busy_; }

    bool is_free(int start, int end) const;
    bool busy_at(int t) const;
    // Latest / earliest s in [lo, hi] with [s, s + length) free; -1 if none.
    int latest_start(int lo, int hi, int length) const;
    int earliest_start(int lo, int hi, int length) const;
    // Free start in [lo, hi] nearest to `preferred` (below wins a tie); -1 if none.
    int nearest_start(int lo, int hi, int length, int preferred) const;

private:
    // Index of the first busy interval ending after t (busy_.size() if none).
    std::size_t first_ending_after(int t) const;
    std::vector<Interval> busy_;
};

}  // namespace makepack
