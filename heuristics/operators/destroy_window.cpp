// Time windows: every movable row overlapping a random window, either on one
// resource (reorders its sequence) or across the plant (re-times a period).
#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {
class TimeWindow : public DestroyOperator {
public:
    explicit TimeWindow(bool whole_plant) : whole_plant_(whole_plant) {}
    void destroy(SearchState& state, Rng& rng, int size) override {
        const std::vector<int> pool = ops::movable_rows(state);
        if (pool.empty()) return;
        const auto& rows = state.timeline().rows();
        const Row& seed = rows[ops::sample(pool, 1, rng).front()];
        // Grow a window around the seed until it holds about `size` rows.
        std::vector<std::pair<int, int>> by_distance;
        for (int k : pool) {
            const Row& r = rows[k];
            if (!whole_plant_ && r.resource != seed.resource) continue;
            const int distance = r.end < seed.start ? seed.start - r.end : (r.start > seed.end ? r.start - seed.end : 0);
            by_distance.emplace_back(distance, k);
        }
        std::sort(by_distance.begin(), by_distance.end());
        std::vector<int> chosen;
        for (const auto& [distance, k] : by_distance) {
            if (static_cast<int>(chosen.size()) >= size) break;
            chosen.push_back(k);
        }
        ops::remove_rows(state, chosen);
    }

private:
    bool whole_plant_;
};
}  // namespace
std::unique_ptr<DestroyOperator> make_resource_window() { return std::make_unique<TimeWindow>(false); }
std::unique_ptr<DestroyOperator> make_plant_window() { return std::make_unique<TimeWindow>(true); }
}  // namespace makepack
