#include "solver/report/clock.hpp"

#include "model/date_time.hpp"

#include <cctype>
#include <cstdio>

namespace makepack::report {

namespace {

// Howard Hinnant's civil_from_days (proleptic Gregorian).
void civil_from_days(std::int64_t z, int& year, int& month, int& day) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(y + (month <= 2));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

}  // namespace

Clock::Clock(const Instance& instance) {
    const std::optional<int> unit = time_unit_minutes(instance.time_unit);
    const std::optional<std::int64_t> minutes = parse_iso_date_time(instance.start_date);
    if (unit && minutes) {
        has_dates_ = true;
        unit_minutes_ = *unit;
        base_minutes_ = *minutes;
    }
}

CivilTime Clock::civil(std::int64_t t) const {
    const std::int64_t minutes = base_minutes_ + t * unit_minutes_;
    const std::int64_t days = floor_div(minutes, 1440);
    const std::int64_t in_day = minutes - days * 1440;
    CivilTime c;
    civil_from_days(days, c.year, c.month, c.day);
    c.hour = static_cast<int>(in_day / 60);
    c.minute = static_cast<int>(in_day % 60);
    c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
    return c;
}

std::string Clock::iso(std::int64_t t) const {
    if (!has_dates_) return {};
    const CivilTime c = civil(t);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
    return buffer;
}

std::string Clock::text(std::int64_t t) const {
    if (!has_dates_) return "t=" + std::to_string(t);
    std::string s = iso(t);
    s[10] = ' ';
    return s;
}

std::string Clock::short_text(std::int64_t t) const {
    if (!has_dates_) return "t=" + std::to_string(t);
    const CivilTime c = civil(t);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s %d %s %02d:%02d", weekday_abbrev(c.weekday), c.day, month_abbrev(c.month),
                  c.hour, c.minute);
    return buffer;
}

std::int64_t Clock::next_midnight(std::int64_t t) const {
    const int per_day = units_per_day();
    if (!has_dates_ || per_day <= 0) return t;
    const std::int64_t minutes = base_minutes_ + t * unit_minutes_;
    const std::int64_t midnight = floor_div(minutes + 1439, 1440) * 1440;  // first midnight >= minutes
    // Back to time units, rounding up to the first unit at or after midnight.
    const std::int64_t delta = midnight - base_minutes_;
    return floor_div(delta + unit_minutes_ - 1, unit_minutes_);
}

const char* month_abbrev(int month) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

const char* weekday_abbrev(int weekday) {
    static const char* const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return weekday >= 0 && weekday <= 6 ? names[weekday] : "?";
}

}  // namespace makepack::report
