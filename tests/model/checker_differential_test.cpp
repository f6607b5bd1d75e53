// The differential harness of tests/support/differential.hpp on fixed
// pseudo-random bytes: the checker and the hour-by-hour reference agree on
// plants with extreme amounts (the fuzz target runs the same on fuzzed bytes).
#include "tests/support/differential.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using namespace makepack::fixtures;

TEST_CASE("checker agrees with the reference on random plants with extreme amounts") {
    std::uint64_t state = 20260413;
    int compared = 0, storage = 0, material = 0, demand = 0;
    for (int trial = 0; trial < 4000; ++trial) {
        std::vector<std::uint8_t> bytes(96);
        for (auto& b : bytes) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            b = static_cast<std::uint8_t>(state >> 56);
        }
        const DifferentialOutcome o = run_differential(bytes.data(), bytes.size());
        INFO("trial ", trial, "\n", o.disagreement);
        CHECK(o.disagreement.empty());
        if (o.skipped) continue;
        ++compared;
        storage += o.rules.find("storage") != std::string::npos;
        material += o.rules.find("material") != std::string::npos;
        demand += o.rules.find("demand") != std::string::npos;
    }
    MESSAGE("compared " << compared << ": storage " << storage << ", material " << material << ", demand " << demand);
    // The random plants reach every compared rule often enough to mean something.
    CHECK(compared > 1000);
    CHECK(storage > 100);
    CHECK(material > 100);
    CHECK(demand > 50);
}
