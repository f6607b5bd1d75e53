// Colours of the Gantt chart: one colour per paste (the first 14 after the
// thesis legend, tables A.27/A.28), its SKUs in lighter and darker shades of
// it, and the fixed colours of the calendar blocks.
#pragma once

#include "model/instance.hpp"

#include <string>

namespace makepack::report {

struct Rgb {
    double r = 0, g = 0, b = 0;  // 0..1
};

Rgb paste_colour(int paste_index);
// The SKU's paste colour, lighter or darker by its rank among the paste's SKUs
// (a paste's only SKU keeps the paste colour, as the thesis draws SKU_1).
Rgb product_colour(const Instance& instance, int product);
// Mixes towards white (amount > 0) or black (amount < 0), |amount| <= 1.
Rgb shade(Rgb colour, double amount);
std::string hex(Rgb colour);  // "#1f77b4"
// "#000" or "#fff", whichever reads better on `background`.
std::string text_colour_on(Rgb background);

// Fixed colours of the calendar items.
inline constexpr const char* kChangeoverGrey = "#8c8c8c";
inline constexpr const char* kMaintenanceDark = "#2f3033";
inline constexpr const char* kSpareOutline = "#5b8fc9";
inline constexpr const char* kOutageRed = "#d62728";

}  // namespace makepack::report
