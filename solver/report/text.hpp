// Small text helpers of the report renderers: XML escaping and compact numbers.
#pragma once

#include <cstdint>
#include <string>

namespace makepack::report {

// Escapes & < > " ' for XML text and attribute values.
std::string xml_escape(const std::string& text);
// 1234567 -> "1,234,567"; fractions keep up to `decimals` digits ("12.5").
std::string grouped(double value, int decimals = 0);
// 500000 -> "500k", 1250000 -> "1.25M", 950 -> "950".
std::string compact(double value);

}  // namespace makepack::report
