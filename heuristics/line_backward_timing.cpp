#include "heuristics/line_backward_timing.hpp"

namespace makepack {

bool time_line_backward(const Instance& in, int line, std::span<const SequencedRow> sequence,
                        std::span<const std::pair<int, int>> blocks, TimedSequence& out) {
    const WorkingTime& working = in.resources[line].working;
    const std::size_t n = sequence.size();
    out.starts.assign(n, 0);
    out.ends.assign(n, 0);
    out.blocks.clear();
    out.cost = 0;
    int limit = in.horizon;  // the row and its changeover end by this
    std::size_t block = blocks.size();  // blocks before this index may still lie ahead (going back)
    for (std::size_t k = n; k-- > 0;) {
        const SequencedRow& row = sequence[k];
        const Option* option = in.option(row.product, line);
        if (!option || row.amount < 1) return false;
        const int work = in.work(row.product, line, row.amount);
        const int changeover = in.changeover(row.product, k + 1 < n ? sequence[k + 1].product : -1);
        int start;
        for (;;) {
            start = working.latest_start(limit, work + changeover);
            if (start < 0) return false;
            while (block > 0 && blocks[block - 1].first >= limit) --block;
            // The last block starting before `limit`: if it reaches past `start`, go before it.
            if (block > 0 && blocks[block - 1].second > start) {
                limit = blocks[block - 1].first;
                --block;
                continue;
            }
            break;
        }
        out.starts[k] = start;
        out.ends[k] = working.end_after(start, work);
        out.cost += in.weights.downtime * work * option->downtime + in.weights.changeover * changeover;
        limit = start;
    }
    return true;
}

}  // namespace makepack
