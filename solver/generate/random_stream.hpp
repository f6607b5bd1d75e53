// The generator's randomness: one std::mt19937_64 stream per aspect of the
// instance, with integer distributions written out (the std:: distributions
// may differ between library versions; the engine's sequence is standard).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace makepack::generate {

// One independent stream per aspect of the instance (tag), so that e.g. --due
// or --matrix never changes the demands or the plant of the same seed.
class Rng {
public:
    Rng(std::uint64_t seed, const char* tag);
    // Uniform integer in [lo, hi] (lo <= hi), by rejection: no modulo bias.
    long long uniform(long long lo, long long hi);
    int uniform_int(int lo, int hi) { return static_cast<int>(uniform(lo, hi)); }
    // True with probability per10000 / 10000.
    bool chance(int per10000) { return uniform(0, 9999) < per10000; }

private:
    std::mt19937_64 engine_;
};

// The resources 0..n-1 a product may use: each with chance per10000 / 10000,
// at least one.
std::vector<int> pick_eligible(Rng& rng, int n, int per10000);

// k distinct members of `pool` (a permutation of 0..n-1, left permuted):
// a partial Fisher-Yates shuffle, O(k).
std::vector<int> sample(Rng& rng, std::vector<int>& pool, int k);

}  // namespace makepack::generate
