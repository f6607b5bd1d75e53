#include "model/rules/demand.hpp"

#include <algorithm>
#include <climits>

namespace makepack {

SkuCost check_sku_demand(const Instance& instance, int sku, std::span<const Row> rows, ViolationSink& sink) {
    const Product& product = instance.products[static_cast<std::size_t>(sku)];
    SkuCost cost;
    long long produced = 0;
    int last_end = INT_MIN;
    for (const Row& row : rows) {
        const int end = instance.row_end(row);
        produced += row.amount;
        last_end = std::max(last_end, end);
        if (product.due && product.due_hard && end > *product.due)
            sink.report([&] {
                return Violation{"due", product.id, row.start, end,
                                 "row on " + instance.resources[static_cast<std::size_t>(row.resource)].id +
                                     " ends at " + std::to_string(end) + ", after the hard due time " +
                                     std::to_string(*product.due)};
            });
    }
    if (product.due && !rows.empty()) cost.lateness = std::max(0, last_end - *product.due);
    const long long demand = product.demand;
    cost.overproduction = static_cast<double>(std::max(0LL, produced - demand));
    if (instance.demand_soft && produced < demand) {
        cost.unmet = static_cast<double>(demand - produced);
        cost.unmet_cost = cost.unmet * instance.unmet_penalty(sku);
    }
    const long long required = instance.required_units(sku);
    if (produced < required) {
        if (instance.relax_hard_demand) {
            cost.shortfall = static_cast<double>(required - produced);
        } else {
            sink.report([&] {
                return Violation{"demand", product.id, 0, instance.horizon,
                                 "produces " + std::to_string(produced) + " units, " +
                                     (instance.demand_soft ? "its min_fill requires " + std::to_string(required)
                                                           : "demand is " + std::to_string(demand))};
            });
        }
    }
    return cost;
}

}  // namespace makepack
