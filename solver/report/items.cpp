#include "solver/report/items.hpp"

#include <algorithm>

namespace makepack::report {

const char* to_string(ItemKind kind) {
    switch (kind) {
        case ItemKind::Row: return "row";
        case ItemKind::Changeover: return "changeover";
        case ItemKind::Maintenance: return "maintenance";
        case ItemKind::SpareCapacity: return "spare_capacity";
        case ItemKind::Outage: return "outage";
    }
    return "?";
}

int paste_of(const Instance& instance, int product) {
    if (product < 0 || product >= static_cast<int>(instance.products.size())) return -1;
    if (product < instance.num_pastes) return product;
    return instance.products[static_cast<std::size_t>(product)].paste;
}

std::vector<Item> schedule_items(const Instance& instance, const Schedule& schedule) {
    const auto resources = instance.resources.size();
    std::vector<std::vector<Row>> rows(resources);
    for (const Row& row : schedule.rows) {
        if (row.resource < 0 || row.resource >= static_cast<int>(resources) || row.product < 0 ||
            row.product >= static_cast<int>(instance.products.size()) || !instance.eligible(row.product, row.resource))
            continue;
        Row derived = row;
        derived.end = instance.row_end(row);
        rows[static_cast<std::size_t>(row.resource)].push_back(derived);
    }
    std::vector<Item> items;
    for (std::size_t r = 0; r < resources; ++r) {
        const int ri = static_cast<int>(r);
        auto& list = rows[r];
        // The order of model/kpi.cpp: changeovers follow rows sorted by start, then end.
        std::sort(list.begin(), list.end(), [](const Row& a, const Row& b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Row& row = list[i];
            const Option* option = instance.option(row.product, ri);
            Item item;
            item.kind = ItemKind::Row;
            item.resource = ri;
            item.start = row.start;
            item.end = row.end;
            item.product = row.product;
            item.amount = row.amount;
            item.lbs = instance.lbs(row);
            item.work_hours = instance.work(row);
            item.downtime_rate = option->downtime;
            item.downtime_hours = item.work_hours * option->downtime;
            items.push_back(item);

            Item changeover;
            changeover.kind = ItemKind::Changeover;
            changeover.resource = ri;
            changeover.product = row.product;
            changeover.next_product = i + 1 < list.size() ? list[i + 1].product : -1;
            changeover.work_hours = instance.changeover(row.product, changeover.next_product);
            changeover.start = row.end;
            changeover.end = instance.end_after(ri, row.end, changeover.work_hours);
            if (changeover.end > changeover.start) items.push_back(changeover);
        }
        for (const Block& block : schedule.blocks) {
            if (block.resource != ri) continue;
            if (block.kind != BlockKind::Maintenance && block.kind != BlockKind::SpareCapacity) continue;
            Item item;
            item.kind = block.kind == BlockKind::Maintenance ? ItemKind::Maintenance : ItemKind::SpareCapacity;
            item.resource = ri;
            item.start = block.start;
            item.end = block.end;
            item.work_hours = 0;
            items.push_back(item);
        }
        for (const Outage& outage : instance.resources[r].calendar.outages) {
            const int start = std::max(outage.start, 0);
            const int end = std::min(outage.end, instance.horizon);
            if (end <= start) continue;
            Item item;
            item.kind = ItemKind::Outage;
            item.resource = ri;
            item.start = start;
            item.end = end;
            item.reason = outage.reason;
            items.push_back(item);
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.resource != b.resource ? a.resource < b.resource : a.start < b.start;
    });
    return items;
}

}  // namespace makepack::report
