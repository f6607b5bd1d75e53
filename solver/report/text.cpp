#include "solver/report/text.hpp"

#include <cmath>
#include <cstdio>

namespace makepack::report {

std::string xml_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                // Control characters other than tab/newline are not allowed in XML 1.0.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string grouped(double value, int decimals) {
    if (std::abs(value) < 5e-10) value = 0;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (decimals > 0) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    const std::size_t dot = text.find('.');
    std::size_t int_end = dot == std::string::npos ? text.size() : dot;
    const std::size_t int_begin = text[0] == '-' ? 1 : 0;
    for (std::size_t i = int_end; i > int_begin + 3; i -= 3) text.insert(i - 3, ",");
    return text;
}

std::string compact(double value) {
    const double a = std::abs(value);
    char buffer[32];
    auto trimmed = [&](double v, const char* suffix) {
        std::snprintf(buffer, sizeof buffer, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
        std::string text = buffer;
        if (text.find('.') != std::string::npos) {
            while (text.back() == '0') text.pop_back();
            if (text.back() == '.') text.pop_back();
        }
        return (value < 0 ? "-" : "") + text + suffix;
    };
    if (a >= 1e6) return trimmed(a / 1e6, "M");
    if (a >= 1e4) return trimmed(a / 1e3, "k");
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
}

}  // namespace makepack::report
