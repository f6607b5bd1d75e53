// FreeTime: the O(log n) free-room look-ups of the calendar placement,
// against hand-worked busy lists.
#include "heuristics/free_time.hpp"

#include <doctest/doctest.h>

using namespace makepack;

TEST_CASE("free time: merges busy intervals and answers latest, earliest and nearest free starts") {
    // Busy [2,5) [5,8) (touching: one interval) and [12,14), [20,30); free [0,2) [8,12) [14,20) [30,...).
    const FreeTime t({{20, 30}, {5, 8}, {2, 5}, {12, 14}, {9, 9}});
    CHECK(t.busy() == std::vector<Interval>{{2, 8}, {12, 14}, {20, 30}});
    CHECK(t.is_free(8, 12));
    CHECK_FALSE(t.is_free(7, 9));
    CHECK(t.busy_at(13));
    CHECK_FALSE(t.busy_at(14));
    CHECK(t.latest_start(0, 25, 4) == 16);  // [16, 20)
    CHECK(t.latest_start(0, 15, 4) == 15);  // [15, 19)
    CHECK(t.latest_start(0, 25, 7) == -1);  // no free room of 7 before 32
    CHECK(t.latest_start(0, 25, 2) == 18);  // 25 is busy: [18, 20)
    CHECK(t.latest_start(9, 11, 4) == -1);  // [9, 13) .. [11, 15) hit [12, 14); 8 is below lo
    CHECK(t.earliest_start(1, 40, 4) == 8);
    CHECK(t.earliest_start(9, 40, 4) == 14);
    CHECK(t.earliest_start(15, 40, 6) == 30);
    CHECK(t.earliest_start(15, 29, 6) == -1);
    CHECK(t.nearest_start(0, 40, 3, 13) == 14);  // 9 is 4 below, 14 is 1 above
    CHECK(t.nearest_start(0, 40, 4, 11) == 8);   // 8 and 14 both 3 away: below wins
    CHECK(t.nearest_start(9, 13, 4, 11) == -1);
}
