// Occupancy of every resource as a sorted sequence of rows and blocks, with
// the derived changeover after each row. Answers "where can a row of this
// product go" (latest or earliest slot, or the most work a gap can take) and
// applies insertions; the greedy and the repair operators build on it.
#pragma once

#include "model/schedule.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace makepack {

struct TimelineItem {
    int start = 0;
    int end = 0;           // row: end of work; block: end of block
    int occupied_end = 0;  // row: end of its changeover; block: end
    int row = -1;          // index into PlantTimeline::rows(), -1 for a block
    int product = -1;      // row product
    BlockKind kind = BlockKind::Outage;  // blocks only
    bool operator==(const TimelineItem&) const = default;
};

// Where a row could go and what it would cost.
struct Slot {
    int resource = -1;
    int start = 0;
    int end = 0;
    int position = 0;          // index in the resource's items before which it goes
    int changeover_delta = 0;  // nominal changeover hours added to the plan
};

class PlantTimeline {
public:
    explicit PlantTimeline(const Instance& instance);
    // The timeline of a feasible schedule: outages, its blocks and rows.
    static PlantTimeline from_schedule(const Instance& instance, const Schedule& schedule);

    const Instance& instance() const { return *instance_; }
    const std::vector<TimelineItem>& items(int resource) const { return items_[resource]; }
    // Every row ever inserted, by index; removed ones stay but are not alive.
    const std::vector<Row>& rows() const { return rows_; }
    bool alive(int row) const { return row_alive_[row]; }
    // Indices of the alive rows of a product.
    const std::vector<int>& rows_of(int product) const { return rows_by_product_[product]; }
    // Batches (paste) or units (SKU) of the alive rows of a product.
    std::int64_t amount_of(int product) const {
        std::int64_t amount = 0;
        for (int k : rows_by_product_[product]) amount += rows_[k].amount;
        return amount;
    }
    const std::vector<Block>& blocks() const { return blocks_; }

    // Place a block (outage, maintenance, spare) where nothing is; false if it overlaps.
    bool add_block(const Block& block);
    // Place many blocks of one resource at once: one merge instead of one
    // vector insert each (10^5 blocks on a long horizon). All or nothing:
    // false, and no change, if any of them overlaps anything.
    bool add_blocks(int resource, const std::vector<Block>& blocks);
    // Remove the block of this kind starting at `start`; false if there is none.
    bool remove_block(int resource, BlockKind kind, int start);
    // Remove every block of this kind on one resource in one pass (a long
    // horizon holds ~10^5 of them); returns how many went.
    int remove_blocks(int resource, BlockKind kind);
    // Solver-placed blocks (maintenance, spare capacity) of one resource, by start.
    std::vector<Block> solver_blocks(int resource) const;
    void solver_blocks(int resource, std::vector<Block>& out) const;  // into `out` (cleared), reusing it
    // Alive rows of one resource, by start.
    std::vector<Row> rows_on(int resource) const;
    void rows_on(int resource, std::vector<Row>& out) const;  // into `out` (cleared), reusing it
    int alive_rows() const { return alive_count_; }
    // Forget removed rows (indices change); worth it when many are dead.
    void compact();
    bool is_free(int resource, int start, int end) const;

    // Latest slot for `work` hours of `product` on `resource`: start >= earliest,
    // row end <= deadline, its changeover fits before what follows.
    std::optional<Slot> latest_slot(int resource, int product, int work, int earliest, int deadline) const;
    // Earliest such slot.
    std::optional<Slot> earliest_slot(int resource, int product, int work, int earliest, int deadline) const;
    // Most work hours a single row could get in one gap (the best gap), with the slot
    // it would take for that work; nullopt when no gap takes even `min_work`.
    std::optional<std::pair<int, Slot>> largest_fit(int resource, int product, int min_work, int earliest,
                                                    int deadline, bool prefer_late) const;
    // The first gap (in time) taking at least `min_work`: its work capacity and slot.
    std::optional<std::pair<int, Slot>> first_fit(int resource, int product, int min_work, int earliest,
                                                  int deadline) const;

