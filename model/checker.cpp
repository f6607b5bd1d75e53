// check_schedule: groups the schedule by resource, paste and SKU and runs the
// rule groups of model/rules/ on each part (a local search calls the same
// groups on just the parts a move touched).
#include "model/checker.hpp"

#include "model/rules/demand.hpp"
#include "model/rules/format.hpp"
#include "model/rules/material_flow.hpp"
#include "model/rules/objective_rules.hpp"
#include "model/rules/resource_timeline.hpp"
#include "model/rules/row_shape.hpp"
#include "model/rules/rule_context.hpp"
#include "model/rules/storage.hpp"
#include "model/rules/violation_sink.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace makepack {

std::string to_string(const Violation& violation) {
    std::string text = violation.rule;
    if (!violation.subject.empty()) text += " " + violation.subject;
    text += " " + interval_text(violation.start, violation.end) + ": " + violation.detail;
    return text;
}

void ObjectiveBreakdown::compute_total(const ObjectiveWeights& weights) {
    total = weights.downtime * downtime + weights.changeover * changeover + weights.lateness * lateness +
            unmet_cost + weights.holding * holding + weights.overproduction * overproduction +
            weights.changes * changes;
}

namespace {

// Rows and blocks grouped by resource (unknown resources cannot be placed anywhere).
struct ByResource {
    std::vector<std::vector<Row>> rows;
    std::vector<std::vector<Block>> blocks;
};

ByResource group_by_resource(const Instance& instance, const Schedule& schedule, ViolationSink& sink) {
    const std::size_t num_resources = instance.resources.size();
    ByResource by{std::vector<std::vector<Row>>(num_resources), std::vector<std::vector<Block>>(num_resources)};
    for (const Row& row : schedule.rows) {
        if (row.resource < 0 || static_cast<std::size_t>(row.resource) >= num_resources) {
            sink.report([&] {
                return Violation{"eligibility", "", row.start, row.end, "row on unknown resource #" + std::to_string(row.resource)};
            });
            continue;
        }
        by.rows[static_cast<std::size_t>(row.resource)].push_back(row);
    }
    for (const Block& block : schedule.blocks) {
        if (block.resource < 0 || static_cast<std::size_t>(block.resource) >= num_resources) {
            sink.report([&] {
                return Violation{"eligibility", "", block.start, block.end,
                                 std::string(to_string(block.kind)) + " on unknown resource #" +
                                     std::to_string(block.resource)};
            });
            continue;
        }
        by.blocks[static_cast<std::size_t>(block.resource)].push_back(block);
    }
    return by;
}

// Group 1 per resource; returns the well-formed rows, which go on to the other groups.
std::vector<Row> check_resources(const RuleContext& context, ByResource& by, const CheckOptions& options,
                                 ObjectiveBreakdown& objective, ViolationSink& sink) {
    const Instance& instance = context.instance();
    const TimelineOptions timeline_options{options.compare_stated};
    std::vector<Row> good_rows;
    std::size_t row_count = 0;
    for (const std::vector<Row>& rows : by.rows) row_count += rows.size();
    good_rows.reserve(row_count);
    for (std::size_t r = 0; r < by.rows.size(); ++r) {
        std::vector<Row>& rows = by.rows[r];
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
            return std::tie(a.start, a.end, a.product, a.amount) < std::tie(b.start, b.end, b.product, b.amount);
        });
        const ResourceCost cost =
            check_resource_timeline(context, static_cast<int>(r), rows, by.blocks[r], timeline_options, sink);
        objective.downtime += cost.downtime;
        objective.changeover += cost.changeover;
        objective.changes += cost.changes;
        for (const Row& row : rows)
            if (well_formed(instance, row)) good_rows.push_back(row);
    }
    return good_rows;
}

// Group 2 per paste, group 3 for the plant, group 4 per SKU.
void check_materials(const Instance& instance, const std::vector<Row>& good_rows, CheckResult& result,
                     ViolationSink& sink) {
    ObjectiveBreakdown& objective = result.objective;
    const std::size_t num_products = instance.products.size();
    std::vector<std::vector<Row>> made_of(num_products);
    std::vector<std::vector<Row>> filled_of(num_products);  // line rows by paste
    std::vector<std::vector<Row>> packed_of(num_products);  // line rows by SKU
    for (const Row& row : good_rows) {
        const std::size_t product = static_cast<std::size_t>(row.product);
        if (instance.is_mixer(row.resource)) {
            made_of[product].push_back(row);
        } else {
            filled_of[static_cast<std::size_t>(instance.products[product].paste)].push_back(row);
            packed_of[product].push_back(row);
        }
    }
    std::vector<std::vector<LbsEvent>> scraps(static_cast<std::size_t>(instance.num_pastes));
    for (int p = 0; p < instance.num_pastes; ++p) {
        const std::size_t i = static_cast<std::size_t>(p);
        PasteFlow flow = check_paste_flow(instance, p, made_of[i], filled_of[i], sink);
        objective.holding += flow.holding;
        result.scrap_lbs += flow.scrap_lbs;
        result.leftover_lbs += flow.leftover_lbs;
        scraps[i] = std::move(flow.scraps);
    }
    check_storage(instance, good_rows, scraps, sink);  // group 3
    for (int s = instance.num_pastes; s < static_cast<int>(num_products); ++s) {
        const SkuCost cost = check_sku_demand(instance, s, packed_of[static_cast<std::size_t>(s)], sink);
        objective.lateness += cost.lateness;
        objective.unmet += cost.unmet;
        objective.unmet_cost += cost.unmet_cost;
        objective.shortfall += cost.shortfall;
        objective.overproduction += cost.overproduction;
    }
}

// `changes` needs the review's previous plan: group 1 counted it when the
// instance knows it; a file's instance does not, so a stated whole number
// >= 0 is taken as given (docs/model-decisions.md).
void take_stated_changes(const RuleContext& context, const Schedule& schedule, ObjectiveBreakdown& objective,
                         ViolationSink& sink) {
    if (context.knows_previous() || !schedule.stated) return;
    const auto it = schedule.stated->components.find("changes");
    if (it == schedule.stated->components.end()) return;
    const double stated = it->second;
    if (stated >= 0 && stated <= 1e15 && stated == std::floor(stated))
        objective.changes = stated;
    else
        sink.report([&] {
            return Violation{"objective", "", 0, context.instance().horizon,
                             "changes stated " + number_text(stated) + ", not a whole number >= 0"};
        });
}

}  // namespace

CheckResult check_schedule(const Instance& instance, const Schedule& schedule, const CheckOptions& options) {
    const RuleContext context(instance);
    ViolationSink sink(options.max_violations);
    CheckResult result;
    ByResource by_resource = group_by_resource(instance, schedule, sink);
    const std::vector<Row> good_rows = check_resources(context, by_resource, options, result.objective, sink);
    check_materials(instance, good_rows, result, sink);
    // Group 5: the objective, and the one a file states.
    take_stated_changes(context, schedule, result.objective, sink);
    result.objective.compute_total(instance.weights);
    if (options.compare_stated && schedule.stated)
        check_stated_objective(*schedule.stated, result.objective, instance.horizon, sink);
    result.violation_count = sink.count();
    result.violations = sink.take();
    return result;
}

}  // namespace makepack
