#include "solver/cli/cli_bound.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/instance_loader.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/report/report_tables.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

struct BoundArgs {
    std::string instance;
    double time_limit = 60;
    bool json = false;
    bool resources = false;
    int timed_buckets = 0;
    int coupled_pastes = 60;
};

po::options_description visible_options(BoundArgs& a) {
    po::options_description options("Options");
    options.add_options()
        ("json", po::bool_switch(&a.json), "print one JSON object instead of the text report")
        ("resources", po::bool_switch(&a.resources),
         "also print each resource's available hours (text report; always in --json)")
        ("time-limit", po::value(&a.time_limit)->value_name("S")->default_value(60),
         "budget in seconds for the LPs (capacity, coupled mixers); if it runs out, their prices still give a "
         "valid (weaker) bound")
        ("timed", po::value(&a.timed_buckets)->value_name("N")->default_value(0),
         "soft demand: also solve the time-indexed LP with N time buckets (stage timing; slow, off by default)")
        ("coupled", po::value(&a.coupled_pastes)->value_name("N")->default_value(60),
         "hard demand: the coupled mixers LP (column generation, seconds) when no mixer has more than N "
         "eligible pastes, else its Lagrangian (min-cost flows, 200 subgradient rounds); 0 = off")
        ("help,h", "this help");
    return options;
}

// A bound is shown rounded DOWN to the cent (a displayed bound must stay a
// bound); values within 1e-6 of a cent count as that cent.
std::string bound_text(double value) {
    if (std::isinf(value)) return value > 0 ? "+infinity" : "-infinity";
    return format_number(std::floor(value * 100 + 1e-6) / 100, 2);
}

std::string json_string(const std::string& text) {
    std::string s = "\"";
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            s += '\\';
            s += static_cast<char>(c);
        } else if (c < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            s += buffer;
        } else {
            s += static_cast<char>(c);
        }
    }
    return s + "\"";
}

std::string json_number(double value) {
    if (!std::isfinite(value)) return "null";
    if (std::abs(value) < 5e-13) value = 0;
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}
std::string json_number(const std::optional<double>& value) { return value ? json_number(*value) : "null"; }

void print_json(std::ostream& out, const Instance& instance, const LowerBound& b) {
    out << "{\"instance\": " << json_string(instance.name)
        << ", \"status\": " << json_string(b.infeasible ? "infeasible" : "bound")
        << ", \"bound\": " << json_number(b.bound)
        << ", \"used\": " << json_string(b.infeasible ? "" : b.used)
        << ", \"trivial\": " << json_number(b.trivial)
        << ", \"capacitated\": " << json_number(b.capacitated)
        << ", \"knapsacks\": " << json_number(b.knapsacks) << ", \"knapsack_rounds\": " << b.knapsack_rounds
        << ", \"timed\": " << json_number(b.timed)
        << ", \"lateness\": " << json_number(b.lateness)
        << ", \"fixed\": " << json_number(b.fixed)
        << ", \"stages\": {\"mixers\": {\"trivial\": " << json_number(b.mixers.trivial)
        << ", \"capacitated\": " << json_number(b.mixers.capacitated)
        << ", \"successors\": " << json_number(b.mixers.successors) << ", \"coupled\": " << json_number(b.mixers.coupled)
        << ", \"coupled_rounds\": " << b.coupled_rounds
        << ", \"coupled_converged\": " << (b.coupled_converged ? "true" : "false") << "}, \"lines\": {\"trivial\": "
        << json_number(b.lines.trivial) << ", \"capacitated\": " << json_number(b.lines.capacitated)
        << ", \"sibling_runs\": " << json_number(b.lines.sibling_runs)
        << ", \"successors\": " << json_number(b.lines.successors) << ", \"coupled\": " << json_number(b.lines.coupled)
        << "}}"
        << ", \"stagewise\": " << json_number(b.stagewise)
        << ", \"campaigns\": " << json_number(b.campaigns)
        << ", \"sequences\": " << json_number(b.sequences)
        << ", \"sequence_mixers\": " << json_number(b.sequences ? std::optional<double>(b.sequence_mixers) : std::nullopt)
        << ", \"sequence_iterations\": " << b.sequence_iterations
        << ", \"joint_sequences\": " << json_number(b.joint_sequences)
        << ", \"joint_sequence_part\": " << json_number(b.joint_sequences ? b.joint_sequence_part : std::nullopt)
        << ", \"joint_sequence_iterations\": " << b.joint_sequence_iterations
        << ", \"lp\": {\"status\": " << json_string(b.lp_status) << ", \"iterations\": " << b.lp_iterations
        << ", \"objective\": " << json_number(b.lp_status.empty() ? std::optional<double>() : b.lp_objective) << "}"
        << ", \"reason\": " << json_string(b.reason)
        << ", \"seconds\": " << json_number(b.seconds)
        << ", \"resources\": [";
    for (std::size_t r = 0; r < b.capacity.size(); ++r) {
        const ResourceCapacity& c = b.capacity[r];
        out << (r ? ", " : "") << "{\"id\": " << json_string(instance.resources[r].id)
            << ", \"working_hours\": " << c.working_hours << ", \"outage_hours\": " << c.outage_hours
            << ", \"maintenance_blocks\": " << c.maintenance_blocks << ", \"maintenance_hours\": " << c.maintenance_hours
            << ", \"spare_blocks\": " << c.spare_blocks << ", \"spare_hours\": " << c.spare_hours
            << ", \"fixed_hours\": " << json_number(c.fixed_hours) << ", \"available\": " << json_number(c.available)
            << "}";
    }
    out << "]}\n";
}