    // Insert a row at a slot found above; returns its index in rows().
    int insert_row(const Row& row, const Slot& slot);
    // Whether the row could have `amount` instead (same start; its changeover
    // must still fit before what follows and the row must end by `deadline`), and do it.
    bool can_resize(int row, std::int64_t amount, int deadline) const;
    void resize(int row, std::int64_t amount);
    // Remove the rows with these indices (e.g. to undo a failed campaign).
    void remove_rows(const std::vector<int>& row_indices);

    Schedule to_schedule() const;

    // Makes this timeline equal to `source` by copying only what either of
    // them changed since they were last made equal here (the search re-makes
    // its candidate from the current plan every iteration; a full copy
    // would cost more than the iteration's own work). Both then record
    // changes afresh. Right after construction, copying or
    // mark_all_changed(), everything counts as changed.
    void assign_changed(PlantTimeline& source);
    // For a timeline that was replaced by an unrelated one (e.g. a restart).
    void mark_all_changed() { all_changed_ = true; }

    // What changed since the last forget_unchecked(), for validation: the
    // resources whose rows or blocks changed and the products whose rows were
    // inserted, removed or resized. Every change goes through the methods
    // above, so nothing that changes the plan escapes this record
    // (SearchState::revalidate() checks exactly these).
    const std::vector<int>& unchecked_resources() const { return unchecked_resources_; }
    const std::vector<int>& unchecked_products() const { return unchecked_products_; }
    void forget_unchecked();

private:
    struct Gap {
        int begin;           // earliest start (after previous item, incl. its new changeover)
        int end;             // row + changeover must end by this
        int next_product;    // product of the next row on the resource, -1 none
        int changeover_delta;
        bool ok;             // previous row's changed changeover still fits
    };
    // The nearest row items around the gap a query looks at. Queries walk the
    // gaps one way, so the scans for them only move one way too (a long
    // horizon holds ~10^5 blocks and few rows: a fresh scan per gap was quadratic).
    struct RowCursor {
        int at = -1;    // position of the last gap looked at, -1 none yet
        int prev = -1;  // last row item before `at`, -1 none
        int next = 0;   // first row item at or after `at`, items.size() none
        void move_to(const std::vector<TimelineItem>& items, int position);
    };
    bool too_small(int resource, int position, int earliest, int work) const;
    Gap gap_before(int resource, int position, int product, RowCursor& rows) const;
    enum class FitChoice { Largest, LargestLate, First };
    std::optional<std::pair<int, Slot>> fit(int resource, int product, int min_work, int earliest, int deadline,
                                            FitChoice choice) const;
    void refresh_changeovers(int resource);
    // Change record for assign_changed() (timeline_sync.cpp).
    void mark_resource(int resource);
    void mark_product(int product);
    void mark_row(int row) { rows_changed_from_ = std::min<std::size_t>(rows_changed_from_, row); }
    void mark_unchecked_product(int product);
    void forget_changes();
    bool same_as(const PlantTimeline& other) const;

    const Instance* instance_;
    std::vector<std::vector<TimelineItem>> items_;
    std::vector<Row> rows_;
    std::vector<bool> row_alive_;
    int alive_count_ = 0;
    std::vector<std::vector<int>> rows_by_product_;
    std::vector<Block> blocks_;

    // What changed since the last assign_changed(): items of these resources,
    // rows_by_product_ of these products, rows_ from this index on, blocks_.
    std::vector<char> resource_changed_, product_changed_;
    std::vector<int> changed_resources_, changed_products_;
    std::size_t rows_changed_from_ = 0;
    bool blocks_changed_ = true;
    bool all_changed_ = true;
    // What changed since the last forget_unchecked() (a second record: the
    // one above is reset by every assign_changed(), this one by validation).
    std::vector<char> resource_unchecked_, product_unchecked_;
    std::vector<int> unchecked_resources_, unchecked_products_;
};

}  // namespace makepack
