// Numbers every bound computation shares: an infinite LP bound and the index
// cast of the instance's int ids into vectors.
#pragma once

#include <cstddef>
#include <limits>

namespace makepack::bound_numbers {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

inline std::size_t at(int index) { return static_cast<std::size_t>(index); }

}  // namespace makepack::bound_numbers
