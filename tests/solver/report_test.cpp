// `makepack report` (solver/cli/cli_report.cpp, solver/report/*): its numbers are
// verify's, the added figures (availability, stock) are right on hand-checked
// schedules, the CSV has one line per item, the SVG/HTML are well formed with
// one lane per resource, and the command's exit codes.
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/report/clock.hpp"
#include "solver/report/csv_export.hpp"
#include "solver/report/gantt_html.hpp"
#include "solver/report/gantt_svg.hpp"
#include "solver/report/items.hpp"
#include "solver/report/text.hpp"
#include "solver/solve/solve.hpp"
#include "tests/support/instance_fixtures.hpp"
#include "tests/support/process.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace makepack {
namespace {

using namespace fixtures;


// --- helpers -------------------------------------------------------------------

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + part.size())) ++n;
    return n;
}

// A feasible schedule of a shipped instance from the greedy alone (fast, deterministic).
Schedule greedy_schedule(const Instance& instance) {
    SolveOptions options;
    options.greedy_only = true;
    options.threads = 1;
    options.time_limit_seconds = 30;
    const SolveOutcome outcome = solve_instance(instance, options);
    REQUIRE_MESSAGE(outcome.schedule.has_value(), outcome.failure);
    return *outcome.schedule;
}

// A tiny XML checker: balanced, properly nested tags, quoted attributes, no
// stray '<' or '&' in text. Returns "" when well formed, else the problem.
std::string xml_problem(const std::string& xml) {
    std::vector<std::string> stack;
    std::size_t i = 0;
    auto entity_ok = [&](std::size_t at) {
        const std::size_t semi = xml.find(';', at);
        if (semi == std::string::npos || semi - at > 10) return false;
        const std::string name = xml.substr(at + 1, semi - at - 1);
        if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") return true;
        if (name.size() >= 2 && name[0] == '#') return true;
        return false;
    };
    int roots = 0;
    while (i < xml.size()) {
        const char c = xml[i];
        if (c == '&') {
            if (!entity_ok(i)) return "bad entity at " + std::to_string(i);
            ++i;
            continue;
        }
        if (c != '<') {
            ++i;
            continue;
        }
        if (xml.compare(i, 4, "<!--") == 0) {
            const std::size_t end = xml.find("-->", i);
            if (end == std::string::npos) return "unclosed comment";
            i = end + 3;
            continue;
        }
        if (xml.compare(i, 2, "<?") == 0) {
            const std::size_t end = xml.find("?>", i);
            if (end == std::string::npos) return "unclosed processing instruction";
            i = end + 2;
            continue;
        }
        if (xml.compare(i, 9, "<![CDATA[") == 0) {
            const std::size_t end = xml.find("]]>", i);
            if (end == std::string::npos) return "unclosed CDATA";
            i = end + 3;
            continue;
        }
        // A tag: scan to '>' outside quotes.
        std::size_t j = i + 1;
        char in_quote = 0;
        for (; j < xml.size(); ++j) {
            const char d = xml[j];
            if (in_quote) {
                if (d == in_quote) in_quote = 0;
                else if (d == '<') return "'<' inside an attribute at " + std::to_string(j);
            } else if (d == '"' || d == '\'') {
                in_quote = d;
            } else if (d == '>') {
                break;
            } else if (d == '<') {
                return "'<' inside a tag at " + std::to_string(j);
            }
        }
        if (j >= xml.size()) return "unclosed tag at " + std::to_string(i);
        const std::string tag = xml.substr(i + 1, j - i - 1);
        i = j + 1;
        if (tag.empty()) return "empty tag";
        if (tag[0] == '/') {
            const std::string name = tag.substr(1, tag.find_first_of(" \t\n") == std::string::npos
                                                       ? std::string::npos
                                                       : tag.find_first_of(" \t\n") - 1);
            if (stack.empty()) return "closing </" + name + "> without an opening tag";
            if (stack.back() != name) return "</" + name + "> closes <" + stack.back() + ">";
            stack.pop_back();
            continue;
        }
        const std::size_t name_end = tag.find_first_of(" \t\n/");
        const std::string name = tag.substr(0, name_end);
        // Attributes: name="value" pairs.
        std::size_t k = name_end == std::string::npos ? tag.size() : name_end;
        while (k < tag.size()) {
            while (k < tag.size() && (tag[k] == ' ' || tag[k] == '\n' || tag[k] == '\t')) ++k;
            if (k >= tag.size() || tag[k] == '/') break;
            const std::size_t eq = tag.find('=', k);
            if (eq == std::string::npos) return "attribute without a value in <" + name + ">";
            if (eq + 1 >= tag.size() || (tag[eq + 1] != '"' && tag[eq + 1] != '\''))
                return "unquoted attribute in <" + name + ">";
            const std::size_t close = tag.find(tag[eq + 1], eq + 2);
            if (close == std::string::npos) return "unclosed attribute in <" + name + ">";
            k = close + 1;
        }
        if (tag.back() == '/') {
            if (stack.empty()) ++roots;
            continue;
        }
        if (stack.empty()) ++roots;
        stack.push_back(name);
    }
    if (!stack.empty()) return "unclosed <" + stack.back() + ">";
    if (roots != 1) return std::to_string(roots) + " root elements";
    return "";
}

