// Whether a row is well formed enough to take part in the other rules, and its
// derived work and end. Computed in 64 bits so that absurd amounts or starts
// from a hand-edited file are reported instead of overflowing.
#pragma once

#include "model/instance.hpp"

#include <cstdint>

namespace makepack {

enum class RowDefect : std::uint8_t {
    None,
    UnknownResource,  // resource index out of range
    UnknownProduct,   // product index out of range
    WrongStage,       // a paste on a line or a SKU on a mixer
    Ineligible,       // no batch_hours / downtime entry for this resource (MODEL.md 2)
    Amount,           // batches or quantity < 1 (MODEL.md 9.16)
    OutOfRange,       // work or end beyond any representable plan
};

struct RowShape {
    RowDefect defect = RowDefect::None;
    int work = 0;  // nominal hours (MODEL.md 2)
    int end = 0;   // clock end, paused over shift breaks (MODEL.md 3, 9.1)
};

RowShape row_shape(const Instance& instance, const Row& row);
inline bool well_formed(const Instance& instance, const Row& row) {
    return row_shape(instance, row).defect == RowDefect::None;
}
const char* describe(RowDefect defect);

}  // namespace makepack
