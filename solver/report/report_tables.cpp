#include "solver/report/report_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace makepack {

TextTable::TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

void TextTable::add_separator() { rows_.emplace_back(); }

void TextTable::print(std::ostream& out) const {
    std::vector<std::size_t> width(headers_.size());
    for (std::size_t c = 0; c < headers_.size(); ++c) width[c] = headers_[c].size();
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text = "  ";
        for (std::size_t c = 0; c < headers_.size(); ++c) {
            const std::string& cell = c < cells.size() ? cells[c] : std::string();
            const std::string pad(width[c] - cell.size(), ' ');
            if (c > 0) text += "  ";
            text += c == 0 ? cell + pad : pad + cell;
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out << text << '\n';
    };
    line(headers_);
    std::size_t total = 2;
    for (std::size_t c = 0; c < width.size(); ++c) total += width[c] + (c > 0 ? 2 : 0);
    const std::string rule = "  " + std::string(total - 2, '-');
    out << rule << '\n';
    for (const auto& row : rows_) {
        if (row.empty())
            out << rule << '\n';
        else
            line(row);
    }
}

std::string format_number(double value, int decimals) {
    if (std::abs(value) < 5e-10) value = 0;  // no "-0"
    char buffer[64];
    const double rounded = std::round(value);
    if (std::abs(value - rounded) < 1e-9 * std::max(1.0, std::abs(value)) || decimals <= 0) {
        std::snprintf(buffer, sizeof buffer, "%.0f", decimals <= 0 ? value : rounded);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    }
    return buffer;
}

namespace {

std::string num(double value) { return format_number(value, 2); }
std::string num(std::int64_t value) { return std::to_string(value); }
std::string num(int value) { return std::to_string(value); }

}  // namespace

std::string fill_rate_text(double fill_rate) {
    if (fill_rate >= 1) return "100 %";
    // Truncated in hundredths of a percent; the 1e-6 absorbs binary error
    // (0.57 * 10000 = 5699.999...), the cap keeps a short plan below 100.
    const double hundredths = std::min(9999.0, std::floor(std::max(0.0, fill_rate) * 10000 + 1e-6));
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f %%", hundredths / 100);
    return buffer;
}

std::vector<ObjectiveComponent> objective_components(const Instance& instance, const ObjectiveBreakdown& objective) {
    const ObjectiveWeights& w = instance.weights;
    // Unmet units are priced per SKU (Instance::unmet_penalty); one weight
    // column entry only when every SKU pays the instance's price.
    std::optional<double> unmet_weight = w.unmet;
    bool unmet_priced = false;
    if (instance.demand_soft) {
        for (int s = instance.num_pastes; s < static_cast<int>(instance.products.size()); ++s) {
            const double price = instance.unmet_penalty(s);
            if (price != w.unmet) unmet_weight.reset();
            unmet_priced = unmet_priced || price != 0;
        }
    }
    auto plain = [](const char* name, const char* unit, double value, double weight) {
        return ObjectiveComponent{name, unit, value, weight, value * weight, weight != 0};
    };
    return {
        plain("downtime", "hours", objective.downtime, w.downtime),
        plain("changeover", "hours", objective.changeover, w.changeover),
        plain("lateness", "hours", objective.lateness, w.lateness),
        ObjectiveComponent{"unmet", "units", objective.unmet, unmet_weight, objective.unmet_cost, unmet_priced},
        plain("holding", "lb-hours", objective.holding, w.holding),
        plain("overproduction", "units", objective.overproduction, w.overproduction),
        plain("changes", "rows", objective.changes, w.changes),
    };
}