void print_text(std::ostream& out, const Instance& instance, const LowerBound& b, bool resources) {
    out << "Instance " << instance.name << " (" << describe_size(instance) << ")\n";
    if (b.infeasible)
        out << "Infeasible: no schedule exists: " << b.reason << "\n";
    else
        out << "Lower bound " << bound_text(b.bound) << " (" << b.used
            << (b.lateness > 0 && b.adds_lateness ? " + lateness" : "") << "): no feasible schedule has a smaller objective\n";
    out << "\n";
    TextTable table({"part", "mixers", "lines", "total"});
    const auto cell = [](const std::optional<double>& v) { return v ? bound_text(*v) : std::string("-"); };
    if (b.fixed > 0) table.add_row({"fixed rows", "", "", bound_text(b.fixed)});
    table.add_row({"trivial", bound_text(b.mixers.trivial), bound_text(b.lines.trivial), bound_text(b.trivial)});
    if (!b.infeasible)
        table.add_row({"capacitated", cell(b.mixers.capacitated), cell(b.lines.capacitated), cell(b.capacitated)});
    if (!b.infeasible && b.knapsacks) table.add_row({"knapsacks", "", "", cell(b.knapsacks)});
    if (!b.infeasible && b.timed) table.add_row({"timed", "", "", cell(b.timed)});
    if (!b.infeasible && b.stagewise) {
        table.add_row({"sibling runs", "", cell(b.lines.sibling_runs), ""});
        table.add_row({"successors", cell(b.mixers.successors), cell(b.lines.successors), ""});
        if (b.mixers.coupled || b.lines.coupled) table.add_row({"coupled", cell(b.mixers.coupled), cell(b.lines.coupled), ""});
        table.add_row({"best per stage", bound_text(b.mixers.best), bound_text(b.lines.best), cell(b.stagewise)});
    }
    if (instance.weights.lateness > 0) table.add_row({"lateness", "", "", bound_text(b.lateness)});
    if (!b.infeasible && b.campaigns)
        table.add_row({"campaigns", bound_text(b.campaign_mixers), bound_text(b.lines.best), bound_text(*b.campaigns)});
    if (!b.infeasible && b.sequences)
        table.add_row({"sequences", bound_text(b.sequence_mixers), bound_text(b.lines.best), bound_text(*b.sequences)});
    if (!b.infeasible && b.joint_sequences)
        table.add_row({"joint seq.", bound_text(*b.joint_sequence_part), bound_text(b.lines.trivial),
                       bound_text(*b.joint_sequences)});
    table.print(out);
    out << "\n";
    if (!b.lp_status.empty()) {
        out << "Capacity LP: " << b.lp_status << ", " << b.lp_iterations << " simplex iterations";
        if (b.lp_status == "optimal") out << ", primal value " << format_number(b.lp_objective, 2);
        out << "\n";
    }
    if (!b.infeasible && !b.reason.empty()) out << "Note: " << b.reason << "\n";
    if (resources) {
        out << "\n";
        TextTable r({"resource", "working", "outage", "maintenance", "spare", "fixed", "available"});
        for (std::size_t i = 0; i < b.capacity.size(); ++i) {
            const ResourceCapacity& c = b.capacity[i];
            r.add_row({instance.resources[i].id, std::to_string(c.working_hours), std::to_string(c.outage_hours),
                       std::to_string(c.maintenance_hours) + " (" + std::to_string(c.maintenance_blocks) + ")",
                       std::to_string(c.spare_hours) + " (" + std::to_string(c.spare_blocks) + ")",
                       format_number(c.fixed_hours, 2), format_number(c.available, 2)});
        }
        r.print(out);
    }
    out << "Time " << seconds_text(b.seconds) << "\n";
}

}  // namespace

