// Shift block: a maintenance or spare-capacity block moves to another free
// place; the checker's calendar rules (chain, one per period) decide if it may.
#include "heuristics/operators/builtin.hpp"

namespace makepack {
namespace {
class ShiftBlock : public Move {
public:
    bool apply(SearchState& state, Rng& rng) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        std::uniform_int_distribution<int> pick_resource(0, static_cast<int>(in.resources.size()) - 1);
        const int r = pick_resource(rng);
        std::vector<Block> blocks = tl.solver_blocks(r);
        std::erase_if(blocks, [&](const Block& b) { return b.start < in.frozen_until; });
        if (blocks.empty()) return false;
        const Block block = blocks[std::uniform_int_distribution<std::size_t>(0, blocks.size() - 1)(rng)];
        const int length = block.end - block.start;
        std::uniform_int_distribution<int> shift(-72, 72);
        const int start = block.start + shift(rng);
        if (start < in.frozen_until || start + length > in.horizon || start == block.start) return false;
        tl.remove_block(r, block.kind, block.start);
        if (!tl.add_block(Block{r, block.kind, start, start + length})) {
            tl.add_block(block);
            return false;
        }
        return true;
    }
};
}  // namespace
std::unique_ptr<Move> make_shift_block() { return std::make_unique<ShiftBlock>(); }
}  // namespace makepack
