// Differential test of the checker against a slow reference reading of
// MODEL.md, on small random plants with extreme amounts (huge batches and
// initial stocks, tiny totes, quantities near 1e15). Shared by a doctest
// (tests/model/checker_differential_test.cpp, fixed seeds) and a libFuzzer
// target (tests/fuzz/fuzz_checker_differential.cpp, fuzzed bytes).
//
// From the bytes: a plant (1-2 mixers, 1-2 lines, 1-2 pastes, 1-3 SKUs, default
// changeovers, optional line shift breaks, optional storage) written as YAML
// and loaded by the real loader (an instance it rejects is skipped), and up to
// 8 rows. The reference (differential.cpp) shares no code with the checker: it
// steps hour by hour, keeps lbs in long double and totes in 64-bit integers,
// and compares the verdicts of the material, storage and demand rules and
// the holding objective. Where double rounding of lbs can decide a verdict
// (a stock within the rounding error of a tote boundary), it compares nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace makepack::fixtures {

struct DifferentialOutcome {
    bool skipped = true;      // the loader rejected the plant, or nothing was comparable
    std::string disagreement;  // empty: the checker agrees with the reference
    std::string rules;         // the checker's rule names, for statistics
};

DifferentialOutcome run_differential(const std::uint8_t* data, std::size_t size);

}  // namespace makepack::fixtures
