#include "solver/cli/cli_verify.hpp"

#include "model/checker.hpp"
#include "model/kpi.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/report/report_tables.hpp"

#include <iostream>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

po::options_description verify_options() {
    po::options_description options("Options");
    add_allow_unmet_option(options);
    options.add_options()("help,h", "this help");
    return options;
}

}  // namespace

void print_verify_help(std::ostream& out) {
    out << "makepack verify - check a schedule against an instance\n\n"
           "Usage: makepack verify INSTANCE SCHEDULE [--allow-unmet PENALTY]\n\n"
           "Loads INSTANCE and SCHEDULE (YAML, docs/MODEL.md section 8) and checks every\n"
           "rule of the model: overlaps, calendar blocks, material and storage, demand,\n"
           "the stated row ends and the stated objective.\n"
           "  feasible:   prints the objective breakdown, the per-resource table (work,\n"
           "              expected downtime, changeover, maintenance, shift-break, spare,\n"
           "              outage and idle hours), paste made against paste needed, and\n"
           "              units packed against demand per SKU with the fill rate; short\n"
           "              SKUs are marked * (docs/cli.md defines them).\n"
           "  violations: prints one violation per line (rule, subject, time span,\n"
           "              detail), then their count.\n\n"
        << verify_options()
        << "\nExit codes:\n"
           "  0  the schedule is feasible\n"
           "  1  the schedule breaks rules (printed on stdout)\n"
           "  2  a file cannot be read or is invalid: file:line:col: field: message on stderr\n"
           "  4  internal error (a bug in makepack)\n"
           "\nExamples:\n"
           "  makepack verify instances/oakhill-4w.yaml oakhill-4w.schedule.yaml\n"
           "  makepack verify instances/oakhill-4w.yaml plan.yaml > report.txt || echo \"rejected: $?\"\n"
           "  makepack verify peak.yaml peak.partial.yaml --allow-unmet 0\n"
           "      solve --partial's plan: every rule but the demand, unmet units at no cost\n"
           "  makepack verify peak.yaml plan.yaml --allow-unmet 100\n"
           "      a plan made with solve --allow-unmet 100 (the same PENALTY gives the same objective)\n";
}

int run_verify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("verify", err, [&]() -> int {
        const CheckedPlan plan = load_and_check_plan(parse_plan_args(args, verify_options()));
        print_check_verdict(out, plan);
        out.flush();
        if (!plan.check.feasible()) return kViolations;
        const Instance& instance = plan.instance;
        const Schedule& schedule = plan.schedule;
        const CheckResult& check = plan.check;

        const Kpis kpis = compute_kpis(instance, schedule);
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
