#include "solver/report/kpi_tables.hpp"

#include "solver/report/clock.hpp"
#include "solver/report/report_tables.hpp"

#include <algorithm>
#include <cstdio>

namespace makepack::report {

namespace {

std::string percent(double part, double whole) {
    if (whole <= 0) return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * part / whole);
    return buffer;
}

}  // namespace

void print_availability_table(std::ostream& out, const Instance& instance, const std::vector<ResourceKpi>& kpis,
                              const std::vector<ResourceAvailability>& availability) {
    out << "Utilisation and availability (hours; utilisation = work / available, availability = OT / LT,\n"
           "thesis OEE availability rate, formula 3.2; docs/report.md):\n";
    TextTable table({"resource", "work", "available", "utilisation", "planned stops", "loading LT", "changeover",
                     "exp.downtime", "outage", "operating OT", "availability"});
    struct Sum {
        double work = 0, available = 0, planned = 0, loading = 0, changeover = 0, downtime = 0, outage = 0,
               operating = 0;
    };
    auto add = [&](const std::string& name, const Sum& s) {
        table.add_row({name, format_number(s.work), format_number(s.available), percent(s.work, s.available),
                       format_number(s.planned), format_number(s.loading), format_number(s.changeover),
                       format_number(s.downtime), format_number(s.outage), format_number(s.operating),
                       percent(s.operating, s.loading)});
    };
    Sum mixers, lines;
    bool any_mixer = false, any_line = false;
    for (std::size_t i = 0; i < kpis.size() && i < availability.size(); ++i) {
        const ResourceKpi& k = kpis[i];
        const ResourceAvailability& a = availability[i];
        Sum s{static_cast<double>(k.work_hours), static_cast<double>(a.available_hours),
              static_cast<double>(a.planned_stop_hours), static_cast<double>(a.loading_hours),
              static_cast<double>(k.changeover_hours), k.downtime_hours, static_cast<double>(a.outage_work_hours),
              a.operating_hours};
        add(instance.resources[static_cast<std::size_t>(k.resource)].id, s);
        const bool mixer = instance.is_mixer(k.resource);
        Sum& group = mixer ? mixers : lines;
        (mixer ? any_mixer : any_line) = true;
        group.work += s.work;
        group.available += s.available;
        group.planned += s.planned;
        group.loading += s.loading;
        group.changeover += s.changeover;
        group.downtime += s.downtime;
        group.outage += s.outage;
        group.operating += s.operating;
    }
    table.add_separator();
    if (any_mixer) add("all mixers", mixers);
    if (any_line) add("all lines", lines);
    table.print(out);
}

void print_stock_table(std::ostream& out, const Instance& instance, const std::vector<PasteStock>& stock) {
    const Clock clock(instance);
    bool any_scrap = false;
    for (const PasteStock& s : stock) any_scrap = any_scrap || instance.products[static_cast<std::size_t>(s.paste)].max_hold;
    out << "Paste stock (lbs; FIFO, lots enter at their mixer row's end, line rows take them at their start):\n";
    std::vector<std::string> headers{"paste", "peak", "peak at", clock.has_dates() ? "date" : "", "left over"};
    if (!clock.has_dates()) headers.erase(headers.begin() + 3);
    if (any_scrap) headers.push_back("scrapped");
    TextTable table(headers);
    double leftover = 0, scrapped = 0, peak = 0;
    for (const PasteStock& s : stock) {
        std::vector<std::string> cells{instance.products[static_cast<std::size_t>(s.paste)].id, format_number(s.peak),
                                       s.peak > 0 ? std::to_string(s.peak_time) : "-"};
        if (clock.has_dates()) cells.push_back(s.peak > 0 ? clock.text(s.peak_time) : "-");
        cells.push_back(format_number(s.leftover));
        if (any_scrap) cells.push_back(format_number(s.scrapped));
        table.add_row(std::move(cells));
        leftover += s.leftover;
        scrapped += s.scrapped;
        peak = std::max(peak, s.peak);
    }
    table.add_separator();
    std::vector<std::string> cells{"total", "", ""};
    if (clock.has_dates()) cells.push_back("");
    cells.push_back(format_number(leftover));
    if (any_scrap) cells.push_back(format_number(scrapped));
    table.add_row(std::move(cells));
    table.print(out);
}

}  // namespace makepack::report
