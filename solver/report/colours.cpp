#include "solver/report/colours.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace makepack::report {

namespace {

Rgb from_hex(unsigned value) {
    return {((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0, (value & 0xff) / 255.0};
}

Rgb from_hsl(double h, double s, double l) {
    auto channel = [&](double n) {
        const double k = std::fmod(n + h / 30.0, 12.0);
        const double a = s * std::min(l, 1 - l);
        return l - a * std::max(-1.0, std::min({k - 3, 9 - k, 1.0}));
    };
    return {channel(0), channel(8), channel(4)};
}

double luminance(Rgb c) {
    auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

}  // namespace

Rgb paste_colour(int paste_index) {
    // Thesis legend (table A.27), in mid tones so that lighter and darker SKU
    // shades stay distinguishable; "Dark Gray" (P13) would read as a
    // changeover here, so it becomes goldenrod orange.
    static const unsigned thesis[] = {
        0x3b6fd4,  // Blue
        0x3fb89a,  // Aquamarine
        0xd9a66c,  // Bisque
        0x9c5a3c,  // Brown
        0x5f9ea0,  // Cadet blue
        0x7cb82f,  // Chartreuse
        0xb8860b,  // Dark goldenrod
        0x667f35,  // Dark olive green
        0x9932cc,  // Dark orchid
        0xdb7093,  // Palevioletred
        0x2e8b57,  // Sea green
        0xd13ec4,  // Magenta
        0xf0a030,  // (Dark gray in the thesis)
        0xb08cc8,  // Thistle
    };
    constexpr int kThesis = static_cast<int>(sizeof thesis / sizeof thesis[0]);
    if (paste_index >= 0 && paste_index < kThesis) return from_hex(thesis[paste_index]);
    // Beyond: golden-angle hues, three lightness levels.
    const int k = paste_index - kThesis;
    const double hue = std::fmod(17.0 + k * 137.50776, 360.0);
    const double lightness[] = {0.52, 0.62, 0.42};
    const double saturation[] = {0.58, 0.52, 0.55};
    return from_hsl(hue, saturation[k % 3], lightness[(k / 3) % 3]);
}

Rgb shade(Rgb c, double amount) {
    amount = std::clamp(amount, -1.0, 1.0);
    const double target = amount > 0 ? 1.0 : 0.0;
    const double t = std::abs(amount);
    return {c.r + (target - c.r) * t, c.g + (target - c.g) * t, c.b + (target - c.b) * t};
}

Rgb product_colour(const Instance& instance, int product) {
    if (product < 0 || product >= static_cast<int>(instance.products.size())) return from_hex(0x999999);
    const Product& p = instance.products[static_cast<std::size_t>(product)];
    if (product < instance.num_pastes) return paste_colour(product);
    if (p.paste < 0) return from_hex(0x999999);
    const Rgb base = paste_colour(p.paste);
    const auto& siblings = instance.products[static_cast<std::size_t>(p.paste)].skus;
    const auto n = static_cast<int>(siblings.size());
    if (n <= 1) return base;
    const int rank = static_cast<int>(std::find(siblings.begin(), siblings.end(), product) - siblings.begin());
    // From a bit lighter to a bit darker: SKU_2 light, SKU_3 dark (thesis table A.28).
    const double amount = 0.45 - 0.8 * rank / (n - 1);
    return shade(base, amount >= 0 ? amount : amount * 0.9);
}

std::string hex(Rgb c) {
    auto byte = [](double v) { return static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return buffer;
}

std::string text_colour_on(Rgb background) {
    // Contrast ratio against black vs white.
    const double l = luminance(background);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000" : "#fff";
}

}  // namespace makepack::report