void print_objective(std::ostream& out, const Instance& instance, const ObjectiveBreakdown& objective) {
    out << "Objective (minimise): total " << num(objective.total) << "\n";
    TextTable table({"component", "value", "unit", "weight", "weighted"});
    for (const ObjectiveComponent& c : objective_components(instance, objective)) {
        if (!c.priced && c.value == 0) continue;
        table.add_row({c.name, num(c.value), c.unit, c.weight ? num(*c.weight) : "per SKU", num(c.weighted)});
    }
    table.add_separator();
    table.add_row({"total", "", "", "", num(objective.total)});
    table.print(out);
}

void print_fill_rate(std::ostream& out, const DemandTotals& totals) {
    out << "Fill rate " << fill_rate_text(totals.fill_rate) << ": " << totals.packed << " of " << totals.demand
        << " units of demand packed";
    if (totals.unmet > 0) {
        out << "; " << totals.unmet << " unmet in " << totals.short_skus << (totals.short_skus == 1 ? " SKU" : " SKUs");
        if (totals.unmet_cost != 0) out << " (cost " << num(totals.unmet_cost) << ")";
    }
    out << "\n";
}

void print_plan_result(std::ostream& out, const Instance& instance, const Schedule& schedule,
                       const ObjectiveBreakdown& objective, double lower_bound) {
    print_objective(out, instance, objective);
    if (lower_bound > 0)
        out << "Lower bound " << format_number(lower_bound) << ", gap "
            << format_number(gap_percent(objective.total, lower_bound)) << " %\n";
    print_fill_rate(out, demand_totals(sku_kpis(instance, schedule)));
}

void print_resource_table(std::ostream& out, const Instance& instance, const std::vector<ResourceKpi>& kpis) {
    out << "Per resource (hours of the " << instance.horizon << "-" << instance.time_unit << " horizon):\n";
    TextTable table({"resource", "rows", "production", "unit", "work", "exp.downtime", "changeover", "maintenance",
                     "shift breaks", "spare", "outage", "idle"});
    auto add = [&](const std::string& name, const std::vector<const ResourceKpi*>& group, const char* unit) {
        ResourceKpi sum;
        for (const ResourceKpi* k : group) {
            sum.rows += k->rows;
            sum.production += k->production;
            sum.work_hours += k->work_hours;
            sum.downtime_hours += k->downtime_hours;
            sum.changeover_hours += k->changeover_hours;
            sum.maintenance_hours += k->maintenance_hours;
            sum.shift_break_hours += k->shift_break_hours;
            sum.spare_hours += k->spare_hours;
            sum.outage_hours += k->outage_hours;
            sum.idle_hours += k->idle_hours;
        }
        table.add_row({name, num(sum.rows), num(sum.production), unit, num(sum.work_hours), num(sum.downtime_hours),
                       num(sum.changeover_hours), num(sum.maintenance_hours), num(sum.shift_break_hours),
                       num(sum.spare_hours), num(sum.outage_hours), num(sum.idle_hours)});
    };
    std::vector<const ResourceKpi*> mixers, lines;
    for (const ResourceKpi& k : kpis) {
        const bool mixer = instance.is_mixer(k.resource);
        (mixer ? mixers : lines).push_back(&k);
        add(instance.resources[static_cast<std::size_t>(k.resource)].id, {&k}, mixer ? "batches" : "units");
    }
    table.add_separator();
    if (!mixers.empty()) add("all mixers", mixers, "batches");
    if (!lines.empty()) add("all lines", lines, "units");
    table.print(out);
}

