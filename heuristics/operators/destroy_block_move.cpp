// Calendar block move: a maintenance or spare-capacity block jumps to a random
// place in its window (spare: anywhere in its period; maintenance: up to a
// week earlier or two days later), and the rows in the way go out for the
// repair to re-place. Lets the search open long windows for long campaigns,
// which small shifts of a block cannot. The calendar rules (chain, one block
// per period) are then checked like every move.
#include "heuristics/operators/builtin.hpp"

#include <algorithm>

namespace makepack {
namespace {
class BlockMove : public DestroyOperator {
public:
    void destroy(SearchState& state, Rng& rng, int) override {
        const Instance& in = state.instance();
        PlantTimeline& tl = state.timeline();
        const int r = std::uniform_int_distribution<int>(0, static_cast<int>(in.resources.size()) - 1)(rng);
        std::vector<Block> blocks = tl.solver_blocks(r);
        std::erase_if(blocks, [&](const Block& b) { return b.start < in.frozen_until; });
        if (blocks.empty()) return;
        const Block block = blocks[std::uniform_int_distribution<std::size_t>(0, blocks.size() - 1)(rng)];
        const int length = block.end - block.start;
        int lo, hi;
        if (block.kind == BlockKind::SpareCapacity) {
            const int every = in.resources[r].calendar.spare->every;
            lo = block.start / every * every;
            hi = lo + every - length;
        } else {
            lo = block.start - 168;
            hi = block.start + 48;
        }
        lo = std::max(lo, in.frozen_until);
        hi = std::min(hi, in.horizon - length);
        if (hi < lo) return;
        const int start = std::uniform_int_distribution<int>(lo, hi)(rng);
        // Rows (with their changeover) in the way, and no outage or other block there.
        std::vector<int> in_the_way;
        for (const TimelineItem& item : tl.items(r)) {
            if (item.start >= start + length || item.occupied_end <= start) continue;
            if (item.row < 0 && !(item.kind == block.kind && item.start == block.start)) return;
            if (item.row >= 0) {
                if (tl.rows()[item.row].start < in.frozen_until) return;
                in_the_way.push_back(item.row);
            }
        }
        ops::remove_rows(state, in_the_way);
        tl.remove_block(r, block.kind, block.start);
        if (!tl.add_block(Block{r, block.kind, start, start + length})) tl.add_block(block);
    }
};
}  // namespace
std::unique_ptr<DestroyOperator> make_block_move() { return std::make_unique<BlockMove>(); }
}  // namespace makepack
