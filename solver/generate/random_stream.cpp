#include "solver/generate/random_stream.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace makepack::generate {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(const char* text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (; *text; ++text) h = (h ^ static_cast<unsigned char>(*text)) * 0x100000001b3ULL;
    return h;
}

}  // namespace

Rng::Rng(std::uint64_t seed, const char* tag) : engine_(splitmix64(seed ^ fnv1a(tag))) {}

long long Rng::uniform(long long lo, long long hi) {
    const std::uint64_t range = static_cast<std::uint64_t>(hi - lo) + 1;
    if (range == 0) return static_cast<long long>(engine_());
    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t limit = max - max % range;  // accept [0, limit)
    std::uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return lo + static_cast<long long>(x % range);
}

std::vector<int> pick_eligible(Rng& rng, int n, int per10000) {
    std::vector<int> chosen;
    if (per10000 >= 10000) {
        chosen.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) chosen[static_cast<std::size_t>(i)] = i;
        return chosen;
    }
    for (int i = 0; i < n; ++i)
        if (rng.chance(per10000)) chosen.push_back(i);
    if (chosen.empty()) chosen.push_back(rng.uniform_int(0, n - 1));
    return chosen;
}

std::vector<int> sample(Rng& rng, std::vector<int>& pool, int k) {
    const int n = static_cast<int>(pool.size());
    k = std::min(k, n);
    for (int j = 0; j < k; ++j)
        std::swap(pool[static_cast<std::size_t>(j)], pool[static_cast<std::size_t>(rng.uniform_int(j, n - 1))]);
    return std::vector<int>(pool.begin(), pool.begin() + k);
}

}  // namespace makepack::generate
