#include "heuristics/timeline.hpp"

#include <algorithm>
#include <iterator>

namespace makepack {

PlantTimeline::PlantTimeline(const Instance& instance)
    : instance_(&instance), items_(instance.resources.size()), rows_by_product_(instance.products.size()),
      resource_changed_(instance.resources.size(), 0), product_changed_(instance.products.size(), 0),
      resource_unchecked_(instance.resources.size(), 0), product_unchecked_(instance.products.size(), 0) {}

PlantTimeline PlantTimeline::from_schedule(const Instance& instance, const Schedule& schedule) {
    PlantTimeline timeline(instance);
    for (int r = 0; r < static_cast<int>(instance.resources.size()); ++r)
        for (const Outage& outage : instance.resources[r].calendar.outages)
            timeline.add_block(Block{r, BlockKind::Outage, outage.start, outage.end});
    for (const Block& block : schedule.blocks)
        if (block.kind == BlockKind::Maintenance || block.kind == BlockKind::SpareCapacity) timeline.add_block(block);
    for (const Row& row : schedule.rows) timeline.insert_row(row, Slot{row.resource, row.start, row.end, 0, 0});
    return timeline;
}

bool PlantTimeline::is_free(int resource, int start, int end) const {
    for (const TimelineItem& item : items_[resource])
        if (item.start < end && start < item.occupied_end) return false;
    return true;
}

bool PlantTimeline::add_block(const Block& block) {
    if (!is_free(block.resource, block.start, block.end)) return false;
    auto& items = items_[block.resource];
    auto at = std::find_if(items.begin(), items.end(), [&](const TimelineItem& i) { return i.start >= block.end; });
    items.insert(at, TimelineItem{block.start, block.end, block.end, -1, -1, block.kind});
    blocks_.push_back(block);
    mark_resource(block.resource);
    blocks_changed_ = true;
    return true;
}

bool PlantTimeline::add_blocks(int resource, const std::vector<Block>& blocks) {
    if (blocks.empty()) return true;
    const auto by_start = [](const TimelineItem& a, const TimelineItem& b) { return a.start < b.start; };
    std::vector<TimelineItem> added;
    added.reserve(blocks.size());
    for (const Block& b : blocks) added.push_back(TimelineItem{b.start, b.end, b.end, -1, -1, b.kind});
    if (!std::is_sorted(added.begin(), added.end(), by_start)) std::sort(added.begin(), added.end(), by_start);
    const auto& items = items_[resource];
    std::vector<TimelineItem> merged;
    merged.reserve(items.size() + added.size());
    std::merge(items.begin(), items.end(), added.begin(), added.end(), std::back_inserter(merged), by_start);
    // By start, an item overlaps an earlier one iff it starts before the latest occupied end so far.
    int reach = merged.front().occupied_end;
    for (std::size_t k = 1; k < merged.size(); ++k) {
        const TimelineItem& i = merged[k];
        if (i.start < i.occupied_end && i.start < reach) return false;
        reach = std::max(reach, i.occupied_end);
    }
    items_[resource] = std::move(merged);
    blocks_.insert(blocks_.end(), blocks.begin(), blocks.end());
    mark_resource(resource);
    blocks_changed_ = true;
    return true;
}

bool PlantTimeline::remove_block(int resource, BlockKind kind, int start) {
    auto& items = items_[resource];
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const TimelineItem& i) { return i.row < 0 && i.kind == kind && i.start == start; });
    if (it == items.end()) return false;
    items.erase(it);
    mark_resource(resource);
    blocks_changed_ = true;
    blocks_.erase(std::find_if(blocks_.begin(), blocks_.end(), [&](const Block& b) {
        return b.resource == resource && b.kind == kind && b.start == start;
    }));
    refresh_changeovers(resource);
    return true;
}

int PlantTimeline::remove_blocks(int resource, BlockKind kind) {
    const auto removed = std::erase_if(items_[resource], [&](const TimelineItem& i) { return i.row < 0 && i.kind == kind; });
    if (removed == 0) return 0;
    std::erase_if(blocks_, [&](const Block& b) { return b.resource == resource && b.kind == kind; });
    mark_resource(resource);
    blocks_changed_ = true;
    refresh_changeovers(resource);
    return static_cast<int>(removed);
}

std::vector<Block> PlantTimeline::solver_blocks(int resource) const {
    std::vector<Block> out;
    solver_blocks(resource, out);
    return out;
}

void PlantTimeline::solver_blocks(int resource, std::vector<Block>& out) const {
    out.clear();
    for (const TimelineItem& i : items_[resource])
        if (i.row < 0 && (i.kind == BlockKind::Maintenance || i.kind == BlockKind::SpareCapacity))
            out.push_back(Block{resource, i.kind, i.start, i.end});
}

std::vector<Row> PlantTimeline::rows_on(int resource) const {
    std::vector<Row> out;
    rows_on(resource, out);
    return out;
}

void PlantTimeline::rows_on(int resource, std::vector<Row>& out) const {
    out.clear();
    for (const TimelineItem& i : items_[resource])
        if (i.row >= 0) out.push_back(rows_[i.row]);
}

