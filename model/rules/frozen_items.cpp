#include "model/rules/frozen_items.hpp"

#include "model/rules/format.hpp"

#include <algorithm>
#include <vector>

namespace makepack {
namespace {

bool is_solver_kind(BlockKind kind) { return kind == BlockKind::Maintenance || kind == BlockKind::SpareCapacity; }

}  // namespace

void check_frozen_rows(const RuleContext& context, int resource, std::span<const Row> rows, ViolationSink& sink) {
    const Instance& instance = context.instance();
    const std::span<const Row> fixed = context.fixed_rows(resource);
    if (fixed.empty() && instance.frozen_until <= 0) return;  // the common, unreviewed case
    const std::string& res_id = instance.resources[static_cast<std::size_t>(resource)].id;

    std::vector<char> is_fixed(rows.size(), 0);
    for (const Row& want : fixed) {
        auto it = std::lower_bound(rows.begin(), rows.end(), want.start,
                                   [](const Row& row, int start) { return row.start < start; });
        bool found = false;
        for (; it != rows.end() && it->start == want.start; ++it) {
            const std::size_t i = static_cast<std::size_t>(it - rows.begin());
            if (!is_fixed[i] && it->product == want.product && it->amount == want.amount) {
                is_fixed[i] = 1;
                found = true;
                break;
            }
        }
        if (!found)
            sink.report([&] {
                return Violation{"fixed", res_id, want.start, want.end,
                                 "fixed row " + product_id(instance, want.product) + " x" +
                                     std::to_string(want.amount) + " at " + std::to_string(want.start) +
                                     " is missing or changed"};
            });
    }
    for (std::size_t i = 0; i < rows.size() && rows[i].start < instance.frozen_until; ++i) {
        if (is_fixed[i]) continue;
        sink.report([&] {
            return Violation{"frozen", res_id, rows[i].start, rows[i].end,
                             "row " + product_id(instance, rows[i].product) + " starts at " +
                                 std::to_string(rows[i].start) + ", before frozen_until " +
                                 std::to_string(instance.frozen_until) + ", and is not a fixed row"};
        });
    }
}

void check_frozen_blocks(const RuleContext& context, int resource, std::span<const Block> blocks,
                         std::span<const Interval> changeovers, ViolationSink& sink) {
    const Instance& instance = context.instance();
    const std::span<const Block> fixed = context.fixed_blocks(resource);
    if (fixed.empty() && instance.frozen_until <= 0) return;
    const std::string& res_id = instance.resources[static_cast<std::size_t>(resource)].id;

    for (const Block& block : blocks) {
        if (!is_solver_kind(block.kind) || block.start >= instance.frozen_until) continue;
        if (std::find(fixed.begin(), fixed.end(), block) != fixed.end()) continue;
        sink.report([&] {
            return Violation{"frozen", res_id, block.start, block.end,
                             std::string(to_string(block.kind)) + " " + interval_text(block.start, block.end) +
                                 " starts before frozen_until " + std::to_string(instance.frozen_until) +
                                 " and is not a fixed block"};
        });
    }
    for (const Block& want : fixed) {
        const bool present = is_solver_kind(want.kind)
                                 ? std::find(blocks.begin(), blocks.end(), want) != blocks.end()
                                 : matches_derived(instance, want, changeovers);
        if (present) continue;
        sink.report([&] {
            return Violation{"fixed", res_id, want.start, want.end,
                             "fixed " + std::string(to_string(want.kind)) + " " + interval_text(want.start, want.end) +
                                 (is_solver_kind(want.kind) ? " is missing" : " does not match the derived one")};
        });
    }
}

int count_changes(const RuleContext& context, int resource, std::span<const Row> rows) {
    const std::span<const Row> previous = context.previous_rows(resource);
    if (previous.empty()) return 0;
    std::vector<char> used(rows.size(), 0);
    int changes = 0;
    for (const Row& want : previous) {
        auto it = std::lower_bound(rows.begin(), rows.end(), want.start,
                                   [](const Row& row, int start) { return row.start < start; });
        bool kept = false;
        for (; it != rows.end() && it->start == want.start; ++it) {
            const std::size_t i = static_cast<std::size_t>(it - rows.begin());
            if (!used[i] && it->product == want.product && it->amount == want.amount) {
                used[i] = 1;
                kept = true;
                break;
            }
        }
        if (!kept) ++changes;
    }
    return changes;
}

}  // namespace makepack