// RFC 4180 parser: records of fields (CRLF or LF line ends).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            was_quoted = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            record.push_back(field);
            field.clear();
            records.push_back(record);
            record.clear();
        } else {
            field += c;
        }
    }
    (void)was_quoted;
    if (!field.empty() || !record.empty()) {
        record.push_back(field);
        records.push_back(record);
    }
    return records;
}

// Verify's output split into blank-line separated blocks (first line dropped).
std::vector<std::string> blocks_of(const std::string& text) {
    std::vector<std::string> blocks;
    std::istringstream in(text);
    std::string line, block;
    bool first = true;
    while (std::getline(in, line)) {
        if (first) {
            first = false;
            continue;
        }
        if (line.empty()) {
            if (!block.empty()) blocks.push_back(block);
            block.clear();
        } else {
            block += line + "\n";
        }
    }
    if (!block.empty()) blocks.push_back(block);
    return blocks;
}

// --- the added KPI figures --------------------------------------------------------

TEST_CASE("report: availability and utilisation of the tiny plant, by hand") {
    const Instance in = fixtures::tiny_plant();
    const Schedule s = fixtures::tiny_plant_schedule(in);
    REQUIRE(check_schedule(in, s).feasible());
    const auto kpis = resource_kpis(in, s);
    const auto a = resource_availability(in, s, kpis);
    REQUIRE(a.size() == 4);
    // M1: no breaks; maintenance [20,24); changeovers 2 + 2; expected downtime 0.4 + 1.5.
    CHECK(a[0].planned_stop_hours == 4);
    CHECK(a[0].loading_hours == 44);
    CHECK(a[0].available_hours == 44);
    CHECK(a[0].equipment_downtime_hours == doctest::Approx(5.9));
    CHECK(a[0].operating_hours == doctest::Approx(38.1));
    CHECK(a[0].utilisation == doctest::Approx(9.0 / 44));
    CHECK(a[0].availability == doctest::Approx(38.1 / 44));
    // M2: nothing planned, nothing made.
    CHECK(a[1].loading_hours == 48);
    CHECK(a[1].utilisation == 0);
    CHECK(a[1].availability == doctest::Approx(1.0));
    // L1: breaks 4 h, spare [0,2) [30,32) covering the break [0,1): planned 7.
    CHECK(a[2].planned_stop_hours == 7);
    CHECK(a[2].loading_hours == 41);
    CHECK(a[2].equipment_downtime_hours == doctest::Approx(2 + 1 + 2));
    CHECK(a[2].utilisation == doctest::Approx(14.0 / 41));
    CHECK(a[2].availability == doctest::Approx(36.0 / 41));
    // L2: outage [30,34) is failure time: in LT, not available.
    CHECK(a[3].planned_stop_hours == 7);
    CHECK(a[3].loading_hours == 41);
    CHECK(a[3].outage_work_hours == 4);
    CHECK(a[3].available_hours == 37);
    CHECK(a[3].equipment_downtime_hours == doctest::Approx(1 + 4 + 4));
    CHECK(a[3].utilisation == doctest::Approx(16.0 / 37));
    CHECK(a[3].availability == doctest::Approx(32.0 / 41));
    // Feasible: available = work + changeover + idle on every resource.
    for (std::size_t r = 0; r < a.size(); ++r)
        CHECK(a[r].available_hours == kpis[r].work_hours + kpis[r].changeover_hours + kpis[r].idle_hours);
}