void PlantTimeline::compact() {
    std::vector<int> new_index(rows_.size(), -1);
    std::vector<Row> rows;
    rows.reserve(alive_count_);
    for (std::size_t k = 0; k < rows_.size(); ++k)
        if (row_alive_[k]) {
            new_index[k] = static_cast<int>(rows.size());
            rows.push_back(rows_[k]);
        }
    rows_ = std::move(rows);
    row_alive_.assign(rows_.size(), true);
    for (auto& items : items_)
        for (TimelineItem& i : items)
            if (i.row >= 0) i.row = new_index[i.row];
    for (auto& same : rows_by_product_)
        for (int& k : same) k = new_index[k];
    all_changed_ = true;
}

inline bool PlantTimeline::too_small(int resource, int position, int earliest, int work) const {
    // Cheap pre-filter: even with no changeover before it, `work` hours cannot fit.
    const auto& items = items_[resource];
    const int begin = std::max(earliest, position > 0 ? items[position - 1].end : 0);
    const int end = position < static_cast<int>(items.size()) ? items[position].start : instance_->horizon;
    return end - begin < work;
}

void PlantTimeline::RowCursor::move_to(const std::vector<TimelineItem>& items, int position) {
    const int size = static_cast<int>(items.size());
    if (at < 0) {  // first gap of the query
        for (next = position; next < size && items[next].row < 0;) ++next;
        for (prev = position - 1; prev >= 0 && items[prev].row < 0;) --prev;
    } else if (position >= at) {
        for (int k = at; k < position; ++k)
            if (items[k].row >= 0) prev = k;
        if (next < position)
            for (next = position; next < size && items[next].row < 0;) ++next;
    } else {
        for (int k = at - 1; k >= position; --k)
            if (items[k].row >= 0) next = k;
        if (prev >= position)
            for (prev = position - 1; prev >= 0 && items[prev].row < 0;) --prev;
    }
    at = position;
}

PlantTimeline::Gap PlantTimeline::gap_before(int resource, int position, int product, RowCursor& rows) const {
    const Instance& in = *instance_;
    const auto& items = items_[resource];
    const WorkingTime& working = in.resources[resource].working;
    rows.move_to(items, position);
    const int next_product = rows.next < static_cast<int>(items.size()) ? items[rows.next].product : -1;
    Gap gap{0, in.horizon, next_product, 0, true};
    // The last row before the gap: its changeover becomes the one to `product`.
    const int prev_row_pos = rows.prev;
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
    RowCursor rows;
    deadline = std::min(deadline, in.horizon);
    for (int position = static_cast<int>(items.size()); position >= 0; --position) {
        if (too_small(resource, position, std::max(earliest, 0), work)) {
            if (position < static_cast<int>(items.size()) && items[position].start < earliest) break;
            continue;
        }
        const Gap gap = gap_before(resource, position, product, rows);
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
    RowCursor rows;
    deadline = std::min(deadline, in.horizon);
    for (int position = 0; position <= static_cast<int>(items.size()); ++position) {
        if (too_small(resource, position, std::max(earliest, 0), work)) continue;
        const Gap gap = gap_before(resource, position, product, rows);
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
    RowCursor rows;
    deadline = std::min(deadline, in.horizon);
    std::optional<std::pair<int, Slot>> best;
    for (int position = 0; position <= static_cast<int>(items.size()); ++position) {
        if (too_small(resource, position, std::max(earliest, 0), min_work)) continue;
        const Gap gap = gap_before(resource, position, product, rows);
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
    mark_resource(resource);
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
    mark_row(index);
    mark_product(placed.product);
    rows_.push_back(placed);
    row_alive_.push_back(true);
    ++alive_count_;
    rows_by_product_[placed.product].push_back(index);
    auto& items = items_[slot.resource];
    // Positions may be stale if the caller found the slot before another insert; re-find by time.
    auto at = std::find_if(items.begin(), items.end(), [&](const TimelineItem& i) { return i.start >= placed.end; });
    items.insert(at, TimelineItem{placed.start, placed.end, placed.end, index, placed.product, BlockKind::Outage});
    refresh_changeovers(slot.resource);
    return index;
}

bool PlantTimeline::can_resize(int row, std::int64_t amount, int deadline) const {
    const Instance& in = *instance_;
    const Row& r = rows_[row];
    if (amount < 1) return false;
    const auto& items = items_[r.resource];
    auto it = std::find_if(items.begin(), items.end(), [&](const TimelineItem& i) { return i.row == row; });
    int next_product = -1;
    for (auto k = it + 1; k != items.end(); ++k)
        if (k->row >= 0) { next_product = k->product; break; }
    const int limit = it + 1 == items.end() ? in.horizon : (it + 1)->start;
    const int work = in.work(r.product, r.resource, amount);
    const WorkingTime& working = in.resources[r.resource].working;
    return working.end_after(r.start, work) <= std::min(deadline, in.horizon) &&
           working.end_after(r.start, work + in.changeover(r.product, next_product)) <= limit;
}

void PlantTimeline::resize(int row, std::int64_t amount) {
    Row& r = rows_[row];
    mark_row(row);
    mark_unchecked_product(r.product);
    r.amount = amount;
    r.end = instance_->row_end(r);
    for (TimelineItem& i : items_[r.resource])
        if (i.row == row) i.end = r.end;
    refresh_changeovers(r.resource);
}

void PlantTimeline::remove_rows(const std::vector<int>& row_indices) {
    std::vector<int> touched;
    for (int index : row_indices) {
        if (index < 0 || index >= static_cast<int>(rows_.size()) || !row_alive_[index]) continue;
        row_alive_[index] = false;
        --alive_count_;
        mark_product(rows_[index].product);
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
