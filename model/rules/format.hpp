// Small text helpers for violation details (only called when a violation is kept).
#pragma once

#include <cstdio>
#include <string>

namespace makepack {

inline std::string interval_text(long long start, long long end) {
    return "[" + std::to_string(start) + "," + std::to_string(end) + ")";
}

// Shortest readable form of a quantity (lbs, hours, objective values).
inline std::string number_text(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

}  // namespace makepack
