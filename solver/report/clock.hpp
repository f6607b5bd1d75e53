// Model time -> calendar dates for the report (MODEL.md 1: `start_date` is only
// used to print dates). Understands start dates "YYYY-MM-DD[(T| )HH:MM[:SS]]"
// and the time units hour, minute and day (plural and short forms too); with
// anything else `has_dates()` is false and times are printed as numbers.
#pragma once

#include "model/instance.hpp"

#include <cstdint>
#include <string>

namespace makepack::report {

struct CivilTime {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    int hour = 0;
    int minute = 0;
    int weekday = 4;  // 0 = Sunday ... 6 = Saturday
};

class Clock {
public:
    explicit Clock(const Instance& instance);

    bool has_dates() const { return has_dates_; }
    // Length of one time unit in minutes (60 for hours; 60 also without dates).
    int unit_minutes() const { return unit_minutes_; }
    // Time units per day (24 for hours), 0 when a unit does not divide a day.
    int units_per_day() const { return unit_minutes_ > 0 && 1440 % unit_minutes_ == 0 ? 1440 / unit_minutes_ : 0; }

    CivilTime civil(std::int64_t t) const;
    // "2023-01-05T14:00" (empty without dates).
    std::string iso(std::int64_t t) const;
    // "2023-01-05 14:00" or "t=114" without dates.
    std::string text(std::int64_t t) const;
    // "Thu 5 Jan 14:00" (short, for tooltips) or "t=114".
    std::string short_text(std::int64_t t) const;
    // First time >= t that falls on a midnight (only with dates and units_per_day() > 0).
    std::int64_t next_midnight(std::int64_t t) const;

private:
    bool has_dates_ = false;
    int unit_minutes_ = 60;
    std::int64_t base_minutes_ = 0;  // minutes since 1970-01-01T00:00 of time 0
};

const char* month_abbrev(int month);    // "Jan"
const char* weekday_abbrev(int weekday);  // "Sun"

}  // namespace makepack::report
