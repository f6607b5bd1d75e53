// Worst rows: those that cost the most per unit of work (downtime rate and
// their changeover), chosen with a random bias so repeated calls differ.
#include "heuristics/operators/builtin.hpp"

#include <algorithm>
#include <cmath>

namespace makepack {
namespace {
class WorstRows : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        const Instance& in = state.instance();
        std::vector<std::pair<double, int>> scored;
        for (int k : ops::movable_rows(state)) {
            const Row& row = state.timeline().rows()[k];
            const int work = std::max(1, in.work(row));
            scored.emplace_back(-state.row_cost(row, -1) / work, k);
        }
        std::sort(scored.begin(), scored.end());
        std::vector<int> chosen;
        std::uniform_real_distribution<double> u(0, 1);
        while (static_cast<int>(chosen.size()) < size && !scored.empty()) {
            // y^p bias towards the worst (Ropke & Pisinger, p = 3).
            const auto pick = static_cast<std::size_t>(std::pow(u(rng), 3) * scored.size());
            chosen.push_back(scored[pick].second);
            scored.erase(scored.begin() + static_cast<long>(pick));
        }
        ops::remove_rows(state, chosen);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_worst_rows() { return std::make_unique<WorstRows>(); }
}  // namespace makepack
