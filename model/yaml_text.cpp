#include "model/yaml_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace makepack::yaml_text {

namespace {

bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// YAML 1.1 readers (PyYAML, older yaml-cpp users) take these words as
// booleans or null, in any case.
bool reserved_word(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    for (const char* word : {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"})
        if (lower == word) return true;
    return false;
}

bool plain_safe(std::string_view text) {
    if (text.empty() || text.size() > 200 || reserved_word(text)) return false;
    // A leading digit may read as a number ("12", "1e5", "0x1F", "1:30"), so
    // only a letter or '_' starts a plain scalar.
    const unsigned char first = static_cast<unsigned char>(text.front());
    if (!(is_alpha(first) || first == '_')) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        const unsigned char u = static_cast<unsigned char>(c);
        return is_alpha(u) || is_digit(u) || u == '_' || u == '-' || u == '.' || u == '/';
    });
}

}  // namespace

std::string scalar(std::string_view text) {
    if (plain_safe(text)) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string number(double value) {
    if (std::isnan(value)) return ".nan";
    if (std::isinf(value)) return value > 0 ? ".inf" : "-.inf";
    if (value == 0) return "0";  // also -0
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, end);
}

FlowMap& FlowMap::raw(std::string_view key, std::string_view written_value) {
    if (body_.size() > 1) body_ += ", ";
    body_ += key;
    body_ += ": ";
    body_ += written_value;
    return *this;
}

}  // namespace makepack::yaml_text
