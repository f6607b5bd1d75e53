// start_date and time_unit (MODEL.md 1, 8): what the loader accepts.
#include "model/date_time.hpp"

#include <doctest/doctest.h>

using namespace makepack;

TEST_CASE("start_date: real ISO dates and date-times only") {
    CHECK(parse_iso_date_time("1970-01-01") == 0);
    CHECK(parse_iso_date_time("1970-01-02T01:30") == 1440 + 90);
    CHECK(parse_iso_date_time("2023-01-01T00:00").has_value());
    CHECK(parse_iso_date_time("2024-02-29 06:30").has_value());     // leap day
    CHECK(parse_iso_date_time("2000-02-29T00:00:59").has_value());  // 2000 is a leap year
    CHECK(parse_iso_date_time("2023-01-01T00:00:00.250Z").has_value());
    CHECK(parse_iso_date_time("2023-01-01T00:00+01:00").has_value());
    for (const char* bad : {"2023-13-45T99:99", "2023-02-29", "1900-02-29", "2023-04-31", "2023-00-10", "2023-01-00",
                            "2023-01-01T24:00", "2023-01-01T23:60", "2023-01-01T23:59:60", "2023-1-1", "next monday",
                            "", "2023-01-01T", "2023-01-01T00:00junk", "2023-01-01T00:00+1", "2023-01-01T00:00:00."})
        CHECK_MESSAGE(!parse_iso_date_time(bad), bad);
}

TEST_CASE("time_unit: minute, hour or day") {
    CHECK(time_unit_minutes("minute") == 1);
    CHECK(time_unit_minutes("hour") == 60);
    CHECK(time_unit_minutes("day") == 1440);
    for (const char* bad : {"fortnight", "hours", "Hour", "", "h"}) CHECK_MESSAGE(!time_unit_minutes(bad), bad);
}
