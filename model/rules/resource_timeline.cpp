#include "model/rules/resource_timeline.hpp"

#include "model/rules/calendar_blocks.hpp"
#include "model/rules/derived_blocks.hpp"
#include "model/rules/format.hpp"
#include "model/rules/frozen_items.hpp"
#include "model/rules/occupancy.hpp"
#include "model/rules/row_shape.hpp"

#include <algorithm>
#include <vector>

namespace makepack {
namespace {

const char* rule_of(RowDefect defect) {
    switch (defect) {
        case RowDefect::Amount: return "amount";
        case RowDefect::OutOfRange: return "horizon";
        default: return "eligibility";
    }
}

struct PlacedRow {
    const Row* row;
    RowShape shape;
};

// Per-row rules; returns the well-formed rows with their derived work and end.
std::vector<PlacedRow> check_rows(const Instance& instance, const Resource& res, std::span<const Row> rows,
                                  const TimelineOptions& options, ViolationSink& sink) {
    std::vector<PlacedRow> placed;
    placed.reserve(rows.size());
    for (const Row& row : rows) {
        const RowShape shape = row_shape(instance, row);
        if (shape.defect != RowDefect::None) {
            sink.report([&] {
                return Violation{rule_of(shape.defect), res.id, row.start, row.end,
                                 "row " + product_id(instance, row.product) + " x" + std::to_string(row.amount) + ": " +
                                     describe(shape.defect)};
            });
            continue;
        }
        if (options.compare_stated_ends && row.end != shape.end)
            sink.report([&] {
                return Violation{"row-end", res.id, row.start, row.end,
                                 "row " + product_id(instance, row.product) + " states end " + std::to_string(row.end) +
                                     ", derived end is " + std::to_string(shape.end) + " (" +
                                     std::to_string(shape.work) + " h of work from " + std::to_string(row.start) + ")"};
            });
        if (row.start < 0)
            sink.report([&] {
                return Violation{"horizon", res.id, row.start, shape.end,
                                 "row " + product_id(instance, row.product) + " starts before 0"};
            });
        if (shape.end > instance.horizon)
            sink.report([&] {
                return Violation{"horizon", res.id, row.start, shape.end,
                                 "row " + product_id(instance, row.product) + " ends at " + std::to_string(shape.end) +
                                     ", after the horizon " + std::to_string(instance.horizon)};
            });
        placed.push_back({&row, shape});
    }
    return placed;
}

}  // namespace

ResourceCost check_resource_timeline(const RuleContext& context, int resource, std::span<const Row> rows,
                                     std::span<const Block> blocks, const TimelineOptions& options,
                                     ViolationSink& sink) {
    const Instance& instance = context.instance();
    const Resource& res = instance.resources[static_cast<std::size_t>(resource)];
    const auto by_start = [](const Row& a, const Row& b) { return a.start < b.start; };
    std::vector<Row> sorted_copy;
    if (!std::is_sorted(rows.begin(), rows.end(), by_start)) {
        sorted_copy.assign(rows.begin(), rows.end());
        std::stable_sort(sorted_copy.begin(), sorted_copy.end(), by_start);
        rows = sorted_copy;
    }

    ResourceCost cost;
    cost.changes = count_changes(context, resource, rows);
    const std::vector<PlacedRow> placed = check_rows(instance, res, rows, options, sink);
    if (sink.done()) return cost;

    std::vector<Occupant> occupants;
    occupants.reserve(2 * placed.size() + blocks.size() + res.calendar.outages.size());
    std::vector<Interval> changeovers;
    changeovers.reserve(placed.size());
    // A changeover follows every row, the last one included (MODEL.md 3, 9.2);
    // its duration depends on the next row's product and it pauses over breaks.
    for (std::size_t k = 0; k < placed.size(); ++k) {
        const Row& row = *placed[k].row;
        const int row_end = placed[k].shape.end;
        const int next = k + 1 < placed.size() ? placed[k + 1].row->product : -1;
        const int hours = instance.changeover(row.product, next);
        const int changeover_end = instance.end_after(resource, row_end, hours);
        cost.downtime += placed[k].shape.work * instance.option(row.product, resource)->downtime;
        cost.changeover += hours;  // nominal hours, not the clock span (MODEL.md 9.3)
        occupants.push_back({row.start, row_end, OccupantKind::Row, row.product});
        occupants.push_back({row_end, changeover_end, OccupantKind::Changeover, row.product});
        changeovers.emplace_back(row_end, changeover_end);
        if (changeover_end > instance.horizon && row_end <= instance.horizon)
            sink.report([&] {
                return Violation{"horizon", res.id, row_end, changeover_end,
                                 "changeover after " + instance.products[static_cast<std::size_t>(row.product)].id +
                                     " (" + std::to_string(hours) + " h) ends at " + std::to_string(changeover_end) +
                                     ", after the horizon " + std::to_string(instance.horizon)};
            });
    }
    std::sort(changeovers.begin(), changeovers.end());

    std::vector<Block> maintenance;
    std::vector<Block> spare;
    for (const Block& block : blocks) {
        if (block.kind != BlockKind::Maintenance && block.kind != BlockKind::SpareCapacity) {
            if (!matches_derived(instance, block, changeovers))
                sink.report([&] {
                    return Violation{"derived-block", res.id, block.start, block.end,
                                     "listed " + std::string(to_string(block.kind)) + " " +
                                         interval_text(block.start, block.end) + " is not a derived " +
                                         to_string(block.kind) + " of " + res.id};
                });
            continue;
        }
        if (block.start < 0 || block.end > instance.horizon)
            sink.report([&] {
                return Violation{"horizon", res.id, block.start, block.end,
                                 std::string(to_string(block.kind)) + " " + interval_text(block.start, block.end) +
                                     " is not inside the horizon [0," + std::to_string(instance.horizon) + ")"};
            });
        const bool is_maintenance = block.kind == BlockKind::Maintenance;
        (is_maintenance ? maintenance : spare).push_back(block);
        occupants.push_back({block.start, block.end,
                             is_maintenance ? OccupantKind::Maintenance : OccupantKind::SpareCapacity, -1});
    }
    for (const Outage& outage : res.calendar.outages)
        occupants.push_back({outage.start, outage.end, OccupantKind::Outage, -1});
    if (sink.done()) return cost;

    check_frozen_rows(context, resource, rows, sink);
    check_frozen_blocks(context, resource, blocks, changeovers, sink);
    const auto block_by_start = [](const Block& a, const Block& b) { return a.start < b.start; };
    std::sort(maintenance.begin(), maintenance.end(), block_by_start);
    std::sort(spare.begin(), spare.end(), block_by_start);
    check_maintenance_chain(instance, resource, maintenance, sink);
    check_spare_capacity(instance, resource, spare, sink);
    if (sink.done()) return cost;
    check_no_overlap(instance, resource, occupants, sink);
    return cost;
}

}  // namespace makepack
