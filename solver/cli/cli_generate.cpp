#include "solver/cli/cli_generate.hpp"

#include "model/instance_loader.hpp"
#include "model/schedule_io.hpp"
#include "model/yaml_text.hpp"
#include "solver/cli/cli_common.hpp"
#include "solver/generate/generator.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>

namespace makepack::cli {

namespace po = boost::program_options;

namespace {

struct GenerateArgs {
    GeneratorOptions options;
    std::string seed = "1";
    double storage = 0;
    int max_hold = 0;
    double due_hard = 0;
    std::string output;
    bool quiet = false;
};

po::options_description visible_options(GenerateArgs& a) {
    GeneratorOptions& g = a.options;
    po::options_description options("Options");
    options.add_options()
        ("mixers", po::value(&g.mixers)->value_name("M")->default_value(g.mixers), "mixers (stage 1)")
        ("lines", po::value(&g.lines)->value_name("L")->default_value(g.lines), "packaging lines (stage 2)")
        ("pastes", po::value(&g.pastes)->value_name("P")->default_value(g.pastes), "pastes")
        ("skus", po::value(&g.skus)->value_name("S")->default_value(g.skus), "SKUs (at least P: every paste fills one or more)")
        ("weeks", po::value(&g.weeks)->value_name("W")->default_value(g.weeks), "horizon in weeks (168 hours each)")
        ("seed", po::value(&a.seed)->value_name("N")->default_value("1"), "random seed, 0 to 2^64-1: same options and seed, same file")
        ("load", po::value(&g.load)->value_name("U")->default_value(g.load, "0.85"),
         "target utilisation of the bottleneck stage: demand is scaled so the estimate (docs/generate.md) is U; "
         "up to 1.5 (above ~0.9 a plan may not exist)")
        ("eligible", po::value(&g.eligible)->value_name("E")->default_value(g.eligible, "1"),
         "chance that a product can run on a given resource of its stage (1 = all, as in the thesis); "
         "every product keeps at least one")
        ("storage", po::value(&a.storage)->value_name("F"),
         "add a storage section: F x (all paste of the horizon held at once) in 2000-lb totes, plus one static tote per line")
        ("max-hold", po::value(&a.max_hold)->value_name("H"), "paste expires H hours after it is made (every paste)")
        ("due", po::bool_switch(&g.due), "due dates spread over the horizon (soft; objective lateness weight 1)")
        ("due-hard", po::value(&a.due_hard)->value_name("F"),
         "with --due: each SKU's due date is hard (rows must end by it) with chance F; 1 = every SKU "
         "(the instance-level due_hard: true)")
        ("soft", po::bool_switch(&g.soft),
         "soft demand (demand_soft: true): unmet units are allowed and cost --unmet-penalty each")
        ("unmet-penalty", po::value(&g.unmet_penalty)->value_name("P")->default_value(g.unmet_penalty, "0.01"),
         "with --soft: the objective per unmet unit (unmet_penalty)")
        ("matrix", po::bool_switch(&g.matrix), "sparse changeover matrices (default 6 h, some pairs cheaper or dearer)")
        ("ensure-feasible", po::bool_switch(&g.ensure_feasible),
         "scale the demand down by 5 % at a time (at most 20 times) until makepack's greedy finds a plan; "
         "the file's header records the factor")
        ("outages", po::value(&g.outages)->value_name("K")->default_value(0), "K random breakdowns, holidays and repairs")
        ("name", po::value(&g.name)->value_name("NAME"), "the instance name (default: the output file name without .yaml)")
        ("output,o", po::value(&a.output)->value_name("FILE"), "where to write the instance YAML (required; - = stdout)")
        ("quiet,q", po::bool_switch(&a.quiet), "print nothing but errors")
        ("help,h", "this help");
    return options;
}

std::string shell_quote(const std::string& text) {
    bool plain = !text.empty();
    for (char c : text)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string("-_./=:,+@%").find(c) != std::string::npos))
            plain = false;
    if (plain) return text;
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// The command in canonical form: every option that shapes the instance, in a
// fixed order; running it again reproduces the file byte for byte.
std::string canonical_command(const GeneratorOptions& g, bool explicit_name, const std::string& output) {
    std::string c = "makepack generate --mixers " + std::to_string(g.mixers) + " --lines " + std::to_string(g.lines) +
                    " --pastes " + std::to_string(g.pastes) + " --skus " + std::to_string(g.skus) + " --weeks " +
                    std::to_string(g.weeks) + " --seed " + std::to_string(g.seed) + " --load " + yaml_text::number(g.load);
    if (g.eligible != 1.0) c += " --eligible " + yaml_text::number(g.eligible);
    if (g.storage) c += " --storage " + yaml_text::number(*g.storage);
    if (g.max_hold) c += " --max-hold " + std::to_string(*g.max_hold);
    if (g.due) c += " --due";
    if (g.due_hard) c += " --due-hard " + yaml_text::number(*g.due_hard);
    if (g.matrix) c += " --matrix";
    if (g.outages > 0) c += " --outages " + std::to_string(g.outages);
    if (g.soft) c += " --soft --unmet-penalty " + yaml_text::number(g.unmet_penalty);
    if (g.ensure_feasible) c += " --ensure-feasible";
    if (explicit_name) c += " --name " + shell_quote(g.name);
    return c + " -o " + shell_quote(output);
}

}  // namespace

