#include "solver/report/csv_export.hpp"

#include "solver/report/clock.hpp"
#include "solver/report/items.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace makepack::report {

namespace {

// Shortest text that reads back as the same double (no exponent for plant-sized values).
std::string number(double value) {
    if (std::abs(value) < 5e-10) return "0";
    char buffer[64];
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    std::string text = buffer;
    if (text.find('e') != std::string::npos) {
        std::snprintf(buffer, sizeof buffer, "%.6f", value);
        text = buffer;
        while (!text.empty() && text.back() == '0') text.pop_back();
        if (!text.empty() && text.back() == '.') text.pop_back();
    }
    return text;
}

}  // namespace

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string schedule_csv(const Instance& instance, const Schedule& schedule) {
    const Clock clock(instance);
    std::string out =
        "resource,stage,kind,product,paste,quantity,batches,lbs,start,end,start_datetime,end_datetime,work_hours,"
        "downtime_cost,note\r\n";
    auto id = [&](int product) {
        return product >= 0 && product < static_cast<int>(instance.products.size())
                   ? instance.products[static_cast<std::size_t>(product)].id
                   : std::string();
    };
    for (const Item& item : schedule_items(instance, schedule)) {
        const bool mixer = instance.is_mixer(item.resource);
        const bool row = item.kind == ItemKind::Row;
        std::string note;
        if (item.kind == ItemKind::Changeover)
            note = "after " + id(item.product) +
                   (item.next_product >= 0 ? ", before " + id(item.next_product) : std::string(", last row"));
        if (item.kind == ItemKind::Outage) note = item.reason;
        const std::string fields[] = {
            instance.resources[static_cast<std::size_t>(item.resource)].id,
            mixer ? "mixer" : "line",
            to_string(item.kind),
            id(item.product),
            row || item.kind == ItemKind::Changeover ? id(paste_of(instance, item.product)) : std::string(),
            row && !mixer ? std::to_string(item.amount) : std::string(),
            row && mixer ? std::to_string(item.amount) : std::string(),
            row ? number(item.lbs) : std::string(),
            std::to_string(item.start),
            std::to_string(item.end),
            clock.iso(item.start),
            clock.iso(item.end),
            row || item.kind == ItemKind::Changeover ? std::to_string(item.work_hours) : std::string(),
            row ? number(item.downtime_hours) : std::string(),
            note,
        };
        bool first = true;
        for (const std::string& field : fields) {
            if (!first) out += ',';
            first = false;
            out += csv_field(field);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace makepack::report
