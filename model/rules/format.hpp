// Small text helpers for violation details (only called when a violation is kept).
#pragma once

#include <cstdio>
#include <string>

#include "model/instance.hpp"

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

// A row's product for a message; an out-of-range index (a broken schedule) as "#index".
inline std::string product_id(const Instance& instance, int product) {
    if (product < 0 || product >= static_cast<int>(instance.products.size())) return "#" + std::to_string(product);
    return instance.products[static_cast<std::size_t>(product)].id;
}

}  // namespace makepack
