// Random rows: the plain diversifier of ALNS.
#include "heuristics/operators/builtin.hpp"

namespace makepack {
namespace {
class RandomRows : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int size) override {
        ops::remove_rows(state, ops::sample(ops::movable_rows(state), size, rng));
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_random_rows() { return std::make_unique<RandomRows>(); }
}  // namespace makepack