TEST_CASE("report: paste stock steps of the tiny plant, by hand") {
    const Instance in = fixtures::tiny_plant();
    const Schedule s = fixtures::tiny_plant_schedule(in);
    const auto stock = paste_stock(in, s);
    REQUIRE(stock.size() == 2);
    // P1: +1000 at 4 (M1 row end), -500 at 4 (S1), -400 at 16 (S2).
    REQUIRE(stock[0].level.size() == 3);
    CHECK(stock[0].level[0].time == 0);
    CHECK(stock[0].level[0].lbs == 0);
    CHECK(stock[0].level[1].time == 4);
    CHECK(stock[0].level[1].lbs == doctest::Approx(500));
    CHECK(stock[0].level[2].time == 16);
    CHECK(stock[0].level[2].lbs == doctest::Approx(100));
    CHECK(stock[0].peak == doctest::Approx(500));
    CHECK(stock[0].peak_time == 4);
    CHECK(stock[0].leftover == doctest::Approx(100));
    // P2: +1000 at 11, -200 at 11 (S3).
    CHECK(stock[1].peak == doctest::Approx(800));
    CHECK(stock[1].peak_time == 11);
    CHECK(stock[1].leftover == doctest::Approx(800));
    CHECK(stock[1].scraps.empty());
}

TEST_CASE("report: max_hold scrap in the stock profile equals the paste table's") {
    // Initial 2000 lbs at 0, 1000 made at 4; S1 takes 500 at 12: the initial
    // lot is 12 h old (> 10) and is scrapped, the new lot (8 h) is used.
    const Instance in = fixtures::mini_plant(fixtures::MiniPlant().with_paste(", initial_stock: 2000, max_hold: 10"));
    Schedule s;
    s.instance_name = in.name;
    s.rows = {fixtures::make_row(in, "M1", "P1", 1, 0, 4), fixtures::make_row(in, "L1", "S1", 1000, 12, 23)};
    const CheckResult check = check_schedule(in, s);
    INFO(fixtures::violations_text(check));
    REQUIRE(check.feasible());
    const auto stock = paste_stock(in, s);
    const auto pastes = paste_kpis(in, s);
    REQUIRE(stock.size() == 1);
    CHECK(stock[0].scrapped == doctest::Approx(2000));
    CHECK(stock[0].scrapped == doctest::Approx(pastes[0].scrapped));
    CHECK(stock[0].leftover == doctest::Approx(pastes[0].leftover));
    CHECK(stock[0].scrapped == doctest::Approx(check.scrap_lbs));
    REQUIRE(stock[0].scraps.size() == 1);
    CHECK(stock[0].scraps[0].time == 12);
    CHECK(stock[0].peak == doctest::Approx(3000));
    CHECK(stock[0].peak_time == 4);
    CHECK(stock[0].level.back().lbs == doctest::Approx(500));
}

