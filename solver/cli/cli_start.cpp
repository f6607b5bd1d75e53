#include "solver/cli/cli_start.hpp"

#include "solver/cli/cli_common.hpp"
#include "solver/solve/rules_file.hpp"

#include <stdexcept>

namespace makepack::cli {

namespace po = boost::program_options;

void add_start_options(po::options_description& options, StartArgs& a) {
    options.add_options()
        ("start", po::value(&a.start)->value_name("KIND")->default_value(a.start),
         "the start plan: auto (the backward greedy, and with soft demand the pipelined start of few long "
         "rows, docs/unmet-demand.md; where it leaves hard demand short, the best of the portfolio and the "
         "pipelined start on a copy where units short are counted), "
         "backward (the backward greedy's insertion alone), rules (forward dispatch by weighted rules, "
         "docs/rules.md) or portfolio (both and a few rule weightings; the best complete plan starts the search)")
        ("rule", po::value(&a.rules)->value_name("NAME=WEIGHT")->composing(),
         "a dispatch rule weight for --start auto|rules|portfolio, repeatable (e.g. --rule need-date=3 --rule setup=1); "
         "rules not named are off, after --rules FILE it changes that file's weight")
        ("rules", po::value(&a.rules_file)->value_name("FILE"),
         "the dispatch rule weights from a YAML rules file (docs/rules.md, instances/rules/planner-example.yaml)");
}

StartOptions start_options(const StartArgs& a) {
    StartOptions options;
    const auto kind = start_kind_from_string(a.start);
    if (!kind) throw UsageError("--start must be auto, backward, rules or portfolio, got '" + a.start + "'");
    options.kind = *kind;
    const bool any_rules = !a.rules.empty() || !a.rules_file.empty();
    if (any_rules && options.kind == StartKind::Backward)
        throw UsageError("--rule and --rules need --start auto, rules or portfolio");
    if (!a.rules_file.empty()) {
        require_readable_file(a.rules_file, "rules");
        options.rules = load_rules_file(a.rules_file);
    } else if (!a.rules.empty()) {
        options.rules = RuleSet::none();
    }
    try {
        for (const std::string& rule : a.rules) apply_rule_argument(options.rules, rule);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return options;
}

}  // namespace makepack::cli