void print_bound_help(std::ostream& out) {
    BoundArgs a;
    out << "makepack bound - a lower bound on the objective of every feasible schedule\n\n"
           "Usage: makepack bound INSTANCE [--json] [--resources] [--time-limit S] [--timed N] [--coupled N]\n\n"
           "Loads INSTANCE (YAML, docs/MODEL.md section 8) and prints a value that no\n"
           "feasible schedule can beat, with its parts (docs/bound.md has the formulas):\n"
           "  trivial      every product with a need has a row; each row costs at least its\n"
           "               downtime on its cheapest resource and its shortest changeover\n"
           "  capacitated  an LP spreading each product's work over its eligible resources\n"
           "               within their available hours (horizon - outages - shift breaks -\n"
           "               the minimum maintenance and spare capacity - fixed rows)\n"
           "  sibling runs (lines) a paste pays the changeover to another paste (or the\n"
           "               line's end) once per line its SKUs use; the rest can be sibling ones\n"
           "  successors   every product's last row is followed by another product's row\n"
           "               or its resource's end: an assignment over the changeover matrix\n"
           "  knapsacks    (soft demand) demand and paste priced; each line and mixer\n"
           "               fills its whole hours alone, a changeover per product it makes\n"
           "  timed        (soft demand) a time-indexed LP: work per time bucket, and paste\n"
           "               packed by a bucket's end made by then (stage timing)\n"
           "  lateness     (lateness weight > 0) the earliest each SKU's demand can be packed,\n"
           "               and the k-th SKU to finish against the k-th due date\n"
           "  coupled      (mixers) every mixer's rows as a flow from its first row with\n"
           "               subtour cuts, its downtime and changeover together (--coupled;\n"
           "               on large plants a Lagrangian of it, each mixer a min-cost flow);\n"
           "               (lines) sibling runs with each line's hours priced (a Lagrangian)\n"
           "  campaigns    (lateness weight > 0) the mixers' LP with each paste charged the\n"
           "               lateness its SKUs carry at least when it is made in one row\n"
           "               (its SKUs wait for that row) or in several, + the lines' best\n"
           "  sequences    campaigns with the one-row pastes of each mixer in sequence\n"
           "               (a row ends after those before it), subgradient paste prices\n"
           "  joint seq.   sequences with each SKU's line rows too (one line row waits for\n"
           "               all of its paste), their cost above the lines' trivial part in\n"
           "               the mixers' column, + the lines' trivial part\n"
           "The bound is the best of these per stage, summed, + lateness (or campaigns,\n"
           "sequences or joint seq. when larger), shown rounded down to the cent.\n"
           "A schedule whose objective equals it is optimal; objective / bound - 1 is the gap.\n"
           "When the demand cannot fit the capacity, the instance is reported infeasible.\n\n"
        << visible_options(a)
        << "\nExit codes:\n"
           "  0  a bound was computed and printed\n"
           "  2  bad input or usage: INSTANCE unreadable or invalid (file:line:col: field: message),\n"
           "     a bad option\n"
           "  3  the instance is infeasible (proven): no schedule exists; the reason is printed\n"
           "\nExamples:\n"
           "  makepack bound instances/oakhill-4w.yaml\n"
           "      Lower bound 900.31 (trivial): the greedy's plan can be compared against it\n"
           "  makepack bound instances/bench/medium.yaml --resources\n"
           "  makepack bound instances/bench/large.yaml --json | jq .bound\n";
}

int run_bound(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("bound", err, [&]() -> int {
        BoundArgs a;
        po::options_description options = visible_options(a);
        options.add_options()("instance", po::value(&a.instance));
        po::positional_options_description positional;
        positional.add("instance", 1);
        parse_command_line(args, options, positional);
        if (a.instance.empty()) throw UsageError("missing INSTANCE (the instance YAML file)");
        if (!std::isfinite(a.time_limit) || a.time_limit <= 0)
            throw UsageError("--time-limit must be a positive number of seconds");
        require_readable_file(a.instance, "instance");
        const Instance instance = load_instance(a.instance);
        BoundOptions bound_options;
        bound_options.time_limit_seconds = a.time_limit;
        if (a.timed_buckets < 0 || a.timed_buckets > 200) throw UsageError("--timed must be 0 (off) to 200 buckets");
        bound_options.timed_buckets = a.timed_buckets;
        if (a.coupled_pastes < 0) throw UsageError("--coupled must be 0 (off) or a number of pastes");
        bound_options.coupled_max_pastes = a.coupled_pastes;
        const LowerBound b = compute_lower_bound(instance, bound_options);
        if (a.json)
            print_json(out, instance, b);
        else
            print_text(out, instance, b, a.resources);
        out.flush();
        if (b.infeasible) {
            err << "makepack: instance " << instance.name << " is infeasible: " << b.reason << "\n";
            return kNoSchedule;
        }
        return kOk;
    });
}

}  // namespace makepack::cli
