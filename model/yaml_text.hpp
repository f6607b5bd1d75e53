// Writing YAML text: the one place that decides how a scalar or a number is
// spelled and how a flow mapping is laid out. Schedules, generated instances
// and review's frozen section are all written through it (their layouts are
// fixed, line-oriented formats; a general emitter would not keep them).
#pragma once

#include <string>
#include <string_view>

namespace makepack::yaml_text {

// A string as a YAML scalar: plain when every YAML reader (1.1 and 1.2) reads
// it back as the same string, else double-quoted with escapes.
std::string scalar(std::string_view text);

// The shortest text that reads back to the same double; .nan / .inf / -.inf.
std::string number(double value);

// "{key: value, key: value}" with values written already (scalar(), number(),
// std::to_string(), or a nested flow text).
class FlowMap {
public:
    FlowMap& raw(std::string_view key, std::string_view written_value);
    FlowMap& text(std::string_view key, std::string_view value) { return raw(key, scalar(value)); }
    FlowMap& integer(std::string_view key, long long value) { return raw(key, std::to_string(value)); }
    FlowMap& real(std::string_view key, double value) { return raw(key, number(value)); }
    std::string str() const { return body_ + "}"; }

private:
    std::string body_ = "{";
};

}  // namespace makepack::yaml_text
