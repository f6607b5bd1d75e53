// PlantTimeline's change records: assign_changed() re-makes the search's
// candidate from its current plan by copying only the resources and products
// that changed; the unchecked record tells validation what to re-check.
#include "heuristics/timeline.hpp"

#include <cassert>

namespace makepack {

void PlantTimeline::mark_resource(int resource) {
    if (!resource_changed_[resource]) { resource_changed_[resource] = 1; changed_resources_.push_back(resource); }
    if (!resource_unchecked_[resource]) { resource_unchecked_[resource] = 1; unchecked_resources_.push_back(resource); }
}

void PlantTimeline::mark_product(int product) {
    if (!product_changed_[product]) { product_changed_[product] = 1; changed_products_.push_back(product); }
    mark_unchecked_product(product);
}

void PlantTimeline::mark_unchecked_product(int product) {
    if (!product_unchecked_[product]) { product_unchecked_[product] = 1; unchecked_products_.push_back(product); }
}

void PlantTimeline::forget_unchecked() {
    for (int r : unchecked_resources_) resource_unchecked_[r] = 0;
    for (int p : unchecked_products_) product_unchecked_[p] = 0;
    unchecked_resources_.clear();
    unchecked_products_.clear();
}

void PlantTimeline::forget_changes() {
    for (int r : changed_resources_) resource_changed_[r] = 0;
    for (int p : changed_products_) product_changed_[p] = 0;
    changed_resources_.clear();
    changed_products_.clear();
    rows_changed_from_ = rows_.size();
    blocks_changed_ = false;
    all_changed_ = false;
}

void PlantTimeline::assign_changed(PlantTimeline& source) {
    if (all_changed_ || source.all_changed_) {
        *this = source;  // copy-assignment keeps this one's buffers where they are big enough
    } else {
        // Both were equal at the last call: what neither touched since is still equal.
        for (const PlantTimeline* side : {this, &source}) {
            for (int r : side->changed_resources_) items_[r] = source.items_[r];
            for (int p : side->changed_products_) rows_by_product_[p] = source.rows_by_product_[p];
        }
        const std::size_t from = std::min(rows_changed_from_, source.rows_changed_from_);
        rows_.resize(source.rows_.size());
        std::copy(source.rows_.begin() + static_cast<std::ptrdiff_t>(from), source.rows_.end(),
                  rows_.begin() + static_cast<std::ptrdiff_t>(from));
        row_alive_ = source.row_alive_;
        alive_count_ = source.alive_count_;
        if (blocks_changed_ || source.blocks_changed_) blocks_ = source.blocks_;
        resource_unchecked_ = source.resource_unchecked_;
        product_unchecked_ = source.product_unchecked_;
        unchecked_resources_ = source.unchecked_resources_;
        unchecked_products_ = source.unchecked_products_;
    }
    forget_changes();
    source.forget_changes();
    assert(same_as(source));
}

bool PlantTimeline::same_as(const PlantTimeline& other) const {
    return instance_ == other.instance_ && items_ == other.items_ && rows_ == other.rows_ &&
           row_alive_ == other.row_alive_ && alive_count_ == other.alive_count_ &&
           rows_by_product_ == other.rows_by_product_ && blocks_ == other.blocks_;
}

}  // namespace makepack