void print_generate_help(std::ostream& out) {
    GenerateArgs a;
    out << "makepack generate - write a random thesis-like instance\n\n"
           "Usage: makepack generate [--mixers M] [--lines L] [--pastes P] [--skus S] [--weeks W]\n"
           "                         [--seed N] [--load U] [--eligible E] [--storage F] [--max-hold H]\n"
           "                         [--due] [--due-hard F] [--matrix] [--outages K] [--soft] [--unmet-penalty P]\n"
           "                         [--ensure-feasible] [--name NAME] -o FILE\n\n"
           "Draws a plant like the thesis's (20,000-lb mixers, lines packing 4,000-6,000\n"
           "units/h, batch hours 8-15, downtime rates 0.10-0.60, units per lb 1-10, the\n"
           "thesis calendars: 1-h breaks every 12 h on lines, 8-h maintenance every\n"
           "336 h (mixers) / 672 h (lines) with a different since_last per resource,\n"
           "14 h of spare capacity a week) and scales the demand so the estimated\n"
           "utilisation of the busier stage is U. Deterministic: the same options and\n"
           "seed give the same bytes. The file starts with the command that made it\n"
           "and the estimated utilisation of both stages; it is loaded back (the same\n"
           "checks as solve) before it is written, atomically. Defaults: the thesis size.\n\n"
        << visible_options(a)
        << "\nExit codes:\n"
           "  0  written\n"
           "  2  bad usage (an option out of range, a load the changeovers alone exceed),\n"
           "     FILE cannot be written, or a load above 1 (or a hard due date) gave an instance\n"
           "     the loader refuses (demand beyond what the eligible resources can make)\n"
           "  3  --ensure-feasible: the greedy found no plan even at 0.36 x the demand; nothing written\n"
           "  4  internal error: the generated instance does not load (a bug)\n"
           "\nExamples:\n"
           "  makepack generate --mixers 6 --lines 6 --pastes 14 --skus 32 --weeks 4 --seed 11 --load 0.7 -o small.yaml\n"
           "      a thesis-size plant, four weeks\n"
           "  makepack generate --seed 11 --load 0.85 --ensure-feasible -o tight.yaml\n"
           "      demand scaled down in 5 % steps until makepack's greedy plans it (here once: x 0.95)\n"
           "  makepack generate --mixers 12 --lines 12 --pastes 70 --skus 160 --weeks 6 --seed 7 --load 0.8 \\\n"
           "      --eligible 0.7 --storage 0.5 --max-hold 240 --due --matrix --outages 3 --ensure-feasible -o plant.yaml\n"
           "      every option: partial eligibility, totes, expiring paste, due dates, a changeover matrix, outages\n"
           "  makepack generate --seed 9 --load 1.2 --due --due-hard 0.3 --soft -o over.yaml\n"
           "      an overloaded plant with soft demand (unmet units cost 0.01 each) and 30 % hard due dates\n"
           "  makepack generate --mixers 40 --lines 60 --pastes 400 --skus 2000 --weeks 13 --seed 5 --load 0.8 \\\n"
           "      --eligible 0.5 --matrix --outages 12 -o xl.yaml\n"
           "  makepack generate --seed 3 -o - | head\n"
           "\nThe generated sets in instances/generated/ list their commands in its README.md.\n";
}

