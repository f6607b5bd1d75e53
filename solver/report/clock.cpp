#include "solver/report/clock.hpp"

#include <cctype>
#include <cstdio>

namespace makepack::report {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

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

// Reads exactly `digits` digits at text[pos].
bool read_int(const std::string& text, std::size_t& pos, int digits, int& value) {
    value = 0;
    for (int i = 0; i < digits; ++i, ++pos) {
        if (pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]))) return false;
        value = value * 10 + (text[pos] - '0');
    }
    return true;
}

bool parse_start(const std::string& text, std::int64_t& minutes) {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!read_int(text, pos, 4, y) || pos >= text.size() || text[pos++] != '-' || !read_int(text, pos, 2, mo) ||
        pos >= text.size() || text[pos++] != '-' || !read_int(text, pos, 2, d))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return false;
        ++pos;
        if (!read_int(text, pos, 2, h) || pos >= text.size() || text[pos++] != ':' || !read_int(text, pos, 2, mi))
            return false;
        if (pos < text.size() && text[pos] == ':') {
            ++pos;
            if (!read_int(text, pos, 2, s)) return false;
        }
        // Ignore a trailing "Z" or fraction; anything else is not a date we know.
        if (pos < text.size() && text[pos] != 'Z' && text[pos] != '.') return false;
        if (h > 23 || mi > 59 || s > 60) return false;
    }
    minutes = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 1440 + h * 60 + mi;
    return true;
}

int unit_minutes_of(const std::string& unit) {
    if (unit == "hour" || unit == "hours" || unit == "h" || unit == "hr") return 60;
    if (unit == "minute" || unit == "minutes" || unit == "min" || unit == "m") return 1;
    if (unit == "day" || unit == "days" || unit == "d") return 1440;
    return 0;
}

}  // namespace

Clock::Clock(const Instance& instance) {
    const int unit = unit_minutes_of(instance.time_unit);
    std::int64_t minutes = 0;
    if (unit > 0 && parse_start(instance.start_date, minutes)) {
        has_dates_ = true;
        unit_minutes_ = unit;
        base_minutes_ = minutes;
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
