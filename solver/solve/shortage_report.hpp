// What a plan that cannot pack all hard demand leaves short, and what binds:
// the lines `solve` prints with "cannot be scheduled" (docs/unmet-demand.md).
#pragma once

#include "model/schedule.hpp"

#include <string>
#include <vector>

namespace makepack {

struct SkuShortage {
    int sku = -1;
    std::int64_t missing = 0;          // units below the hard requirement
    std::vector<std::string> binding;  // e.g. "line hours: needs ~40 h on L1, L2, 12 h idle"
};

// The SKUs of `plan` short of their hard requirement (Instance::required_units),
// most units first, each with the rules and resources that plausibly bind.
std::vector<SkuShortage> find_shortages(const Instance& instance, const Schedule& plan);

// One line per SKU ("SKU S25: 180000 of 440000 units short; binds: ..."),
// at most `max_lines`, then "... and N more SKUs".
std::vector<std::string> shortage_lines(const Instance& instance, const std::vector<SkuShortage>& shortages,
                                        std::size_t max_lines = 15);

}  // namespace makepack