namespace {

std::uint64_t parse_seed(const std::string& text) {
    std::uint64_t seed = 0;
    const char* first = text.data();
    const char* last = first + text.size();
    const auto [ptr, ec] = std::from_chars(first, last, seed);
    if (text.empty() || ec != std::errc() || ptr != last)
        throw UsageError("--seed must be a whole number from 0 to 18446744073709551615, got '" + text + "'");
    return seed;
}

// The generator's options from the parsed command line (name, header); a
// usage error names what is wrong.
void settle_options(GenerateArgs& a, const po::variables_map& vm) {
    GeneratorOptions& g = a.options;
    if (a.output.empty()) throw UsageError("missing -o FILE (where to write the instance; - for stdout)");
    if (a.output.find_first_of("\n\r") != std::string::npos) throw UsageError("-o FILE must not contain a line break");
    g.seed = parse_seed(a.seed);
    if (vm.count("storage")) g.storage = a.storage;
    if (vm.count("max-hold")) g.max_hold = a.max_hold;
    if (vm.count("due-hard")) g.due_hard = a.due_hard;
    if (!vm["unmet-penalty"].defaulted() && !g.soft)
        throw UsageError("--unmet-penalty needs --soft (it is the cost of an unmet unit of soft demand)");
    const bool to_stdout = a.output == "-";
    const bool explicit_name = vm.count("name") > 0;
    if (!explicit_name) {
        g.name = to_stdout ? std::string("generated") : std::filesystem::path(a.output).stem().string();
        if (g.name.empty()) g.name = "generated";
    }
    if (const std::string problem = validate_generator_options(g); !problem.empty()) throw UsageError(problem);
    if (!to_stdout) require_writable_path(a.output);
    g.header = {"generated by " + canonical_command(g, explicit_name, a.output)};
}

// The generated instance does not load: why, and the exit code.
int refused_by_loader(const GeneratorOptions& g, const InputError& e, std::ostream& err) {
    if (g.load > 1) {
        err << "makepack generate: at load " << yaml_text::number(g.load)
            << " the instance asks for more than the plant can make, and the loader refuses it:\n  " << e.what()
            << "\nNothing written; use a load of 1 or less.\n";
        return kBadInput;
    }
    if (g.due_hard) {  // the due dates clear each SKU's packing, but not every combination of outages
        err << "makepack generate: a hard due date asks for more than its lines can pack by then, and the "
               "loader refuses it:\n  "
            << e.what() << "\nNothing written; try a lower --due-hard or load, or another seed.\n";
        return kBadInput;
    }
    err << "makepack generate: internal error: the generated instance does not load (a bug; nothing written):\n  "
        << e.what() << "\n";
    return kInternal;
}

void print_summary(const GenerateArgs& a, const GeneratedInstance& generated, double generate_seconds,
                   double load_seconds, std::ostream& err) {
    const GeneratorOptions& g = a.options;
    err << "makepack generate: " << g.name << ": " << g.mixers << " mixers, " << g.lines << " lines, " << g.pastes
        << " pastes, " << g.skus << " SKUs, horizon " << 168 * g.weeks << " hours; estimated utilisation mixers "
        << two_decimals(generated.utilisation_mixers) << ", lines " << two_decimals(generated.utilisation_lines);
    if (g.matrix) err << "; " << generated.mixer_pairs << " + " << generated.line_pairs << " changeover pairs";
    if (g.outages > 0) err << "; " << generated.outages << " outages";
    if (g.storage) err << "; " << generated.totes << " totes";
    if (g.due_hard) err << "; " << generated.skus_due_hard << " hard due dates";
    if (g.soft) err << "; soft demand";
    if (g.ensure_feasible)
        err << "; the greedy finds a plan" << (generated.ensure_tries ? " after scaling the demand by " + two_decimals(std::pow(0.95, generated.ensure_tries)) : std::string());
    err << "\nmakepack generate: generated in " << seconds_text(generate_seconds) << ", loads in "
        << seconds_text(load_seconds) << "; " << (a.output == "-" ? std::string("written to stdout")
                                                                  : "written to " + a.output)
        << " (" << size_text(generated.yaml.size()) << ")\n";
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int run_generate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    return guarded("generate", err, [&]() -> int {
        GenerateArgs a;
        const po::options_description options = visible_options(a);
        const po::variables_map vm = parse_command_line(args, options, po::positional_options_description());
        settle_options(a, vm);
        const GeneratorOptions& g = a.options;
        const bool to_stdout = a.output == "-";

        const auto started = std::chrono::steady_clock::now();
        GeneratedInstance generated;
        try {
            generated = generate_instance(g);
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
        const double generate_seconds = seconds_since(started);

        // Load it back: what we write must be an instance solve accepts.
        const auto load_started = std::chrono::steady_clock::now();
        try {
            const Instance loaded = parse_instance(generated.yaml, to_stdout ? std::string("<generated>") : a.output);
            (void)loaded;
        } catch (const InputError& e) {
            return refused_by_loader(g, e, err);
        }
        const double load_seconds = seconds_since(load_started);
        if (g.ensure_feasible && !generated.greedy_feasible) {
            err << "makepack generate: even with the demand scaled by " << two_decimals(generated.demand_scale)
                << " the greedy finds no plan (" << generated.greedy_failure << "); nothing written\n";
            return kNoSchedule;
        }

        if (to_stdout) {
            out << generated.yaml;
            out.flush();
        } else {
            write_output_file(a.output, generated.yaml);
        }
        if (!a.quiet) print_summary(a, generated, generate_seconds, load_seconds, err);
        return kOk;
    });
}

}  // namespace makepack::cli
