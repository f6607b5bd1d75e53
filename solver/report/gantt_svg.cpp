#include "solver/report/gantt_svg.hpp"

#include "model/kpi.hpp"
#include "solver/report/clock.hpp"
#include "solver/report/colours.hpp"
#include "solver/report/items.hpp"
#include "solver/report/text.hpp"
#include "solver/report/report_tables.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace makepack::report {

namespace {

// --- geometry ------------------------------------------------------------------

constexpr double kTitleHeight = 50;
constexpr double kAxisHeight = 38;
constexpr double kHeaderHeight = 18;  // "Mixers", "Lines", "Paste stock" headers
constexpr double kGroupGap = 6;
constexpr double kRightColumn = 52;   // utilisation per lane
constexpr double kMarginRight = 10;
constexpr double kFont = 11;

// Coordinates with at most one decimal ("12", "12.5").
std::string f(double value) {
    char buffer[32];
    const double rounded = std::round(value * 10) / 10;
    if (rounded == std::floor(rounded))
        std::snprintf(buffer, sizeof buffer, "%.0f", rounded);
    else
        std::snprintf(buffer, sizeof buffer, "%.1f", rounded);
    return buffer;
}

// 0.16 -> "0.16", 0.125 -> "0.125".
std::string rate_text(double rate) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", rate);
    std::string text = buffer;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

double text_width(const std::string& text, double font) { return static_cast<double>(text.size()) * font * 0.6; }

struct Layout {
    int horizon = 1;
    double pxh = 1;  // px per time unit
    double x0 = 0;   // left edge of the plot
    double plot_w = 0;
    double width = 0;
    double height = 0;
    double lane_h = 24;
    double bar_pad = 3;
    double bar_font = 10;
    double label_font = 11;
    double mixers_header = 0, lines_header = 0, stock_header = 0;
    std::vector<double> lane_y;  // by resource
    double lanes_top = 0;        // top of the first lane header (grid start)
    double grid_bottom = 0;      // bottom of the last stock lane
    std::vector<int> stock;      // pastes with a stock lane, in drawing order
    bool stock_all = true;
    double stock_h = 34;
    std::vector<double> stock_y;
    double legend_y = 0;
    double x(double t) const { return x0 + t * pxh; }
};

// --- the chart -------------------------------------------------------------------

class Chart {
public:
    Chart(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective,
          const GanttOptions& options)
        : in_(instance),
          schedule_(schedule),
          objective_(objective),
          options_(options),
          clock_(instance),
          items_(schedule_items(instance, schedule)),
          kpis_(resource_kpis(instance, schedule)),
          availability_(resource_availability(instance, schedule, kpis_)),
          stock_(paste_stock(instance, schedule)),
          skus_(sku_kpis(instance, schedule)),
          demand_(demand_totals(skus_)) {}

    std::string render() {
        layout();
        out_.reserve(256 * 1024);
        if (!options_.for_html) out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\"";
        if (options_.for_html) out_ += " id=\"gantt\"";
        out_ += " width=\"" + f(l_.width) + "\" height=\"" + f(l_.height) + "\" viewBox=\"0 0 " + f(l_.width) + " " +
                f(l_.height) + "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"" + f(kFont) + "\"";
        // For the HTML script: the time axis (plot left, px per unit, horizon, start).
        out_ += " data-x0=\"" + f(l_.x0) + "\" data-pxh=\"" + std::to_string(l_.pxh) + "\" data-horizon=\"" +
                std::to_string(in_.horizon) + "\" data-start=\"" + xml_escape(clock_.iso(0)) + "\" data-unit-minutes=\"" +
                std::to_string(clock_.unit_minutes()) + "\">\n";
        out_ += "<title>" + xml_escape(gantt_title(in_, objective_)) + "</title>\n";
        defs();
        out_ += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
        title();
        lane_backgrounds();
        grid_and_axis();
        resource_lanes();
        frozen_overlay();
        stock_lanes();
        legend();
        out_ += "</svg>\n";
        return std::move(out_);
    }

private:
    const Instance& in_;
    const Schedule& schedule_;
    const ObjectiveBreakdown& objective_;
    const GanttOptions& options_;
    const Clock clock_;
    const std::vector<Item> items_;
    const std::vector<ResourceKpi> kpis_;
    const std::vector<ResourceAvailability> availability_;
    const std::vector<PasteStock> stock_;
    const std::vector<SkuKpi> skus_;  // by SKU index - num_pastes
    const DemandTotals demand_;
    Layout l_;
    std::string out_;
    std::map<std::tuple<int, int, int>, int> break_patterns_;  // (every, duration, offset) -> pattern number

    const std::string& rid(int r) const { return in_.resources[static_cast<std::size_t>(r)].id; }
    const std::string& pid(int p) const { return in_.products[static_cast<std::size_t>(p)].id; }

    double hours_per_unit() const { return clock_.unit_minutes() / 60.0; }

    // The SKU's KPIs when `product` is a SKU with unmet demand, else nullptr.
    const SkuKpi* short_sku(int product) const {
        const int s = product - in_.num_pastes;
        if (s < 0 || s >= static_cast<int>(skus_.size())) return nullptr;
        const SkuKpi& k = skus_[static_cast<std::size_t>(s)];
        return k.unmet > 0 ? &k : nullptr;
    }
    // "S3: 500 of 1000 units unmet (fill 50 %)".
    std::string shortage_text(const SkuKpi& k) const {
        return pid(k.sku) + ": " + std::to_string(k.unmet) + " of " + std::to_string(k.demand) + " units unmet (fill " +
               fill_rate_text(k.fill_rate) + ")";
    }

