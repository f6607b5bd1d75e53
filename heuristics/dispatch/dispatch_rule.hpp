// One weighted dispatch rule of an APS optimize-rule set (docs/rules.md): a
// small scoring object that rates "this SKU next on this line". Every rule
// returns a raw value where LOWER is chosen earlier; the dispatcher puts the
// values of one decision on a common 0..1 scale (the seed's "Ranges") before
// it weighs them.
#pragma once

#include "heuristics/timeline.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace makepack {

// What a rule may look at for one candidate: the SKU, the line, the line's
// previous product and when it is free, what is left of the SKU's demand and
// of its paste's stock.
struct DispatchView {
    const Instance& instance;
    int sku = -1;
    int line = -1;
    int previous = -1;            // product of the line's last row, -1 none
    int free_at = 0;              // when the line is free for the next row
    std::int64_t units_left = 0;  // of the SKU's demand, not yet placed
    double paste_stock = 0;       // lbs of the SKU's paste made (or in stock) and not yet used
};

class DispatchRule {
public:
    virtual ~DispatchRule() = default;
    virtual const char* name() const = 0;         // as in --rule NAME=WEIGHT
    virtual const char* description() const = 0;  // one line for --help and docs
    virtual double value(const DispatchView& view) const = 0;  // lower = chosen earlier
};

// The built-in rules, in a fixed order (the index is the weight's slot in RuleSet).
const std::vector<std::unique_ptr<DispatchRule>>& dispatch_rules();

}  // namespace makepack
