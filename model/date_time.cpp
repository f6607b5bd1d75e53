#include "model/date_time.hpp"

#include <cctype>

namespace makepack {

namespace {

// Howard Hinnant's days_from_civil (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// Reads exactly `digits` digits at text[pos].
bool read_int(std::string_view text, std::size_t& pos, int digits, int& value) {
    value = 0;
    for (int i = 0; i < digits; ++i, ++pos) {
        if (pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]))) return false;
        value = value * 10 + (text[pos] - '0');
    }
    return true;
}

bool read_char(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::optional<std::int64_t> parse_iso_date_time(std::string_view text) {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!read_int(text, pos, 4, y) || !read_char(text, pos, '-') || !read_int(text, pos, 2, mo) ||
        !read_char(text, pos, '-') || !read_int(text, pos, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
        ++pos;
        if (!read_int(text, pos, 2, h) || !read_char(text, pos, ':') || !read_int(text, pos, 2, mi))
            return std::nullopt;
        if (read_char(text, pos, ':')) {
            if (!read_int(text, pos, 2, s)) return std::nullopt;
            if (read_char(text, pos, '.')) {
                const std::size_t digits = pos;
                while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
                if (pos == digits) return std::nullopt;
            }
        }
        if (h > 23 || mi > 59 || s > 59) return std::nullopt;
        if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
            ++pos;
        } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
            ++pos;
            int zh = 0, zm = 0;
            if (!read_int(text, pos, 2, zh) || !read_char(text, pos, ':') || !read_int(text, pos, 2, zm) || zh > 23 ||
                zm > 59)
                return std::nullopt;
        }
        if (pos != text.size()) return std::nullopt;
    }
    return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 1440 + h * 60 + mi;
}

std::optional<int> time_unit_minutes(std::string_view unit) {
    if (unit == "hour") return 60;
    if (unit == "minute") return 1;
    if (unit == "day") return 1440;
    return std::nullopt;
}

}  // namespace makepack