TEST_CASE("report: added figures agree with the KPI structs on the shipped instances") {
    for (const char* name : {"instances/oakhill-4w.yaml", "instances/oakhill-6w.yaml",
                             "instances/bench/medium-plant.yaml"}) {
        CAPTURE(name);
        const Instance in = load_instance((kSource / name).string());
        const Schedule s = greedy_schedule(in);
        const CheckResult check = check_schedule(in, s);
        REQUIRE(check.feasible());
        const Kpis kpis = compute_kpis(in, s);
        const auto a = resource_availability(in, s, kpis.resources);
        const auto stock = paste_stock(in, s);
        double scrapped = 0, leftover = 0;
        for (std::size_t p = 0; p < stock.size(); ++p) {
            CHECK(stock[p].scrapped == doctest::Approx(kpis.pastes[p].scrapped));
            CHECK(stock[p].leftover == doctest::Approx(kpis.pastes[p].leftover));
            CHECK(stock[p].level.back().lbs == doctest::Approx(stock[p].leftover).epsilon(1e-9));
            scrapped += stock[p].scrapped;
            leftover += stock[p].leftover;
            for (const StockStep& step : stock[p].level) CHECK(step.lbs >= -1e-6);
        }
        CHECK(scrapped == doctest::Approx(check.scrap_lbs));
        CHECK(leftover == doctest::Approx(check.leftover_lbs));
        for (std::size_t r = 0; r < a.size(); ++r) {
            const ResourceKpi& k = kpis.resources[r];
            CAPTURE(in.resources[r].id);
            CHECK(a[r].available_hours == k.work_hours + k.changeover_hours + k.idle_hours);
            CHECK(a[r].loading_hours + a[r].planned_stop_hours == in.horizon);
            CHECK(a[r].utilisation >= 0);
            CHECK(a[r].utilisation <= 1.0 + 1e-12);
            CHECK(a[r].availability <= 1.0 + 1e-12);
        }
    }
}

// --- CSV ---------------------------------------------------------------------------

TEST_CASE("report: CSV has a header and one line per row and block") {
    const Instance in = fixtures::tiny_plant();
    const Schedule s = fixtures::tiny_plant_schedule(in);
    const std::string csv = report::schedule_csv(in, s);
    CHECK(csv.find("\r\n") != std::string::npos);  // RFC 4180 line ends
    const auto records = parse_csv(csv);
    REQUIRE(!records.empty());
    const std::vector<std::string> header{"resource", "stage",          "kind",         "product",    "paste",
                                          "quantity", "batches",        "lbs",          "start",      "end",
                                          "start_datetime", "end_datetime", "work_hours", "downtime_cost", "note"};
    CHECK(records[0] == header);
    // 5 rows + 5 changeovers + 1 maintenance + 4 spare + 1 outage.
    CHECK(records.size() == 1 + 5 + 5 + 1 + 4 + 1);
    std::map<std::string, int> kinds;
    for (std::size_t i = 1; i < records.size(); ++i) {
        REQUIRE(records[i].size() == header.size());
        ++kinds[records[i][2]];
    }
    CHECK(kinds["row"] == 5);
    CHECK(kinds["changeover"] == 5);
    CHECK(kinds["maintenance"] == 1);
    CHECK(kinds["spare_capacity"] == 4);
    CHECK(kinds["outage"] == 1);
    // The first line: M1's P1 row, 1 batch = 1000 lbs, work 4, downtime 0.4.
    CHECK(records[1] == std::vector<std::string>{"M1", "mixer", "row", "P1", "P1", "", "1", "1000", "0", "4", "", "",
                                                  "4", "0.4", ""});
    // A changeover note holds a comma: quoted in the file, intact after parsing.
    CHECK(contains(csv, "\"after P1, before P2\""));
    CHECK(records[2][2] == "changeover");
    CHECK(records[2][12] == "2");
    CHECK(records[2][14] == "after P1, before P2");
    // Line rows: quantity, no batches; the outage has its reason.
    bool outage_seen = false;
    for (const auto& r : records)
        if (r[2] == "outage") {
            outage_seen = true;
            CHECK(r[0] == "L2");
            CHECK(r[14] == "breakdown");
        }
    CHECK(outage_seen);
    CHECK(report::csv_field("a\"b") == "\"a\"\"b\"");
    CHECK(report::csv_field("plain") == "plain");
    CHECK(report::csv_field("x\ny") == "\"x\ny\"");
}

