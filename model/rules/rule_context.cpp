#include "model/rules/rule_context.hpp"

#include <algorithm>
#include <tuple>

namespace makepack {

RuleContext::RuleContext(const Instance& instance)
    : instance_(&instance),
      fixed_rows_(instance.resources.size()),
      fixed_blocks_(instance.resources.size()),
      previous_rows_(instance.resources.size()) {
    const auto valid = [&](int resource) {
        return resource >= 0 && resource < static_cast<int>(instance.resources.size());
    };
    // The loader validates fixed items; anything on an unknown resource is ignored here.
    for (const Row& row : instance.fixed_rows)
        if (valid(row.resource)) fixed_rows_[static_cast<std::size_t>(row.resource)].push_back(row);
    for (const Block& block : instance.fixed_blocks)
        if (valid(block.resource)) fixed_blocks_[static_cast<std::size_t>(block.resource)].push_back(block);
    for (auto& rows : fixed_rows_)
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.start < b.start; });
    if (instance.previous_rows) {
        for (const Row& row : *instance.previous_rows)
            if (valid(row.resource)) previous_rows_[static_cast<std::size_t>(row.resource)].push_back(row);
        for (auto& rows : previous_rows_)
            std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
                return std::tie(a.start, a.product, a.amount) < std::tie(b.start, b.product, b.amount);
            });
    }
}

}  // namespace makepack
