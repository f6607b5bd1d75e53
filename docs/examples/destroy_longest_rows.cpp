// Longest rows: removes the rows with the most work hours (a biased pick, so
// repeated calls differ), so the repair can split or move the big rows that
// fill a resource.
#include "heuristics/operators/operator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace makepack {
namespace {
class LongestRows : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        std::vector<std::pair<int, int>> by_work;  // (work hours, row index)
        for (int k : ops::movable_rows(state)) by_work.emplace_back(in.work(state.timeline().rows()[k]), k);
        std::sort(by_work.begin(), by_work.end(), std::greater<>());  // longest first
        std::vector<int> chosen;
        std::uniform_real_distribution<double> u(0, 1);
        while (static_cast<int>(chosen.size()) < size && !by_work.empty()) {
            // u^3 bias towards the front, as the built-in "worst" does.
            const auto pick = static_cast<std::size_t>(std::pow(u(rng), 3) * by_work.size());
            chosen.push_back(by_work[pick].second);
            by_work.erase(by_work.begin() + static_cast<long>(pick));
        }
        ops::remove_rows(state, chosen);  // the timeline records what it removes
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_longest_rows() { return std::make_unique<LongestRows>(); }
}  // namespace makepack
