#include "heuristics/timeline.hpp"

#include <algorithm>

namespace makepack {

PlantTimeline::PlantTimeline(const Instance& instance)
    : instance_(&instance), items_(instance.resources.size()), rows_by_product_(instance.products.size()) {}

bool PlantTimeline::is_free(int resource, int start, int end) const {
    for (const TimelineItem& item : items_[resource])
        if (item.start < end && start < item.occupied_end) return false;
    return true;
}

bool PlantTimeline::add_block(const Block& block) {
    if (!is_free(block.resource, block.start, block.end)) return false;
    auto& items = items_[block.resource];
    auto at = std::find_if(items.begin(), items.end(), [&](const TimelineItem& i) { return i.start >= block.end; });
    items.insert(at, TimelineItem{block.start, block.end, block.end, -1, -1});
    blocks_.push_back(block);
    return true;
}

PlantTimeline::Gap PlantTimeline::gap_before(int resource, int position, int product) const {
    const Instance& in = *instance_;
    const auto& items = items_[resource];
    const WorkingTime& working = in.resources[resource].working;
    Gap gap{0, in.horizon, -1, 0, true};

    // The last row before the gap: its changeover becomes the one to `product`.
    int prev_row_pos = position - 1;
    while (prev_row_pos >= 0 && items[prev_row_pos].row < 0) --prev_row_pos;
    for (int k = position; k < static_cast<int>(items.size()); ++k)
        if (items[k].row >= 0) { gap.next_product = items[k].product; break; }

    if (position > 0) gap.begin = items[position - 1].occupied_end;
    if (prev_row_pos >= 0) {
        const TimelineItem& prev = items[prev_row_pos];
        const int new_end = working.end_after(prev.end, in.changeover(prev.product, product));
        if (prev_row_pos == position - 1) gap.begin = new_end;
        else gap.ok = new_end <= items[prev_row_pos + 1].start;
        gap.changeover_delta = in.changeover(prev.product, product) - in.changeover(prev.product, gap.next_product);
    }
    gap.changeover_delta += in.changeover(product, gap.next_product);
    if (position < static_cast<int>(items.size())) gap.end = items[position].start;
    return gap;
}

std::optional<Slot> PlantTimeline::latest_slot(int resource, int product, int work, int earliest, int deadline) const {
    const Instance& in = *instance_;
    const WorkingTime& working = in.resources[resource].working;
    const auto& items = items_[resource];
    deadline = std::min(deadline, in.horizon);
    for (int position = static_cast<int>(items.size()); position >= 0; --position) {
        const Gap gap = gap_before(resource, position, product);
        if (gap.end < earliest) break;
        if (!gap.ok) continue;
        const int after = in.changeover(product, gap.next_product);
        const int start = std::min(working.latest_start(gap.end, work + after), working.latest_start(deadline, work));
        if (start >= std::max(gap.begin, earliest) && start >= 0)
            return Slot{resource, start, working.end_after(start, work), position, gap.changeover_delta};
    }
    return std::nullopt;
}

namespace {
// Starting inside a break gains nothing and consumes paste earlier.
int skip_break(const WorkingTime& working, int t) {
    return working.in_break(t) ? static_cast<int>(working.last_time_with(working.at(t))) : t;
}
}  // namespace

std::optional<Slot> PlantTimeline::earliest_slot(int resource, int product, int work, int earliest, int deadline) const {
    const Instance& in = *instance_;
    const WorkingTime& working = in.resources[resource].working;
    const auto& items = items_[resource];
    deadline = std::min(deadline, in.horizon);
    for (int position = 0; position <= static_cast<int>(items.size()); ++position) {
        const Gap gap = gap_before(resource, position, product);
        if (!gap.ok) continue;
        const int start = skip_break(working, std::max({gap.begin, earliest, 0}));
        if (start > deadline) break;
        const int after = in.changeover(product, gap.next_product);
        const int end = working.end_after(start, work);
        if (end <= deadline && working.end_after(start, work + after) <= gap.end)
            return Slot{resource, start, end, position, gap.changeover_delta};
    }
    return std::nullopt;
}

std::optional<std::pair<int, Slot>> PlantTimeline::first_fit(int resource, int product, int min_work, int earliest,
                                                             int deadline) const {
    return fit(resource, product, min_work, earliest, deadline, FitChoice::First);
}

std::optional<std::pair<int, Slot>> PlantTimeline::largest_fit(int resource, int product, int min_work, int earliest,
                                                               int deadline, bool prefer_late) const {
    return fit(resource, product, min_work, earliest, deadline, prefer_late ? FitChoice::LargestLate : FitChoice::Largest);
}

std::optional<std::pair<int, Slot>> PlantTimeline::fit(int resource, int product, int min_work, int earliest,
                                                       int deadline, FitChoice choice) const {
    const Instance& in = *instance_;
    const WorkingTime& working = in.resources[resource].working;
    const auto& items = items_[resource];
    deadline = std::min(deadline, in.horizon);
    std::optional<std::pair<int, Slot>> best;
    for (int position = 0; position <= static_cast<int>(items.size()); ++position) {
        const Gap gap = gap_before(resource, position, product);
        if (!gap.ok) continue;
        const int start = skip_break(working, std::max({gap.begin, earliest, 0}));
        if (start >= deadline) break;
        const int after = in.changeover(product, gap.next_product);
        const long long cap = std::min(working.at(gap.end) - after, working.at(deadline)) - working.at(start);
        if (cap < min_work) continue;
        const int work = static_cast<int>(cap);
        if (!best || work > best->first || (choice == FitChoice::LargestLate && work == best->first))
            best = {work, Slot{resource, start, working.end_after(start, work), position, gap.changeover_delta}};
        if (choice == FitChoice::First) break;
    }
    return best;
}

void PlantTimeline::refresh_changeovers(int resource) {
    const Instance& in = *instance_;
    const WorkingTime& working = in.resources[resource].working;
    auto& items = items_[resource];
    int next_product = -1;
    for (int k = static_cast<int>(items.size()) - 1; k >= 0; --k) {
        TimelineItem& item = items[k];
        if (item.row < 0) continue;
        item.occupied_end = working.end_after(item.end, in.changeover(item.product, next_product));
        next_product = item.product;
    }
}

int PlantTimeline::insert_row(const Row& row, const Slot& slot) {
    Row placed = row;
    placed.resource = slot.resource;
    placed.start = slot.start;
    placed.end = instance_->row_end(placed);
    const int index = static_cast<int>(rows_.size());
    rows_.push_back(placed);
    row_alive_.push_back(true);
    rows_by_product_[placed.product].push_back(index);
    auto& items = items_[slot.resource];
    // Positions may be stale if the caller found the slot before another insert; re-find by time.
    auto at = std::find_if(items.begin(), items.end(), [&](const TimelineItem& i) { return i.start >= placed.end; });
    items.insert(at, TimelineItem{placed.start, placed.end, placed.end, index, placed.product});
    refresh_changeovers(slot.resource);
    return index;
}

void PlantTimeline::remove_rows(const std::vector<int>& row_indices) {
    std::vector<int> touched;
    for (int index : row_indices) {
        if (index < 0 || index >= static_cast<int>(rows_.size()) || !row_alive_[index]) continue;
        row_alive_[index] = false;
        auto& same = rows_by_product_[rows_[index].product];
        same.erase(std::remove(same.begin(), same.end(), index), same.end());
        const int resource = rows_[index].resource;
        auto& items = items_[resource];
        items.erase(std::remove_if(items.begin(), items.end(), [&](const TimelineItem& i) { return i.row == index; }),
                    items.end());
        touched.push_back(resource);
    }
    for (int resource : touched) refresh_changeovers(resource);
}

Schedule PlantTimeline::to_schedule() const {
    Schedule schedule;
    schedule.instance_name = instance_->name;
    for (std::size_t k = 0; k < rows_.size(); ++k)
        if (row_alive_[k]) schedule.rows.push_back(rows_[k]);
    for (const Block& block : blocks_)
        if (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity) schedule.blocks.push_back(block);
    std::sort(schedule.rows.begin(), schedule.rows.end(),
              [](const Row& a, const Row& b) { return std::tie(a.resource, a.start) < std::tie(b.resource, b.start); });
    std::sort(schedule.blocks.begin(), schedule.blocks.end(),
              [](const Block& a, const Block& b) { return std::tie(a.resource, a.start) < std::tie(b.resource, b.start); });
    return schedule;
}

}  // namespace makepack
