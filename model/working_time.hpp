// Working time over periodic shift breaks in O(1) (NOTES.md): rows and
// changeovers pause over breaks, so their clock end depends on where they start.
#pragma once

#include <algorithm>
#include <optional>

namespace makepack {

struct ShiftBreaks {
    int every = 0;
    int duration = 0;
    int offset = 0;
};

class WorkingTime {
public:
    WorkingTime() = default;
    // A calendar without breaks (or with zero-length ones) works all the time.
    explicit WorkingTime(const std::optional<ShiftBreaks>& breaks) {
        if (breaks && breaks->duration > 0) {
            every_ = breaks->every;
            pause_ = breaks->duration;
            first_work_ = breaks->offset + breaks->duration;
        }
    }

    bool has_breaks() const { return pause_ > 0; }

    // Working hours in [reference, t); differences between two calls are exact.
    long long at(long long t) const {
        if (!has_breaks()) return t;
        const long long shifted = t - first_work_;
        const long long period = floor_div(shifted, every_);
        const long long into = shifted - period * every_;
        return work_per_period() * period + std::min<long long>(into, work_per_period());
    }

    // First clock time whose working time is v (where a row ending with v ends).
    long long first_time_with(long long v) const {
        if (!has_breaks()) return v;
        return first_work_ + v + pause_ * floor_div(v - 1, work_per_period());
    }

    // Latest clock time whose working time is v (latest useful start).
    long long last_time_with(long long v) const {
        if (!has_breaks()) return v;
        return first_work_ + v + pause_ * floor_div(v, work_per_period());
    }

    // Clock end of `work` hours started at `start`; work 0 ends where it starts.
    int end_after(int start, int work) const {
        if (work <= 0) return start;
        return static_cast<int>(first_time_with(at(start) + work));
    }

    // Latest start such that `work` hours end at or before `deadline`.
    int latest_start(int deadline, int work) const {
        if (work <= 0) return deadline;
        return static_cast<int>(last_time_with(at(deadline) - work));
    }

    // Break hours inside [a, b).
    int break_hours(int a, int b) const {
        if (b <= a) return 0;
        return static_cast<int>((b - a) - (at(b) - at(a)));
    }

    // Is clock time t inside a break?
    bool in_break(int t) const { return has_breaks() && at(t + 1) == at(t); }

private:
    long long work_per_period() const { return every_ - pause_; }
    static long long floor_div(long long a, long long b) {
        long long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        return q;
    }
    long long every_ = 1;
    long long pause_ = 0;
    long long first_work_ = 0;
};

}  // namespace makepack