TEST_CASE("report: CSV dates and work hours on a dated instance") {
    const Instance in = load_instance((kSource / "instances/oakhill-4w.yaml").string());
    const Schedule s = greedy_schedule(in);
    const auto records = parse_csv(report::schedule_csv(in, s));
    std::size_t rows = 0, changeovers = 0, blocks = 0;
    for (const Block& b : s.blocks)
        blocks += b.kind == BlockKind::Maintenance || b.kind == BlockKind::SpareCapacity ? 1 : 0;
    double downtime = 0;
    for (std::size_t i = 1; i < records.size(); ++i) {
        const auto& r = records[i];
        if (r[2] == "row") {
            ++rows;
            downtime += std::stod(r[13]);
            CHECK(r[10].size() == 16);  // 2023-01-05T14:00
            CHECK(r[10].substr(0, 5) == "2023-");
        }
        changeovers += r[2] == "changeover" ? 1 : 0;
    }
    std::size_t outages = 0;
    for (const Resource& r : in.resources) outages += r.calendar.outages.size();
    CHECK(rows == s.rows.size());
    CHECK(changeovers == s.rows.size());  // a changeover after every row (all > 0 h here)
    CHECK(records.size() == 1 + rows + changeovers + blocks + outages);
    CHECK(downtime == doctest::Approx(check_schedule(in, s).objective.downtime));
}

// --- dates ---------------------------------------------------------------------

TEST_CASE("report: clock turns model time into dates") {
    Instance in = fixtures::tiny_plant();
    in.start_date = "2023-01-01T00:00";
    const report::Clock clock(in);
    REQUIRE(clock.has_dates());
    CHECK(clock.iso(0) == "2023-01-01T00:00");
    CHECK(clock.iso(114) == "2023-01-05T18:00");
    CHECK(clock.iso(24 * 59) == "2023-03-01T00:00");
    CHECK(clock.text(25) == "2023-01-02 01:00");
    CHECK(clock.short_text(0) == "Sun 1 Jan 00:00");
    CHECK(clock.next_midnight(1) == 24);
    CHECK(clock.next_midnight(24) == 24);
    in.start_date = "2024-02-28 06:30";
    const report::Clock leap(in);
    CHECK(leap.iso(24) == "2024-02-29T06:30");
    CHECK(leap.next_midnight(0) == 18);  // rounds up to the first whole hour after midnight
    in.start_date = "next monday";
    CHECK_FALSE(report::Clock(in).has_dates());
    CHECK(report::Clock(in).text(7) == "t=7");
    in.start_date = "2023-01-01";
    in.time_unit = "fortnight";
    CHECK_FALSE(report::Clock(in).has_dates());
}