void print_paste_table(std::ostream& out, const Instance& instance, const std::vector<PasteKpi>& kpis) {
    bool any_initial = false, any_scrap = false, any_short = false;
    for (const PasteKpi& k : kpis) {
        any_initial = any_initial || k.initial_stock > 0;
        any_scrap = any_scrap || instance.products[static_cast<std::size_t>(k.paste)].max_hold.has_value();
        any_short = any_short || k.shortfall > 0;
    }
    out << "Paste made against paste needed (lbs):\n";
    std::vector<std::string> headers{"paste", "batches", "made"};
    if (any_initial) headers.push_back("initial");
    headers.insert(headers.end(), {"used by rows", "needed by demand", "made-needed"});
    if (any_scrap) headers.push_back("scrapped");
    if (any_short) headers.push_back("short");
    headers.push_back("left over");
    TextTable table(headers);
    PasteKpi sum;
    for (const PasteKpi& k : kpis) {
        sum.batches += k.batches;
        sum.made += k.made;
        sum.initial_stock += k.initial_stock;
        sum.consumed += k.consumed;
        sum.demand += k.demand;
        sum.scrapped += k.scrapped;
        sum.shortfall += k.shortfall;
        sum.leftover += k.leftover;
    }
    auto add = [&](const std::string& name, const PasteKpi& k) {
        std::vector<std::string> cells{name, num(k.batches), num(k.made)};
        if (any_initial) cells.push_back(num(k.initial_stock));
        cells.insert(cells.end(), {num(k.consumed), num(k.demand), num(k.initial_stock + k.made - k.demand)});
        if (any_scrap) cells.push_back(num(k.scrapped));
        if (any_short) cells.push_back(num(k.shortfall));
        cells.push_back(num(k.leftover));
        table.add_row(std::move(cells));
    };
    for (const PasteKpi& k : kpis) add(instance.products[static_cast<std::size_t>(k.paste)].id, k);
    table.add_separator();
    add("total", sum);
    table.print(out);
}

void print_sku_table(std::ostream& out, const Instance& instance, const std::vector<SkuKpi>& kpis) {
    bool any_due = false;
    for (const SkuKpi& k : kpis) any_due = any_due || k.due.has_value();
    const DemandTotals totals = demand_totals(kpis);
    // Unmet units have a price only under soft demand (under hard demand they are a violation).
    const bool costs = instance.demand_soft;
    out << "Units packed against demand:\n";
    std::vector<std::string> headers{"sku", "paste", "rows", "produced", "demand", "unmet", "fill"};
    if (costs) headers.push_back("unmet cost");
    headers.insert(headers.end(), {"over", "last end"});
    if (any_due) headers.insert(headers.end(), {"due", "lateness"});
    TextTable table(headers);
    SkuKpi sum;
    for (const SkuKpi& k : kpis) {
        const Product& sku = instance.products[static_cast<std::size_t>(k.sku)];
        std::vector<std::string> cells{k.unmet > 0 ? sku.id + " *" : sku.id,
                                       sku.paste >= 0 ? instance.products[static_cast<std::size_t>(sku.paste)].id : "",
                                       num(k.rows),
                                       num(k.produced),
                                       num(k.demand),
                                       num(k.unmet),
                                       fill_rate_text(k.fill_rate)};
        if (costs) cells.push_back(num(k.unmet_cost));
        cells.insert(cells.end(), {num(k.over), k.last_end ? num(*k.last_end) : "-"});
        if (any_due) {
            cells.push_back(k.due ? num(*k.due) : "-");
            cells.push_back(num(k.lateness));
        }
        table.add_row(std::move(cells));
        sum.rows += k.rows;
        sum.produced += k.produced;
        sum.over += k.over;
        sum.lateness += k.lateness;
    }
    table.add_separator();
    std::vector<std::string> cells{"total", "", num(sum.rows), num(sum.produced), num(totals.demand),
                                   num(totals.unmet), fill_rate_text(totals.fill_rate)};
    if (costs) cells.push_back(num(totals.unmet_cost));
    cells.insert(cells.end(), {num(sum.over), ""});
    if (any_due) cells.insert(cells.end(), {"", num(sum.lateness)});
    table.add_row(std::move(cells));
    table.print(out);
    if (totals.short_skus > 0)
        out << "  * short: " << totals.short_skus << (totals.short_skus == 1 ? " SKU" : " SKUs")
            << " not fully packed, " << totals.unmet << " units unmet\n";
}

}  // namespace makepack
