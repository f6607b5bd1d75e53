#include "solver/cli/cli_report.hpp"

#include "model/checker.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/report/csv_export.hpp"
#include "solver/report/gantt_html.hpp"
#include "solver/report/gantt_svg.hpp"
#include "solver/report/kpi_tables.hpp"
#include "solver/report/plan_compare.hpp"
#include "solver/report/report_tables.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

po::options_description report_options() {
    po::options_description options("Options");
    options.add_options()("gantt", po::value<std::string>()->value_name("FILE"),
                          "write the Gantt chart; the extension chooses the kind: .svg (standalone SVG) or .html "
                          "(self-contained page with tooltips)")(
        "csv", po::value<std::string>()->value_name("FILE"),
        "write one line per scheduled item (rows, changeovers, maintenance, spare capacity, outages) as CSV")(
        "stock-pastes", po::value<int>()->value_name("N")->default_value(12),
        "stock lanes of the Gantt chart: every paste when there are at most N+4, else the N with the highest peak "
        "stock (0 = none)")(
        "compare", po::value<std::string>()->value_name("PLAN_B"),
        "instead of the tables: SCHEDULE (A) and PLAN_B side by side -- objective components, per-resource table "
        "and stability (rows unchanged, moved, resized, on another resource, removed, added); both must be feasible")(
        "help,h", "this help");
    add_allow_unmet_option(options);
    return options;
}

enum class GanttKind { Svg, Html };

GanttKind gantt_kind(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".svg") return GanttKind::Svg;
    if (ext == ".html" || ext == ".htm") return GanttKind::Html;
    throw UsageError("--gantt '" + path + "': the file name must end in .svg or .html (it chooses the kind)");
}

}  // namespace

void print_report_help(std::ostream& out) {
    out << "makepack report - what planners look at: KPI tables, Gantt chart, CSV\n\n"
           "Usage: makepack report INSTANCE SCHEDULE [--gantt FILE.svg|FILE.html] [--csv FILE] [--allow-unmet PENALTY]\n"
           "                       [--compare PLAN_B]\n\n"
           "Loads INSTANCE and SCHEDULE and checks the schedule like `makepack verify`.\n"
           "  infeasible: prints the violations like verify, writes nothing, exit 1.\n"
           "  feasible:   prints the objective breakdown and the KPI tables of verify\n"
           "              (per resource, paste made against needed, units against demand\n"
           "              with the fill rate; short SKUs marked * and in the chart's legend),\n"
           "              utilisation and availability per resource (thesis OEE availability\n"
           "              rate, formula 3.2) and the paste stock (peak, left over, scrap);\n"
           "              then writes the requested files (each atomically).\n"
           "docs/report.md defines every figure, the chart and the CSV columns.\n\n"
        << report_options()
        << "\nExit codes:\n"
           "  0  the schedule is feasible; tables printed, files written\n"
           "  1  the schedule breaks rules (printed on stdout); nothing written\n"
           "  2  a file cannot be read or is invalid (file:line:col: field: message on\n"
           "     stderr), bad usage (e.g. --gantt not ending in .svg or .html), or an\n"
           "     output file cannot be written\n"
           "  4  internal error (a bug in makepack)\n"
           "\nExamples:\n"
           "  makepack solve instances/oakhill-6w.yaml -o 6w.yaml\n"
           "  makepack report instances/oakhill-6w.yaml 6w.yaml --gantt 6w.html --csv 6w.csv\n"
           "  makepack report instances/oakhill-6w.yaml 6w.yaml --gantt 6w.svg > 6w-kpis.txt\n"
           "  scripts/render-gantt.sh 6w.html 6w.png     # PNG via headless Chromium\n"
           "  makepack report peak.yaml peak.partial.yaml --allow-unmet 0 --gantt peak.html\n"
           "  makepack solve instances/oakhill-4w.yaml --greedy-only --start rules -o rules.yaml\n"
           "  makepack solve instances/oakhill-4w.yaml --start rules -o optimised.yaml\n"
           "  makepack report instances/oakhill-4w.yaml rules.yaml --compare optimised.yaml\n"
           "      \"my rules\" against the optimised plan, side by side\n"
           "      solve --partial's plan: what falls short, per SKU and in the chart\n";
}

