#include "model/working_time.hpp"

#include <doctest/doctest.h>

using makepack::ShiftBreaks;
using makepack::WorkingTime;

namespace {
// Reference: step hour by hour.
int slow_end(const ShiftBreaks& b, int start, int work) {
    int t = start;
    int done = 0;
    auto in_break = [&](int h) {
        int m = ((h - b.offset) % b.every + b.every) % b.every;
        return m < b.duration;
    };
    while (done < work) {
        if (!in_break(t)) ++done;
        ++t;
    }
    return t;
}
}  // namespace

TEST_CASE("working time without breaks is clock time") {
    WorkingTime w(std::nullopt);
    CHECK(w.end_after(5, 10) == 15);
    CHECK(w.latest_start(20, 10) == 10);
    CHECK(w.break_hours(0, 100) == 0);
}

TEST_CASE("row end over shift breaks matches an hour-by-hour walk") {
    for (ShiftBreaks b : {ShiftBreaks{12, 1, 0}, ShiftBreaks{24, 8, 3}, ShiftBreaks{8, 2, -5}, ShiftBreaks{12, 1, 11}}) {
        WorkingTime w(b);
        for (int start = -30; start < 60; ++start)
            for (int work = 1; work < 40; ++work) {
                CAPTURE(b.every); CAPTURE(b.duration); CAPTURE(b.offset); CAPTURE(start); CAPTURE(work);
                REQUIRE(w.end_after(start, work) == slow_end(b, start, work));
            }
    }
}

TEST_CASE("latest start is the latest clock time whose row still ends by the deadline") {
    for (ShiftBreaks b : {ShiftBreaks{12, 1, 0}, ShiftBreaks{24, 8, 3}}) {
        WorkingTime w(b);
        for (int deadline = 0; deadline < 80; ++deadline)
            for (int work = 1; work < 30; ++work) {
                int s = w.latest_start(deadline, work);
                CAPTURE(deadline); CAPTURE(work);
                CHECK(w.end_after(s, work) <= deadline);
                CHECK(w.end_after(s + 1, work) > deadline);
            }
    }
}

TEST_CASE("break hours and in_break") {
    WorkingTime w(ShiftBreaks{12, 1, 0});
    CHECK(w.in_break(0));
    CHECK_FALSE(w.in_break(1));
    CHECK(w.in_break(12));
    CHECK(w.break_hours(0, 24) == 2);
    CHECK(w.break_hours(1, 12) == 0);
}
