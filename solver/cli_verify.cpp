#include "solver/cli_verify.hpp"

#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "model/kpi.hpp"
#include "model/schedule_io.hpp"
#include "solver/cli_common.hpp"
#include "solver/report_tables.hpp"

#include <iostream>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

po::options_description visible_options() {
    po::options_description options("Options");
    options.add_options()("help,h", "this help");
    return options;
}

}  // namespace

void print_verify_help(std::ostream& out) {
    out << "makepack verify - check a schedule against an instance\n\n"
           "Usage: makepack verify INSTANCE SCHEDULE\n\n"
           "Loads INSTANCE and SCHEDULE (YAML, docs/MODEL.md section 8) and checks every\n"
           "rule of the model: overlaps, calendar blocks, material and storage, demand,\n"
           "the stated row ends and the stated objective.\n"
           "  feasible:   prints the objective breakdown, the per-resource table (work,\n"
           "              expected downtime, changeover, maintenance, shift-break, spare,\n"
           "              outage and idle hours), paste made against paste needed, and\n"
           "              units packed against demand per SKU (docs/cli.md defines them).\n"
           "  violations: prints one violation per line (rule, subject, time span,\n"
           "              detail), then their count.\n\n"
        << visible_options()
        << "\nExit codes:\n"
           "  0  the schedule is feasible\n"
           "  1  the schedule breaks rules (printed on stdout)\n"
           "  2  a file cannot be read or is invalid: file:line:col: field: message on stderr\n"
           "  4  internal error (a bug in makepack)\n"
           "\nExamples:\n"
           "  makepack verify instances/oakhill-4w.yaml oakhill-4w.schedule.yaml\n"
           "  makepack verify instances/oakhill-4w.yaml plan.yaml > report.txt || echo \"rejected: $?\"\n";
}

int run_verify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("verify", err, [&]() -> int {
        std::vector<std::string> files;
        po::options_description options = visible_options();
        options.add_options()("file", po::value(&files));
        po::positional_options_description positional;
        positional.add("file", 2);
        parse_command_line(args, options, positional);
        if (files.size() < 2)
            throw UsageError(files.empty() ? "missing INSTANCE and SCHEDULE" : "missing SCHEDULE (the schedule YAML file)");
        const std::string& instance_path = files[0];
        const std::string& schedule_path = files[1];

        require_readable_file(instance_path, "instance");
        const Instance instance = load_instance(instance_path);
        require_readable_file(schedule_path, "schedule");
        const Schedule schedule = load_schedule(instance, schedule_path);

        const CheckResult check = check_schedule(instance, schedule);
        if (!check.feasible()) {
            for (const Violation& v : check.violations) out << to_string(v) << "\n";
            out << violation_count_text(check) << ": "
                << schedule_path << " is not a feasible schedule of " << instance.name << "\n";
            out.flush();
            return kViolations;
        }

        const Kpis kpis = compute_kpis(instance, schedule);
        out << schedule_path << " is a feasible schedule of " << instance.name << " (" << schedule.rows.size()
            << " rows, " << describe_size(instance) << ")\n\n";
        print_objective(out, instance, check.objective);
        out << "\n";
        print_resource_table(out, instance, kpis.resources);
        out << "\n";
        print_paste_table(out, instance, kpis.pastes);
        out << "\n";
        print_sku_table(out, instance, kpis.skus);
        out.flush();
        return kOk;
    });
}

}  // namespace makepack::cli