TEST_CASE("report: text helpers") {
    CHECK(report::grouped(1234567) == "1,234,567");
    CHECK(report::grouped(-1234.5, 1) == "-1,234.5");
    CHECK(report::grouped(999) == "999");
    CHECK(report::compact(500000) == "500k");
    CHECK(report::compact(1250000) == "1.25M");
    CHECK(report::compact(950) == "950");
    CHECK(report::xml_escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;");
}

// --- SVG and HTML -----------------------------------------------------------------

std::size_t lanes_in(const std::string& svg) { return count(svg, "<g class=\"lane\""); }

TEST_CASE("report: the SVG is well formed with one lane per resource") {
    for (const char* name : {"instances/oakhill-6w.yaml", "instances/bench/medium-plant.yaml"}) {
        CAPTURE(name);
        const Instance in = load_instance((kSource / name).string());
        const Schedule s = greedy_schedule(in);
        const CheckResult check = check_schedule(in, s);
        const std::string svg = report::gantt_svg(in, s, check.objective);
        CHECK(xml_problem(svg) == "");
        CHECK(svg.rfind("<?xml", 0) == 0);
        CHECK(lanes_in(svg) == in.resources.size());
        for (const Resource& r : in.resources) CHECK(contains(svg, "data-resource=\"" + r.id + "\""));
        // Mixers first, then lines.
        CHECK(svg.find("data-resource=\"" + in.resources.front().id + "\"") <
              svg.find("data-resource=\"" + in.resources.back().id + "\""));
        // One bar per row, one per changeover, each with a tooltip; the title has the objective.
        CHECK(count(svg, "class=\"bar row\"") == s.rows.size());
        CHECK(count(svg, "class=\"bar co\"") == s.rows.size());
        CHECK(contains(svg, report::gantt_title(in, check.objective)));
        CHECK(contains(svg, "objective "));
        // Shift breaks: one pattern per break calendar, not one rect per break.
        CHECK(count(svg, "<pattern id=\"brk") == 1);
        // Stock lanes: the top 12 (more than 16 pastes), with a note.
        if (in.num_pastes > 16) {
            CHECK(count(svg, "<g class=\"stock\"") == 12);
            CHECK(contains(svg, "pastes with the highest peak"));
        }
        // Nothing external.
        CHECK_FALSE(contains(svg, "href=\"http"));
        CHECK_FALSE(contains(svg, "<image"));
    }
}

TEST_CASE("report: SVG of an instance without dates, and with few pastes shows all stock lanes") {
    const Instance in = fixtures::tiny_plant();
    const Schedule s = fixtures::tiny_plant_schedule(in);
    const std::string svg = report::gantt_svg(in, s, check_schedule(in, s).objective);
    CHECK(xml_problem(svg) == "");
    CHECK(lanes_in(svg) == 4);
    CHECK(count(svg, "<g class=\"stock\"") == 2);
    CHECK(contains(svg, "hours from the horizon start"));
    CHECK(contains(svg, "class=\"bar out\""));  // L2's outage
    CHECK(contains(svg, "class=\"bar mt\""));
    CHECK(contains(svg, "class=\"bar sp\""));
    report::GanttOptions none;
    none.stock_pastes = 0;
    CHECK(count(report::gantt_svg(in, s, check_schedule(in, s).objective, none), "<g class=\"stock\"") == 0);
}

TEST_CASE("report: the SVG stays small at 70 resources over 8 weeks") {
    const Instance in = load_instance((kSource / "instances/bench/large.yaml").string());
    const Schedule s = greedy_schedule(in);
    const std::string svg = report::gantt_svg(in, s, check_schedule(in, s).objective);
    CHECK(xml_problem(svg) == "");
    CHECK(lanes_in(svg) == 70);
    MESSAGE("large.yaml: " << s.rows.size() << " rows, SVG " << svg.size() / 1024 << " KB");
    CHECK(svg.size() < 4u * 1024 * 1024);
}

TEST_CASE("report: the HTML page is self-contained with the SVG inline") {
    const Instance in = load_instance((kSource / "instances/oakhill-4w.yaml").string());
    const Schedule s = greedy_schedule(in);
    const CheckResult check = check_schedule(in, s);
    const std::string html = report::gantt_html(in, s, check.objective);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(contains(html, "</html>"));
    CHECK(count(html, "<svg ") == 1);
    CHECK(contains(html, "<title>" + report::xml_escape(report::gantt_title(in, check.objective)) + "</title>"));
    CHECK(contains(html, "<script>"));
    CHECK(contains(html, "<style>"));
    // No external assets: no src/href attributes, no URLs but the SVG namespace.
    CHECK_FALSE(contains(html, " src="));
    CHECK_FALSE(contains(html, "<link"));
    CHECK(count(html, "http") == count(html, "http://www.w3.org/2000/svg"));
    const std::size_t begin = html.find("<svg ");
    const std::size_t end = html.find("</svg>");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string svg = html.substr(begin, end + 6 - begin);
    CHECK(xml_problem(svg) == "");
    CHECK(lanes_in(svg) == in.resources.size());
}

TEST_CASE("report: xmllint accepts the SVG (when libxml2-utils is installed)") {
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
        MESSAGE("xmllint not installed (Debian package libxml2-utils): skipped; the built-in checker ran above");
        return;
    }
    TempDir dir;
    const Instance in = load_instance((kSource / "instances/oakhill-6w.yaml").string());
    const Schedule s = greedy_schedule(in);
    const fs::path svg = dir.path / "chart.svg";
    write_text(svg, report::gantt_svg(in, s, check_schedule(in, s).objective));
    CHECK(shell("xmllint --noout " + quote(svg.string()) + " 2>" + quote((dir.path / "lint").string())) == 0);
    INFO(read_text(dir.path / "lint"));
}

TEST_CASE("report: the checker's xml_problem catches broken documents") {
    CHECK(xml_problem("<svg><g></svg>") != "");
    CHECK(xml_problem("<svg><rect x=1/></svg>") != "");
    CHECK(xml_problem("<svg>a & b</svg>") != "");
    CHECK(xml_problem("<svg/><svg/>") != "");
    CHECK(xml_problem("<svg><text>a &amp; b</text></svg>") == "");
}