    void layout() {
        const int resources = static_cast<int>(in_.resources.size());
        l_.horizon = std::max(1, in_.horizon);
        // Width scales with the horizon: 1.6 px per hour, 1100..9000 px of plot.
        const double hours = l_.horizon * hours_per_unit();
        l_.plot_w = std::clamp(hours * 1.6, 1100.0, 9000.0);
        l_.pxh = l_.plot_w / l_.horizon;
        std::size_t longest = 6;  // "Mixers"
        for (const Resource& r : in_.resources) longest = std::max(longest, r.id.size());
        l_.x0 = std::max(64.0, static_cast<double>(longest) * 7.0 + 20);
        l_.width = l_.x0 + l_.plot_w + kRightColumn + kMarginRight;

        // Lane height adapts: ~660 px for all resource lanes, 14..30 px each.
        l_.lane_h = std::clamp(std::floor(660.0 / std::max(1, resources)), 14.0, 30.0);
        l_.bar_pad = l_.lane_h >= 22 ? 3 : 2;
        l_.bar_font = std::clamp(std::floor(l_.lane_h * 0.45), 8.0, 11.0);
        l_.label_font = std::clamp(l_.lane_h - 4, 9.0, 12.0);

        double y = kTitleHeight + kAxisHeight;
        l_.lanes_top = y;
        l_.lane_y.assign(static_cast<std::size_t>(resources), 0);
        if (in_.num_mixers > 0) {
            l_.mixers_header = y;
            y += kHeaderHeight;
            for (int r = 0; r < in_.num_mixers; ++r, y += l_.lane_h) l_.lane_y[static_cast<std::size_t>(r)] = y;
            y += kGroupGap;
        }
        if (in_.num_lines() > 0) {
            l_.lines_header = y;
            y += kHeaderHeight;
            for (int r = in_.num_mixers; r < resources; ++r, y += l_.lane_h) l_.lane_y[static_cast<std::size_t>(r)] = y;
            y += kGroupGap;
        }

        // Stock lanes: every paste when few, else the top N by peak.
        const int limit = std::max(0, options_.stock_pastes);
        std::vector<int> order;
        for (const PasteStock& s : stock_)
            if (s.peak > 0) order.push_back(s.paste);
        l_.stock_all = static_cast<int>(order.size()) <= limit + 4 || limit == 0;
        if (limit == 0) order.clear();
        if (!l_.stock_all) {
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                return stock_[static_cast<std::size_t>(a)].peak > stock_[static_cast<std::size_t>(b)].peak;
            });
            order.resize(static_cast<std::size_t>(limit));
        }
        l_.stock = order;
        l_.stock_h = std::clamp(std::floor(l_.lane_h * 1.3), 24.0, 36.0);
        if (!l_.stock.empty()) {
            l_.stock_header = y;
            y += kHeaderHeight;
            for (std::size_t i = 0; i < l_.stock.size(); ++i, y += l_.stock_h) l_.stock_y.push_back(y);
        }
        l_.grid_bottom = y;
        l_.legend_y = y + 14;
        l_.height = l_.legend_y + legend_height();
    }

    // --- defs: patterns ------------------------------------------------------
    void defs() {
        out_ += "<defs>\n";
        // Changeover: grey hatch.
        out_ += "<pattern id=\"co\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" "
                "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" fill=\"#dcdcdc\"/>"
                "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"" +
                std::string(kChangeoverGrey) + "\" stroke-width=\"2.2\"/></pattern>\n";
        // Outage: red cross-hatch.
        out_ += "<pattern id=\"out\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
                "<rect width=\"6\" height=\"6\" fill=\"#fde3e3\"/>"
                "<path d=\"M0,0L6,6M6,0L0,6\" stroke=\"" +
                std::string(kOutageRed) + "\" stroke-width=\"1.1\"/></pattern>\n";
        // Shift breaks: one pattern per distinct break calendar (a thin stripe per break).
        for (const Resource& r : in_.resources) {
            if (!r.calendar.breaks || r.calendar.breaks->duration <= 0 || r.calendar.breaks->every <= 0) continue;
            const ShiftBreaks& b = *r.calendar.breaks;
            const auto key = std::make_tuple(b.every, b.duration, b.offset);
            if (break_patterns_.count(key)) continue;
            const int n = static_cast<int>(break_patterns_.size());
            break_patterns_[key] = n;
            const double w = b.every * l_.pxh;
            const double stripe = std::max(1.0, b.duration * l_.pxh);
            out_ += "<pattern id=\"brk" + std::to_string(n) + "\" patternUnits=\"userSpaceOnUse\" x=\"" +
                    f(l_.x(b.offset)) + "\" y=\"0\" width=\"" + std::to_string(w) + "\" height=\"8\">" +
                    "<rect width=\"" + std::to_string(stripe) + "\" height=\"8\" fill=\"#fff\" fill-opacity=\"0.6\"/>" +
                    "</pattern>\n";
        }
        out_ += "</defs>\n";
        out_ += "<style>.lbl{pointer-events:none}.bar text{pointer-events:none}</style>\n";
    }

    // --- title ---------------------------------------------------------------
    void title() {
        out_ += "<text x=\"12\" y=\"21\" font-size=\"16\" font-weight=\"bold\">" +
                xml_escape(gantt_title(in_, objective_)) + "</text>\n";
        std::string sub = std::to_string(in_.num_mixers) + " mixers, " + std::to_string(in_.num_lines()) + " lines, " +
                          std::to_string(in_.num_pastes) + " pastes, " + std::to_string(in_.num_skus()) + " SKUs, " +
                          std::to_string(schedule_.rows.size()) + " rows; horizon " + std::to_string(in_.horizon) +
                          " " + in_.time_unit + "s";
        if (clock_.has_dates()) sub += " (" + clock_.text(0) + " to " + clock_.text(in_.horizon) + ")";
        if (in_.frozen_until > 0) sub += "; frozen until " + clock_.text(in_.frozen_until);
        sub += "; fill rate " + fill_rate_text(demand_.fill_rate);
        if (demand_.short_skus > 0)
            sub += " (" + std::to_string(demand_.short_skus) + (demand_.short_skus == 1 ? " SKU" : " SKUs") + " short)";
        out_ += "<text x=\"12\" y=\"39\" fill=\"#444\">" + xml_escape(sub) + "</text>\n";
    }

    // --- lanes -----------------------------------------------------------------
    void header(double y, const std::string& text, const std::string& right = "") {
        out_ += "<text x=\"6\" y=\"" + f(y + 13) + "\" font-weight=\"bold\" fill=\"#222\">" + xml_escape(text) +
                "</text>\n";
        if (!right.empty())
            out_ += "<text x=\"" + f(l_.x0 + l_.plot_w + kRightColumn - 4) + "\" y=\"" + f(y + 13) +
                    "\" text-anchor=\"end\" font-size=\"10\" fill=\"#444\">" + xml_escape(right) + "</text>\n";
        out_ += "<line x1=\"0\" x2=\"" + f(l_.width) + "\" y1=\"" + f(y + kHeaderHeight - 0.5) + "\" y2=\"" +
                f(y + kHeaderHeight - 0.5) + "\" stroke=\"#bbb\" stroke-width=\"1\"/>\n";
    }

    void lane_backgrounds() {
        out_ += "<g id=\"lanes\">\n";
        for (std::size_t r = 0; r < l_.lane_y.size(); ++r) {
            if (r % 2 == 1)
                out_ += "<rect x=\"0\" y=\"" + f(l_.lane_y[r]) + "\" width=\"" + f(l_.width) + "\" height=\"" +
                        f(l_.lane_h) + "\" fill=\"#f4f5f7\"/>\n";
        }
        for (std::size_t i = 0; i < l_.stock_y.size(); ++i) {
            if (i % 2 == 1)
                out_ += "<rect x=\"0\" y=\"" + f(l_.stock_y[i]) + "\" width=\"" + f(l_.width) + "\" height=\"" +
                        f(l_.stock_h) + "\" fill=\"#f4f5f7\"/>\n";
        }
        out_ += "</g>\n";
    }

    // --- axis and grid ---------------------------------------------------------
    void vline(double t, const char* colour, double width, double top) {
        const double x = l_.x(t);
        out_ += "<line x1=\"" + f(x) + "\" x2=\"" + f(x) + "\" y1=\"" + f(top) + "\" y2=\"" + f(l_.grid_bottom) +
                "\" stroke=\"" + colour + "\" stroke-width=\"" + f(width) + "\"/>\n";
    }

    void axis_text(double x, double y, const std::string& text, const char* extra = "") {
        out_ += "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\"" + extra + ">" + xml_escape(text) + "</text>\n";
    }

    void grid_and_axis() {
        out_ += "<g id=\"axis\" font-size=\"10\" fill=\"#333\">\n";
        const double row1 = kTitleHeight + 13;  // upper label row
        const double row2 = kTitleHeight + 30;  // lower label row
        const double top = l_.lanes_top;
        const int H = in_.horizon;
        const int per_day = clock_.units_per_day();
        const double px_hour = l_.pxh / hours_per_unit();
        if (clock_.has_dates() && per_day > 0) {
            const double px_day = l_.pxh * per_day;
            const bool hour_mode = px_hour >= 12;
            // Hour ticks (short horizons).
            if (hour_mode) {
                int step = 1;
                for (int s : {1, 2, 3, 4, 6, 12}) {
                    step = s;
                    if (px_hour * s >= 30) break;
                }
                const int units_step = std::max(1, static_cast<int>(std::lround(step * 60.0 / clock_.unit_minutes())));
                for (std::int64_t t = clock_.next_midnight(0) - per_day; t < H; t += units_step) {
                    if (t < 0) continue;
                    const CivilTime c = clock_.civil(t);
                    if (c.hour == 0 && c.minute == 0) continue;  // the day line
                    vline(static_cast<double>(t), "#eeeeee", 1, top);
                    char label[8];
                    std::snprintf(label, sizeof label, "%02d", c.hour);
                    axis_text(l_.x(static_cast<double>(t)), row2, label, " text-anchor=\"middle\"");
                }
            }
            // Day lines and labels.
            const std::int64_t first = clock_.next_midnight(0);
            int label_every = 1;
            if (!hour_mode) {
                for (int s : {1, 2, 7, 14, 28}) {
                    label_every = s;
                    if (px_day * s >= 18) break;
                }
            }
            std::int64_t day_index = 0;
            for (std::int64_t t = first; t < H; t += per_day, ++day_index) {
                const CivilTime c = clock_.civil(t);
                const bool week = !hour_mode && (t % (7LL * per_day)) == 0;
                if (!week) vline(static_cast<double>(t), hour_mode ? "#c8c8c8" : "#e6e6e6", 1, top);
                if (hour_mode) {
                    const std::string text = std::string(weekday_abbrev(c.weekday)) + " " + std::to_string(c.day) +
                                             " " + month_abbrev(c.month) + " " + std::to_string(c.year);
                    axis_text(l_.x(static_cast<double>(t)) + 3, row1, text, " font-weight=\"bold\"");
                } else if (day_index % label_every == 0 || c.day == 1) {
                    std::string text = std::to_string(c.day);
                    const bool month_start = c.day == 1;
                    if (month_start && px_day * label_every >= 30) text = std::string(month_abbrev(c.month)) + " 1";
                    if (!month_start && px_day >= 34) text = std::string(weekday_abbrev(c.weekday)).substr(0, 2) + " " + text;
                    const double mid = l_.x(static_cast<double>(t) + per_day / 2.0);
                    axis_text(std::min(mid, l_.x(H) - 4), row2, text,
                              month_start ? " text-anchor=\"middle\" font-weight=\"bold\"" : " text-anchor=\"middle\"");
                }
            }
            if (hour_mode && first > 0) {
                const CivilTime c = clock_.civil(0);
                axis_text(l_.x0 + 3, row1,
                          std::string(weekday_abbrev(c.weekday)) + " " + std::to_string(c.day) + " " +
                              month_abbrev(c.month),
                          " font-weight=\"bold\"");
            }
            // Week separators: every 7 days from the horizon start (the calendar's periods).
            if (!hour_mode) {
                const std::int64_t week = 7LL * per_day;
                for (std::int64_t t = 0, k = 1; t < H; t += week, ++k) {
                    if (t > 0) vline(static_cast<double>(t), "#8a8a8a", 1.2, kTitleHeight + 2);
                    const double room = l_.x(static_cast<double>(std::min<std::int64_t>(t + week, H))) - l_.x(static_cast<double>(t));
                    const CivilTime c = clock_.civil(t);
                    std::string text = "Week " + std::to_string(k) + " \u00b7 " + weekday_abbrev(c.weekday) + " " +
                                       std::to_string(c.day) + " " + month_abbrev(c.month);
                    if (k == 1) text += " " + std::to_string(c.year);
                    if (text_width(text, 10) > room - 6) text = "W" + std::to_string(k);
                    axis_text(l_.x(static_cast<double>(t)) + 4, row1, text, " font-weight=\"bold\"");
                }
            }
        } else {
            // Plain time units: a "nice" step with >= 50 px between labels.
            int step = 1;
            for (int s : {1, 2, 5, 10, 12, 24, 48, 50, 100, 168, 200, 336, 500, 1000, 2000, 5000, 10000}) {
                step = s;
                if (l_.pxh * s >= 50) break;
            }
            for (int t = 0; t < H; t += step) {
                if (t > 0) vline(t, "#e6e6e6", 1, top);
                axis_text(l_.x(t) + 2, row2, std::to_string(t));
            }
            axis_text(l_.x0, row1, in_.time_unit + "s from the horizon start", " font-weight=\"bold\"");
        }
        // Horizon frame.
        vline(0, "#555", 1, kTitleHeight + 2);
        vline(H, "#555", 1, kTitleHeight + 2);
        out_ += "</g>\n";
    }

    // --- items ---------------------------------------------------------------
    std::string span_text(int start, int end) const {
        std::string text = clock_.short_text(start) + " \u2192 " + clock_.short_text(end);
        if (clock_.has_dates())
            text += "\n(" + in_.time_unit + " " + std::to_string(start) + " \u2192 " + std::to_string(end) + ", " +
                    std::to_string(end - start) + " " + in_.time_unit + "s)";
        return text;
    }

    std::string tooltip(const Item& item) const {
        const std::string& resource = rid(item.resource);
        const bool mixer = in_.is_mixer(item.resource);
        std::string text;
        switch (item.kind) {
            case ItemKind::Row: {
                const int paste = paste_of(in_, item.product);
                text = pid(item.product);
                if (!mixer && paste >= 0) text += " (paste " + pid(paste) + ")";
                text += " on " + resource + "\n";
                if (mixer)
                    text += grouped(static_cast<double>(item.amount)) + " batches = " + grouped(item.lbs) + " lbs\n";
                else
                    text += grouped(static_cast<double>(item.amount)) + " units = " + grouped(item.lbs, 1) + " lbs\n";
                text += span_text(item.start, item.end) + "\n";
                text += "work " + std::to_string(item.work_hours) + " h";
                if (item.end - item.start > item.work_hours)
                    text += " (+" + std::to_string(item.end - item.start - item.work_hours) + " h shift breaks)";
                text += "\nexpected downtime " + format_number(item.downtime_hours) + " h (rate " +
                        rate_text(item.downtime_rate) + "), objective cost " +
                        format_number(item.downtime_hours * in_.weights.downtime);
                if (const SkuKpi* k = mixer ? nullptr : short_sku(item.product))
                    text += "\nSHORT: " + shortage_text(*k);
                break;
            }
            case ItemKind::Changeover:
                text = "changeover on " + resource + ": " + std::to_string(item.work_hours) + " h after " +
                       pid(item.product) +
                       (item.next_product >= 0 ? ", before " + pid(item.next_product) : std::string(" (last row)")) +
                       "\n" + span_text(item.start, item.end) + "\nobjective cost " +
                       format_number(item.work_hours * in_.weights.changeover);
                break;
            case ItemKind::Maintenance:
                text = "maintenance on " + resource + "\n" + span_text(item.start, item.end);
                break;
            case ItemKind::SpareCapacity:
                text = "spare capacity on " + resource + "\n" + span_text(item.start, item.end);
                break;
            case ItemKind::Outage:
                text = "outage on " + resource + (item.reason.empty() ? "" : ": " + item.reason) + "\n" +
                       span_text(item.start, item.end);
                break;
        }
        return text;
    }

    std::string row_label(const Item& item, double width) const {
        const std::string& id = pid(item.product);
        const std::string amount = in_.is_mixer(item.resource) ? "\u00d7" + std::to_string(item.amount)
                                                                : compact(static_cast<double>(item.amount));
        const std::string full = id + " " + amount;
        // "×" is two bytes in UTF-8 but one glyph.
        const double full_w = text_width(full, l_.bar_font) - (in_.is_mixer(item.resource) ? l_.bar_font * 0.6 : 0);
        if (full_w + 6 <= width) return full;
        if (text_width(id, l_.bar_font) + 5 <= width) return id;
        return {};
    }

    void resource_lanes() {
        if (in_.num_mixers > 0) header(l_.mixers_header, "Mixers", "utilisation");
        if (in_.num_lines() > 0) header(l_.lines_header, "Lines", in_.num_mixers > 0 ? "" : "utilisation");
        // Labels and utilisation.
        out_ += "<g id=\"resource-labels\">\n";
        for (std::size_t r = 0; r < l_.lane_y.size(); ++r) {
            const double mid = l_.lane_y[r] + l_.lane_h / 2 + l_.label_font * 0.35;
            out_ += "<text x=\"" + f(l_.x0 - 6) + "\" y=\"" + f(mid) + "\" text-anchor=\"end\" font-size=\"" +
                    f(l_.label_font) + "\" font-weight=\"bold\">" + xml_escape(in_.resources[r].id) + "</text>\n";
            const ResourceAvailability& a = availability_[r];
            char pct[32];
            std::snprintf(pct, sizeof pct, "%.0f%%", a.utilisation * 100);
            out_ += "<text x=\"" + f(l_.x0 + l_.plot_w + kRightColumn - 4) + "\" y=\"" + f(mid) +
                    "\" text-anchor=\"end\" font-size=\"" + f(std::min(l_.label_font, 11.0)) + "\" fill=\"#333\">" +
                    pct + "<title>" + xml_escape(in_.resources[r].id + ": utilisation " + pct + " (work " +
                                                 std::to_string(kpis_[r].work_hours) + " h of " +
                                                 std::to_string(a.available_hours) + " h available); availability " +
                                                 format_number(a.availability * 100, 1) + "%") +
                    "</title></text>\n";
        }
        out_ += "</g>\n";

        // Resource lanes: one <g class="lane"> each.
        for (std::size_t r = 0; r < l_.lane_y.size(); ++r) {
            const int ri = static_cast<int>(r);
            const Resource& resource = in_.resources[r];
            out_ += "<g class=\"lane\" data-resource=\"" + xml_escape(resource.id) + "\">\n";
            const double y = l_.lane_y[r] + l_.bar_pad;
            const double h = l_.lane_h - 2 * l_.bar_pad;
            std::string breaks;  // stripes over rows and changeovers: where breaks pause work
            std::string labels;
            int pattern = -1;
            if (resource.calendar.breaks && resource.calendar.breaks->duration > 0) {
                const ShiftBreaks& b = *resource.calendar.breaks;
                auto it = break_patterns_.find(std::make_tuple(b.every, b.duration, b.offset));
                if (it != break_patterns_.end()) pattern = it->second;
            }
            for (const Item& item : items_) {
                if (item.resource != ri) continue;
                const double x = l_.x(item.start);
                const double w = std::max(0.8, l_.x(item.end) - x);
                const std::string geometry =
                    "x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(w) + "\" height=\"" + f(h) + "\"";
                const std::string title = "<title>" + xml_escape(tooltip(item)) + "</title>";
                switch (item.kind) {
                    case ItemKind::Row: {
                        const Rgb colour = product_colour(in_, item.product);
                        const int paste = paste_of(in_, item.product);
                        out_ += "<rect class=\"bar row\" data-p=\"" + std::to_string(paste) + "\" " + geometry +
                                " fill=\"" + hex(colour) + "\" stroke=\"" + hex(shade(colour, -0.5)) +
                                "\" stroke-width=\"0.6\">" + title + "</rect>\n";
                        const std::string label = row_label(item, w);
                        if (!label.empty())
                            labels += "<text x=\"" + f(x + 3) + "\" y=\"" + f(y + h / 2 + l_.bar_font * 0.36) +
                                      "\" font-size=\"" + f(l_.bar_font) + "\" fill=\"" + text_colour_on(colour) +
                                      "\">" + xml_escape(label) + "</text>\n";
                        break;
                    }
                    case ItemKind::Changeover:
                        out_ += "<rect class=\"bar co\" " + geometry + " fill=\"url(#co)\">" + title + "</rect>\n";
                        break;
                    case ItemKind::Maintenance:
                        out_ += "<rect class=\"bar mt\" " + geometry + " fill=\"" + kMaintenanceDark + "\">" + title +
                                "</rect>\n";
                        break;
                    case ItemKind::SpareCapacity:
                        out_ += "<rect class=\"bar sp\" x=\"" + f(x + 0.5) + "\" y=\"" + f(y + 0.5) + "\" width=\"" +
                                f(std::max(0.5, w - 1)) + "\" height=\"" + f(h - 1) + "\" fill=\"#eaf2fb\" stroke=\"" +
                                kSpareOutline + "\" stroke-width=\"1\">" + title + "</rect>\n";
                        break;
                    case ItemKind::Outage:
                        out_ += "<rect class=\"bar out\" x=\"" + f(x) + "\" y=\"" + f(l_.lane_y[r] + 1) +
                                "\" width=\"" + f(w) + "\" height=\"" + f(l_.lane_h - 2) + "\" fill=\"url(#out)\" stroke=\"" +
                                kOutageRed + "\" stroke-width=\"1\">" + title + "</rect>\n";
                        break;
                }
                if (pattern >= 0 && (item.kind == ItemKind::Row || item.kind == ItemKind::Changeover) &&
                    resource.working.break_hours(item.start, item.end) > 0)
                    breaks += "<rect " + geometry + "/>\n";
            }
            if (!breaks.empty())
                out_ += "<g class=\"brk\" fill=\"url(#brk" + std::to_string(pattern) + ")\" pointer-events=\"none\">\n" +
                        breaks + "</g>\n";
            if (!labels.empty()) out_ += "<g class=\"lbl\">\n" + labels + "</g>\n";
            out_ += "</g>\n";
        }
    }

    void frozen_overlay() {
        if (in_.frozen_until <= 0 || l_.lane_y.empty()) return;
        const double x = l_.x(std::min(in_.frozen_until, in_.horizon));
        const double top = l_.lanes_top;
        double bottom = l_.lines_header > 0 || in_.num_mixers > 0 ? l_.lane_y.back() + l_.lane_h : top;
        out_ += "<g id=\"frozen\" pointer-events=\"none\"><rect x=\"" + f(l_.x0) + "\" y=\"" + f(top) + "\" width=\"" +
                f(x - l_.x0) + "\" height=\"" + f(bottom - top) +
                "\" fill=\"#6b7280\" fill-opacity=\"0.13\"/><line x1=\"" + f(x) + "\" x2=\"" + f(x) + "\" y1=\"" +
                f(top) + "\" y2=\"" + f(bottom) + "\" stroke=\"#374151\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>" +
                "<text x=\"" + f(x - 4) + "\" y=\"" + f(top + 13) +
                "\" text-anchor=\"end\" font-size=\"10\" fill=\"#374151\">frozen until " +
                xml_escape(clock_.short_text(in_.frozen_until)) + "</text></g>\n";
    }

    // --- stock ----------------------------------------------------------------
    void stock_lanes() {
        if (l_.stock.empty()) return;
        double scale = 0;
        for (int p : l_.stock) scale = std::max(scale, stock_[static_cast<std::size_t>(p)].peak);
        std::string title = "Paste stock (lbs, one scale: " + compact(scale) + " = lane height)";
        if (!l_.stock_all) {
            int with_stock = 0;
            for (const PasteStock& s : stock_) with_stock += s.peak > 0 ? 1 : 0;
            title = "Paste stock: the " + std::to_string(l_.stock.size()) + " of " + std::to_string(with_stock) +
                    " pastes with the highest peak (lbs, one scale: " + compact(scale) + " = lane height)";
        }
        header(l_.stock_header, title, "peak");
        const double H = in_.horizon;
        for (std::size_t i = 0; i < l_.stock.size(); ++i) {
            const int p = l_.stock[i];
            const PasteStock& s = stock_[static_cast<std::size_t>(p)];
            const double top = l_.stock_y[i] + 3;
            const double base = l_.stock_y[i] + l_.stock_h - 1;
            const double span = base - top;
            auto y = [&](double lbs) { return base - (scale > 0 ? lbs / scale : 0) * span; };
            const Rgb colour = paste_colour(p);
            // The level as a step area, outlined where the stock is not empty.
            std::string area = "M" + f(l_.x(0)) + "," + f(base);
            std::string line;
            std::string steps;
            double prev = 0;
            for (const StockStep& step : s.level) {
                if (!steps.empty()) steps += ' ';
                steps += std::to_string(step.time) + ":" + format_number(step.lbs, 1);
                if (step.lbs == prev) continue;
                const std::string x = f(l_.x(std::clamp<double>(step.time, 0, H)));
                area += "H" + x + "V" + f(y(step.lbs));
                line += (prev > 0 ? "H" + x : "M" + x + "," + f(base)) + "V" + f(y(step.lbs));
                prev = step.lbs;
            }
            area += "H" + f(l_.x(H)) + "V" + f(base) + "Z";
            if (prev > 0) line += "H" + f(l_.x(H));
            std::string tip = pid(p) + " stock: peak " + grouped(s.peak) + " lbs at " + clock_.short_text(s.peak_time) +
                              ", left over " + grouped(s.leftover) + " lbs";
            if (s.scrapped > 0) tip += ", scrapped " + grouped(s.scrapped) + " lbs";
            out_ += "<g class=\"stock\" data-paste=\"" + xml_escape(pid(p)) + "\">\n";
            out_ += "<text x=\"" + f(l_.x0 - 6) + "\" y=\"" + f(l_.stock_y[i] + l_.stock_h / 2 + 4) +
                    "\" text-anchor=\"end\" font-size=\"" + f(std::min(l_.label_font, 11.0)) +
                    "\" font-weight=\"bold\">" + xml_escape(pid(p)) + "</text>\n";
            out_ += "<path class=\"bar stk\" data-p=\"" + std::to_string(p) + "\" data-steps=\"" + steps + "\" d=\"" +
                    area + "\" fill=\"" + hex(shade(colour, 0.25)) + "\" fill-opacity=\"0.85\"><title>" +
                    xml_escape(tip) + "</title></path>\n";
            if (!line.empty())
                out_ += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + hex(shade(colour, -0.35)) +
                    "\" stroke-width=\"1.2\" pointer-events=\"none\"/>\n";
            for (const StockScrap& scrap : s.scraps) {
                const double x = l_.x(scrap.time);
                out_ += "<path class=\"bar scrap\" d=\"M" + f(x - 4) + "," + f(top - 2) + "L" + f(x + 4) + "," +
                        f(top - 2) + "L" + f(x) + "," + f(top + 5) + "Z\" fill=\"" + kOutageRed + "\"><title>" +
                        xml_escape(pid(p) + ": " + grouped(scrap.lbs) + " lbs scrapped (older than max_hold) at " +
                                   clock_.short_text(scrap.time)) +
                        "</title></path>\n";
            }
            out_ += "<text x=\"" + f(l_.x0 + l_.plot_w + kRightColumn - 4) + "\" y=\"" +
                    f(l_.stock_y[i] + l_.stock_h / 2 + 4) + "\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">" +
                    compact(s.peak) + "</text>\n";
            out_ += "</g>\n";
        }
    }

    // --- legend ---------------------------------------------------------------
    bool any_kind(ItemKind kind) const {
        return std::any_of(items_.begin(), items_.end(), [&](const Item& i) { return i.kind == kind; });
    }
    bool any_scrap() const {
        return std::any_of(stock_.begin(), stock_.end(), [](const PasteStock& s) { return !s.scraps.empty(); });
    }
    bool any_breaks() const { return !break_patterns_.empty() || std::any_of(in_.resources.begin(), in_.resources.end(), [](const Resource& r) { return r.calendar.breaks && r.calendar.breaks->duration > 0; }); }

    static constexpr double kLegendRow = 18;
    static constexpr double kPasteColumn = 150;
    static constexpr int kMaxLegendPastes = 60;

    int legend_paste_columns() const { return std::max(1, static_cast<int>((l_.width - 24) / kPasteColumn)); }
    std::vector<int> legend_pastes() const {
        std::vector<int> pastes;
        if (in_.num_pastes <= kMaxLegendPastes) {
            for (int p = 0; p < in_.num_pastes; ++p) pastes.push_back(p);
        } else {
            pastes = l_.stock;
            std::sort(pastes.begin(), pastes.end());
        }
        return pastes;
    }
    double legend_height() const {
        const auto pastes = legend_pastes();
        const int columns = legend_paste_columns();
        const int rows = (static_cast<int>(pastes.size()) + columns - 1) / columns;
        return 14 + kLegendRow + 6 + (in_.num_pastes > kMaxLegendPastes ? kLegendRow : 0) + rows * kLegendRow + 12 +
               (demand_.short_skus > 0 ? kLegendRow + 4 : 0);
    }

    void legend() {
        double y = l_.legend_y;
        out_ += "<g id=\"legend\" font-size=\"11\">\n";
        out_ += "<text x=\"12\" y=\"" + f(y + 10) + "\" font-weight=\"bold\">Legend</text>\n";
        y += 14;
        double x = 12;
        auto swatch = [&](const std::string& fill, const std::string& extra, const std::string& text) {
            out_ += "<rect x=\"" + f(x) + "\" y=\"" + f(y + 2) + "\" width=\"22\" height=\"12\" fill=\"" + fill +
                    "\"" + extra + "/>";
            out_ += "<text x=\"" + f(x + 27) + "\" y=\"" + f(y + 12) + "\">" + xml_escape(text) + "</text>\n";
            x += 27 + text_width(text, 11) * 0.85 + 16;
        };
        swatch("#3b6fd4", " stroke=\"#1d3a70\" stroke-width=\"0.6\"", "production row (colour = paste; SKUs in shades of it)");
        swatch("url(#co)", "", "changeover");
        if (any_kind(ItemKind::Maintenance)) swatch(kMaintenanceDark, "", "maintenance");
        if (any_kind(ItemKind::SpareCapacity))
            swatch("#eaf2fb", std::string(" stroke=\"") + kSpareOutline + "\"", "spare capacity");
        if (any_breaks()) {
            // A sample bar with two break stripes.
            out_ += "<rect x=\"" + f(x) + "\" y=\"" + f(y + 2) + "\" width=\"22\" height=\"12\" fill=\"#7f7f7f\"/>"
                    "<rect x=\"" + f(x + 6) + "\" y=\"" + f(y + 2) + "\" width=\"2\" height=\"12\" fill=\"#fff\" fill-opacity=\"0.6\"/>"
                    "<rect x=\"" + f(x + 15) + "\" y=\"" + f(y + 2) + "\" width=\"2\" height=\"12\" fill=\"#fff\" fill-opacity=\"0.6\"/>";
            const std::string text = "shift break (work pauses)";
            out_ += "<text x=\"" + f(x + 27) + "\" y=\"" + f(y + 12) + "\">" + text + "</text>\n";
            x += 27 + text_width(text, 11) * 0.85 + 16;
        }
        if (any_kind(ItemKind::Outage)) swatch("url(#out)", std::string(" stroke=\"") + kOutageRed + "\"", "outage");
        if (in_.frozen_until > 0) swatch("#6b7280", " fill-opacity=\"0.25\"", "frozen (before the review)");
        if (any_scrap()) {
            out_ += "<path d=\"M" + f(x + 7) + "," + f(y + 3) + "L" + f(x + 15) + "," + f(y + 3) + "L" + f(x + 11) +
                    "," + f(y + 10) + "Z\" fill=\"" + kOutageRed + "\"/>";
            out_ += "<text x=\"" + f(x + 27) + "\" y=\"" + f(y + 12) + "\">scrap (max_hold)</text>\n";
        }
        y += kLegendRow + 6;
        const auto pastes = legend_pastes();
        if (in_.num_pastes > kMaxLegendPastes) {
            out_ += "<text x=\"12\" y=\"" + f(y + 12) + "\" fill=\"#444\">" +
                    xml_escape("One colour per paste (" + std::to_string(in_.num_pastes) +
                               " pastes), its SKUs in lighter and darker shades; hover a bar for its product. Pastes "
                               "with a stock lane:") +
                    "</text>\n";
            y += kLegendRow;
        }
        const int columns = legend_paste_columns();
        for (std::size_t i = 0; i < pastes.size(); ++i) {
            const int p = pastes[i];
            const double px = 12 + static_cast<double>(i % static_cast<std::size_t>(columns)) * kPasteColumn;
            const double py = y + static_cast<double>(i / static_cast<std::size_t>(columns)) * kLegendRow;
            const Rgb colour = paste_colour(p);
            out_ += "<g data-p=\"" + std::to_string(p) + "\" class=\"bar key\"><rect x=\"" + f(px) + "\" y=\"" +
                    f(py + 2) + "\" width=\"14\" height=\"12\" fill=\"" + hex(colour) + "\" stroke=\"" +
                    hex(shade(colour, -0.5)) + "\" stroke-width=\"0.6\"/>";
            out_ += "<text x=\"" + f(px + 18) + "\" y=\"" + f(py + 12) + "\">" + xml_escape(pid(p)) + "</text>";
            const auto& skus = in_.products[static_cast<std::size_t>(p)].skus;
            const double chips_x = px + 18 + text_width(pid(p), 11) + 4;
            const std::size_t chips = std::min<std::size_t>(skus.size(), 8);
            const double chip_w = chips > 0 ? std::min(10.0, (px + kPasteColumn - 8 - chips_x) / chips) : 0;
            std::string names;
            for (std::size_t k = 0; k < skus.size(); ++k) names += (k ? ", " : "") + pid(skus[k]);
            std::string shorts;
            for (std::size_t k = 0; k < skus.size(); ++k)
                if (const SkuKpi* sk = short_sku(skus[k])) shorts += "\nSHORT " + shortage_text(*sk);
            for (std::size_t k = 0; k < chips && chip_w >= 3; ++k) {
                // A short SKU's chip gets a red outline (the legend's "short SKU" key).
                out_ += "<rect x=\"" + f(chips_x + k * chip_w) + "\" y=\"" + f(py + 4) + "\" width=\"" + f(chip_w - 1) +
                        "\" height=\"8\" fill=\"" + hex(product_colour(in_, skus[k])) + "\"" +
                        (short_sku(skus[k]) ? std::string(" stroke=\"") + kOutageRed + "\" stroke-width=\"1.2\"" : "") +
                        "/>";
            }
            out_ += "<title>" + xml_escape(pid(p) + ": SKUs " + (names.empty() ? "none" : names) + shorts) +
                    "</title></g>\n";
        }
        const std::size_t paste_rows = (pastes.size() + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns);
        if (demand_.short_skus > 0) short_skus_line(y + static_cast<double>(paste_rows) * kLegendRow + 4);
        out_ += "</g>\n";
    }

    // The SKUs with unmet demand, most units first, as one legend line (the
    // first ones by name, the count of the rest).
    void short_skus_line(double y) {
        std::vector<const SkuKpi*> shorts;
        for (const SkuKpi& k : skus_)
            if (k.unmet > 0) shorts.push_back(&k);
        std::stable_sort(shorts.begin(), shorts.end(), [](const SkuKpi* a, const SkuKpi* b) { return a->unmet > b->unmet; });
        std::string text = "Short SKUs (demand not fully packed; fill rate " + fill_rate_text(demand_.fill_rate) + ", " +
                           std::to_string(demand_.unmet) + " units unmet): ";
        const double room = l_.width - 12 - 40;
        std::string all;
        std::size_t shown = 0;
        for (const SkuKpi* k : shorts) {
            const std::string part = (shown ? ", " : "") + pid(k->sku) + " " + std::to_string(k->unmet) + " (" +
                                     fill_rate_text(k->fill_rate) + ")";
            if (shown > 0 && text_width(text + part + ", ... and 9999 more", 11) > room) break;
            text += part;
            ++shown;
        }
        if (shown < shorts.size()) text += ", ... and " + std::to_string(shorts.size() - shown) + " more";
        for (const SkuKpi* k : shorts) all += "\n" + shortage_text(*k);
        out_ += "<g id=\"short-skus\"><rect x=\"12\" y=\"" + f(y + 4) + "\" width=\"14\" height=\"8\" fill=\"#fff\" stroke=\"" +
                kOutageRed + "\" stroke-width=\"1.2\"/>";
        out_ += "<text x=\"32\" y=\"" + f(y + 12) + "\" fill=\"" + kOutageRed + "\">" + xml_escape(text) + "</text>";
        out_ += "<title>" + xml_escape("Short SKUs" + all) + "</title></g>\n";
    }
};

}  // namespace

std::string gantt_title(const Instance& instance, const ObjectiveBreakdown& objective) {
    std::string text = instance.name + ": objective " + format_number(objective.total);
    std::string sum;
    for (const ObjectiveComponent& part : objective_components(instance, objective)) {
        if (!part.priced) continue;
        if (!sum.empty()) sum += " + ";
        sum += std::string(part.name) + " " + format_number(part.value);
        if (!part.weight)
            sum += " at SKU prices = " + format_number(part.weighted);
        else if (*part.weight != 1)
            sum += " \u00d7 " + format_number(*part.weight);
    }
    if (!sum.empty()) text += " (" + sum + ")";
    return text;
}

std::string gantt_svg(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective,
                      const GanttOptions& options) {
    return Chart(instance, schedule, objective, options).render();
}

}  // namespace makepack::report