int run_report(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("report", err, [&]() -> int {
        const PlanArgs parsed = parse_plan_args(args, report_options());
        const po::variables_map& vm = parsed.vm;
        // Usage errors in the options come before the files are read.
        const std::string gantt_path = vm.count("gantt") ? vm["gantt"].as<std::string>() : "";
        const std::string csv_path = vm.count("csv") ? vm["csv"].as<std::string>() : "";
        const int stock_pastes = vm["stock-pastes"].as<int>();
        if (stock_pastes < 0) throw UsageError("--stock-pastes must be >= 0, got " + std::to_string(stock_pastes));
        if (vm.count("gantt") && gantt_path.empty()) throw UsageError("--gantt needs a file name");
        if (vm.count("csv") && csv_path.empty()) throw UsageError("--csv needs a file name");
        GanttKind kind = GanttKind::Svg;
        if (!gantt_path.empty()) kind = gantt_kind(gantt_path);
        // Fail on unwritable outputs before any work (as solve does).
        if (!gantt_path.empty()) require_writable_path(gantt_path, {parsed.instance_path, parsed.schedule_path});
        if (!csv_path.empty()) require_writable_path(csv_path, {parsed.instance_path, parsed.schedule_path});
        require_distinct_outputs({{"--gantt", gantt_path}, {"--csv", csv_path}});
        const std::string compare_path = vm.count("compare") ? vm["compare"].as<std::string>() : "";
        if (vm.count("compare") && compare_path.empty()) throw UsageError("--compare needs a schedule file");

        const CheckedPlan plan = load_and_check_plan(parsed);
        print_check_verdict(out, plan, "; no report");
        if (!plan.check.feasible()) {
            out.flush();
            return kViolations;
        }
        const Instance& instance = plan.instance;
        const Schedule& schedule = plan.schedule;
        const CheckResult& check = plan.check;
        if (!compare_path.empty()) {
            require_readable_file(compare_path, "schedule");
            CheckedPlan other{compare_path, instance, load_schedule(instance, compare_path), {}};
            other.check = check_schedule(instance, other.schedule);
            print_check_verdict(out, other, "; no comparison");
            if (!other.check.feasible()) {
                out.flush();
                return kViolations;
            }
            report::print_plan_comparison(out, instance, {parsed.schedule_path, &schedule, check.objective},
                                          {compare_path, &other.schedule, other.check.objective});
            out.flush();
            return kOk;
        }

        // The figures: exactly verify's (model/kpi.hpp), plus availability and stock.
        const Kpis kpis = compute_kpis(instance, schedule);
        const auto availability = resource_availability(instance, schedule, kpis.resources);
        const auto stock = paste_stock(instance, schedule);
        print_objective(out, instance, check.objective);
        out << "\n";
        print_resource_table(out, instance, kpis.resources);
        out << "\n";
        report::print_availability_table(out, instance, kpis.resources, availability);
        out << "\n";
        print_paste_table(out, instance, kpis.pastes);
        out << "\n";
        report::print_stock_table(out, instance, stock);
        out << "\n";
        print_sku_table(out, instance, kpis.skus);
        out.flush();

        report::GanttOptions gantt_options;
        gantt_options.stock_pastes = stock_pastes;
        auto write = [&](const std::string& path, const std::string& text, const char* what) {
            write_output_file(path, text);
            err << "makepack: " << what << " written to " << path << " (" << size_text(text.size()) << ")\n";
        };
        if (!gantt_path.empty()) {
            const std::string text = kind == GanttKind::Svg
                                         ? report::gantt_svg(instance, schedule, check.objective, gantt_options)
                                         : report::gantt_html(instance, schedule, check.objective, gantt_options);
            write(gantt_path, text, kind == GanttKind::Svg ? "Gantt chart (SVG)" : "Gantt chart (HTML)");
        }
        if (!csv_path.empty()) write(csv_path, report::schedule_csv(instance, schedule), "CSV");
        return kOk;
    });
}

}  // namespace makepack::cli