// --- the command ------------------------------------------------------------------

struct Files {
    TempDir dir;
    fs::path work = dir.work();  // the runs' working directory: holds only what they write
    fs::path instance;
    fs::path schedule;
};

// oakhill-4w with a greedy schedule written like `solve` writes it.
void write_schedule(Files& files, const char* instance_name) {
    files.instance = kSource / instance_name;
    const Instance in = load_instance(files.instance.string());
    const Schedule s = greedy_schedule(in);
    files.schedule = files.dir.path / "plan.yaml";
    write_text(files.schedule, schedule_to_yaml(in, s, check_schedule(in, s).objective));
}

TEST_CASE("report: prints verify's tables unchanged, plus availability and stock") {
    Files f;
    write_schedule(f, "instances/oakhill-6w.yaml");
    const Run verify = run_makepack(f.work, {"verify", f.instance.string(), f.schedule.string()});
    REQUIRE(verify.exit_code == 0);
    const Run report = run_makepack(f.work, {"report", f.instance.string(), f.schedule.string()});
    INFO(report.err);
    REQUIRE(report.exit_code == 0);
    // The same first line, and every table of verify (objective, per resource,
    // paste, SKU) verbatim: the same numbers and totals.
    CHECK(report.out.substr(0, report.out.find('\n')) == verify.out.substr(0, verify.out.find('\n')));
    const auto blocks = blocks_of(verify.out);
    CHECK(blocks.size() == 4);
    for (const std::string& block : blocks) {
        CAPTURE(block.substr(0, block.find('\n')));
        CHECK(contains(report.out, block));
    }
    CHECK(contains(report.out, "Utilisation and availability"));
    CHECK(contains(report.out, "Paste stock"));
    CHECK(contains(report.out, "all mixers"));
    CHECK(report.err.empty());
    // Nothing written without --gantt / --csv.
    CHECK(fs::is_empty(f.work));
}

TEST_CASE("report: the totals of the availability table are the KPI sums") {
    Files f;
    write_schedule(f, "instances/oakhill-4w.yaml");
    const Instance in = load_instance(f.instance.string());
    const Schedule s = load_schedule(in, f.schedule.string());
    const Kpis kpis = compute_kpis(in, s);
    int work = 0;
    for (int r = in.num_mixers; r < static_cast<int>(in.resources.size()); ++r)
        work += kpis.resources[static_cast<std::size_t>(r)].work_hours;
    const Run report = run_makepack(f.work, {"report", f.instance.string(), f.schedule.string()});
    REQUIRE(report.exit_code == 0);
    const std::size_t table = report.out.find("Utilisation and availability");
    REQUIRE(table != std::string::npos);
    const std::size_t line = report.out.find("  all lines ", table);
    REQUIRE(line != std::string::npos);
    std::istringstream cells(report.out.substr(line, report.out.find('\n', line) - line));
    std::string all, lines_word;
    int printed_work = -1;
    cells >> all >> lines_word >> printed_work;
    CHECK(printed_work == work);
}

TEST_CASE("report: --gantt and --csv write files atomically") {
    Files f;
    write_schedule(f, "instances/oakhill-4w.yaml");
    const fs::path svg = f.work / "chart.svg";
    const fs::path html = f.work / "chart.HTML";
    const fs::path csv = f.work / "items.csv";
    Run run = run_makepack(f.work, {"report", f.instance.string(), f.schedule.string(), "--gantt", svg.string(),
                                    "--csv", csv.string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.err, "Gantt chart (SVG) written to"));
    CHECK(contains(run.err, "CSV written to"));
    CHECK(xml_problem(read_text(svg)) == "");
    const auto records = parse_csv(read_text(csv));
    const Instance in = load_instance(f.instance.string());
    const Schedule s = load_schedule(in, f.schedule.string());
    CHECK(records.size() == 1 + report::schedule_items(in, s).size());
    run = run_makepack(f.work, {"report", f.instance.string(), f.schedule.string(), "--gantt", html.string()});
    REQUIRE(run.exit_code == 0);
    CHECK(read_text(html).rfind("<!DOCTYPE html>", 0) == 0);
    // Only the three files: no temporary file left behind.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(f.work)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"chart.HTML", "chart.svg", "items.csv"});
}

