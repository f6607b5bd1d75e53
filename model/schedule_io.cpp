// Schedule YAML (MODEL.md 8): reading what `verify` checks, writing what `solve` outputs.
#include "model/schedule_io.hpp"

#include "model/checker.hpp"
#include "model/input_file.hpp"
#include "model/io_rows.hpp"
#include "model/io_yaml.hpp"
#include "model/yaml_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace makepack {

namespace {

using io::Field;

// MODEL.md 7 component names, in the order they are written.
constexpr const char* kComponents[] = {"downtime", "changeover", "lateness", "unmet",
                                       "holding", "overproduction", "changes"};

// --- reading ----------------------------------------------------------------

StatedObjective read_objective(const Field& f) {
    f.expect_map();
    for (std::size_t i = 0; i < f.size(); ++i) {
        const std::string key = f.entry_key(i);
        const bool known = key == "total" || std::any_of(std::begin(kComponents), std::end(kComponents),
                                                         [&](const char* c) { return key == c; });
        if (!known)
            f.fail_key(key, "unknown objective component (expected total, downtime, changeover, lateness, unmet, "
                            "holding, overproduction or changes)");
    }
    StatedObjective stated;
    stated.total = f.require("total").as_number(-1e300, 1e300);  // MODEL.md 9.11: total must be present
    for (const char* c : kComponents)
        if (auto v = f.get(c)) stated.components[c] = v->as_number(-1e300, 1e300);
    return stated;
}

Schedule read_schedule(const Instance& instance, const io::Document& doc) {
    const Field root = io::root_field(doc);
    root.expect_map();
    root.check_keys({"instance", "objective", "rows", "blocks"});
    Schedule s;
    if (auto f = root.get("instance")) s.instance_name = f->as_string();
    if (auto f = root.get("objective")) s.stated = read_objective(*f);
    if (auto rows = root.get("rows")) {
        rows->expect_sequence();
        s.rows.reserve(rows->size());
        io::AmountTotal total;
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const Field item = rows->item(i);
            io::RowRead r = io::read_row(instance, item, io::RowCheck::LeaveToChecker);
            total.add(instance, item, r.row);
            r.row.end = *r.stated_end;  // the checker compares it with the derived one
            s.rows.push_back(r.row);
        }
    }
    if (auto blocks = root.get("blocks")) {
        blocks->expect_sequence();
        s.blocks.reserve(blocks->size());
        for (std::size_t i = 0; i < blocks->size(); ++i) s.blocks.push_back(io::read_block(instance, blocks->item(i)));
    }
    // MODEL.md 9.11: the total must be present. Checked after the rows, so a
    // file with a wrong id reports that first.
    if (!s.stated) root.fail_missing("objective");
    return s;
}

// --- writing ----------------------------------------------------------------

using yaml_text::number;
using yaml_text::scalar;

double component(const ObjectiveBreakdown& o, std::string_view name) {
    if (name == "downtime") return o.downtime;
    if (name == "changeover") return o.changeover;
    if (name == "lateness") return o.lateness;
    if (name == "unmet") return o.unmet;
    if (name == "holding") return o.holding;
    if (name == "overproduction") return o.overproduction;
    return o.changes;
}

double weight(const ObjectiveWeights& w, std::string_view name) {
    if (name == "downtime") return w.downtime;
    if (name == "changeover") return w.changeover;
    if (name == "lateness") return w.lateness;
    if (name == "unmet") return w.unmet;
    if (name == "holding") return w.holding;
    if (name == "overproduction") return w.overproduction;
    return w.changes;
}

std::string objective_line(const Instance& instance, const ObjectiveBreakdown& objective) {
    std::string out = "objective: {total: " + number(objective.total);
    for (const char* c : kComponents) {
        const double v = component(objective, c);
        if (v != 0 || weight(instance.weights, c) != 0) out += std::string(", ") + c + ": " + number(v);
    }
    return out + "}\n";
}

bool by_resource_then_start(const Row& a, const Row& b) {
    if (a.resource != b.resource) return a.resource < b.resource;
    if (a.start != b.start) return a.start < b.start;
    return a.product < b.product;
}

// Changeover after every row (MODEL.md 3), for display: from the row's end,
// paused over breaks like work; the next row on the resource decides its length.
void add_changeover_blocks(const Instance& instance, const std::vector<Row>& sorted, std::vector<Block>& blocks) {
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const Row& row = sorted[i];
        const bool has_next = i + 1 < sorted.size() && sorted[i + 1].resource == row.resource;
        const int hours = instance.changeover(row.product, has_next ? sorted[i + 1].product : -1);
        if (hours <= 0) continue;  // a zero-length block is no block
        blocks.push_back({row.resource, BlockKind::Changeover, row.end, instance.end_after(row.resource, row.end, hours)});
    }
}

}  // namespace

std::string row_flow_map(const Instance& instance, const Row& row) {
    return yaml_text::FlowMap()
        .text("resource", instance.resources[static_cast<std::size_t>(row.resource)].id)
        .text("product", instance.products[static_cast<std::size_t>(row.product)].id)
        .integer(instance.is_mixer(row.resource) ? "batches" : "quantity", row.amount)
        .integer("start", row.start)
        .integer("end", row.end)
        .str();
}

std::string block_flow_map(const Instance& instance, const Block& block) {
    return yaml_text::FlowMap()
        .text("resource", instance.resources[static_cast<std::size_t>(block.resource)].id)
        .raw("kind", to_string(block.kind))
        .integer("start", block.start)
        .integer("end", block.end)
        .str();
}

Schedule parse_schedule(const Instance& instance, const std::string& yaml_text, const std::string& name) {
    const io::Document doc = io::Document::parse(yaml_text, name);
    return read_schedule(instance, doc);
}

Schedule load_schedule(const Instance& instance, const std::string& path) {
    return parse_schedule(instance, read_input_file(path, "a schedule"), path);
}

std::string schedule_to_yaml(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective) {
    std::vector<Row> rows = schedule.rows;
    for (Row& r : rows)  // rows the checker would flag (ineligible, amount < 1) keep their end
        if (r.amount >= 1 && instance.eligible(r.product, r.resource)) r.end = instance.row_end(r);
    std::sort(rows.begin(), rows.end(), by_resource_then_start);

    // Solver decisions from the schedule; derived kinds are re-derived here
    // (changeovers) or are instance data (breaks, outages), never copied.
    std::vector<Block> blocks;
    for (const Block& b : schedule.blocks)
        if (b.kind == BlockKind::Maintenance || b.kind == BlockKind::SpareCapacity) blocks.push_back(b);
    add_changeover_blocks(instance, rows, blocks);
    std::sort(blocks.begin(), blocks.end(), [](const Block& a, const Block& b) {
        if (a.resource != b.resource) return a.resource < b.resource;
        if (a.start != b.start) return a.start < b.start;
        return a.kind < b.kind;
    });

    std::string out;
    out.reserve(128 + rows.size() * 80 + blocks.size() * 72);
    out += "instance: " + scalar(schedule.instance_name.empty() ? instance.name : schedule.instance_name) + "\n";
    out += objective_line(instance, objective);
    out += rows.empty() ? "rows: []\n" : "rows:\n";
    for (const Row& r : rows) {
        out += "  - " + row_flow_map(instance, r) + "\n";
    }
    out += blocks.empty() ? "blocks: []\n" : "blocks:\n";
    for (const Block& b : blocks)
        out += "  - " + block_flow_map(instance, b) + "\n";
    return out;
}

}  // namespace makepack
