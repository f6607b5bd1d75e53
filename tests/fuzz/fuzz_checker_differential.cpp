// libFuzzer target: the checker against the hour-by-hour reference on small
// plants with extreme amounts built from the fuzz input
// (tests/support/differential.hpp). Any disagreement, crash or sanitizer
// report is a finding.
#include "tests/support/differential.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const makepack::fixtures::DifferentialOutcome o = makepack::fixtures::run_differential(data, size);
    if (!o.disagreement.empty()) {
        std::fprintf(stderr, "checker and reference disagree: %s\n", o.disagreement.c_str());
        __builtin_trap();
    }
    return 0;
}