TEST_CASE("report: a --gantt file that is neither .svg nor .html is bad usage, nothing written") {
    Files f;
    write_schedule(f, "instances/oakhill-4w.yaml");
    for (const char* name : {"chart.png", "chart", "chart.svg.txt", "chart.csv"}) {
        CAPTURE(name);
        const Run run = run_makepack(f.work, {"report", f.instance.string(), f.schedule.string(), "--gantt",
                                              (f.work / name).string(), "--csv", (f.work / "x.csv").string()});
        CHECK(run.exit_code == 2);
        CHECK(contains(run.err, ".svg or .html"));
        CHECK(run.out.empty());
        CHECK(fs::is_empty(f.work));
    }
    const Run missing_dir = run_makepack(f.work, {"report", f.instance.string(), f.schedule.string(), "--gantt",
                                                  (f.dir.path / "no-such-dir" / "c.svg").string()});
    CHECK(missing_dir.exit_code == 2);
    CHECK(contains(missing_dir.err, "does not exist"));
    CHECK(run_makepack(f.work, {"report", f.instance.string()}).exit_code == 2);
    CHECK(run_makepack(f.work, {"report", f.instance.string(), f.schedule.string(), "--stock-pastes", "-1"})
              .exit_code == 2);
    CHECK(run_makepack(f.work, {"report", f.instance.string(), f.schedule.string(), "--bogus"}).exit_code == 2);
}

TEST_CASE("report: an infeasible schedule is refused like verify does, nothing written") {
    Files f;
    write_schedule(f, "instances/oakhill-4w.yaml");
    // Break it: move the first row by one hour (stated end no longer derived, overlaps...).
    std::string text = read_text(f.schedule);
    const std::size_t start = text.find("start: ", text.find("rows:"));
    REQUIRE(start != std::string::npos);
    const std::size_t value = start + 7;
    const std::size_t value_end = text.find_first_of(",}", value);
    const int old_start = std::stoi(text.substr(value, value_end - value));
    text.replace(value, value_end - value, std::to_string(old_start + 1));
    const fs::path broken = f.dir.path / "broken.yaml";
    write_text(broken, text);
    const fs::path svg = f.work / "chart.svg";
    const Run verify = run_makepack(f.work, {"verify", f.instance.string(), broken.string()});
    const Run report = run_makepack(f.work, {"report", f.instance.string(), broken.string(), "--gantt", svg.string()});
    CHECK(verify.exit_code == 1);
    CHECK(report.exit_code == 1);
    // The same violation lines as verify.
    const std::string lines = verify.out.substr(0, verify.out.rfind('\n', verify.out.size() - 2) + 1);
    CHECK(report.out.rfind(lines, 0) == 0);
    CHECK(contains(report.out, "is not a feasible schedule of oakhill-4w"));
    CHECK_FALSE(fs::exists(svg));
}

TEST_CASE("report: bad input is exit 2 with file:line:col") {
    Files f;
    write_schedule(f, "instances/oakhill-4w.yaml");
    const fs::path bad = kSource / "tests/data/cli/negative-rate.yaml";
    Run run = run_makepack(f.work, {"report", bad.string(), f.schedule.string()});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "negative-rate.yaml:8:24: lines[0].rate"));
    const fs::path bad_schedule = f.dir.path / "bad.yaml";
    write_text(bad_schedule, "instance: oakhill-4w\nrows:\n  - {resource: M99, product: P1, batches: 1, start: 0}\n");
    run = run_makepack(f.work, {"report", f.instance.string(), bad_schedule.string()});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "bad.yaml:3:"));
    run = run_makepack(f.work, {"report", f.instance.string(), (f.dir.path / "none.yaml").string()});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "no such file"));
}

TEST_CASE("report: listed in makepack --help, with its own --help") {
    TempDir dir;
    CHECK(contains(run_makepack(dir.work(), {"--help"}).out, "report"));
    const Run help = run_makepack(dir.work(), {"report", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(contains(help.out, "--gantt"));
    CHECK(contains(help.out, "--csv"));
}

}  // namespace
}  // namespace makepack
