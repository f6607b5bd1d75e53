// Per-instance look-ups the rule groups share. Build it once per instance (a
// local search keeps one for its whole run) and pass it to the groups.
#pragma once

#include "model/instance.hpp"

#include <span>
#include <vector>

namespace makepack {

class RuleContext {
public:
    explicit RuleContext(const Instance& instance);

    const Instance& instance() const { return *instance_; }
    // Fixed items (MODEL.md 6) of one resource, rows sorted by start.
    std::span<const Row> fixed_rows(int resource) const { return fixed_rows_[static_cast<std::size_t>(resource)]; }
    std::span<const Block> fixed_blocks(int resource) const {
        return fixed_blocks_[static_cast<std::size_t>(resource)];
    }
    // Instance::previous_rows of one resource, sorted by (start, product, amount).
    bool knows_previous() const { return instance_->previous_rows.has_value(); }
    std::span<const Row> previous_rows(int resource) const {
        return previous_rows_[static_cast<std::size_t>(resource)];
    }

private:
    const Instance* instance_;
    std::vector<std::vector<Row>> fixed_rows_;
    std::vector<std::vector<Block>> fixed_blocks_;
    std::vector<std::vector<Row>> previous_rows_;
};

}  // namespace makepack
