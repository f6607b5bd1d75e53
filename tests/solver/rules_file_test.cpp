// Rules files and --rule arguments (solver/solve/rules_file.hpp): weights by name,
// and bad input named with file, line, column and field.
#include "model/input_error.hpp"
#include "solver/solve/rules_file.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using namespace makepack;

TEST_CASE("rules file: weights by name, the rest off; the shipped example loads") {
    const RuleSet set = parse_rules_text("rules:\n  need-date: 3\n  setup: 1.5\n  resource-selection: 2\n", "r.yaml");
    CHECK(*set.get("need-date") == 3);
    CHECK(*set.get("setup") == 1.5);
    CHECK(*set.get("downtime") == 0);
    CHECK(set.resource_selection == 2);
    CHECK(set.text() == "need-date=3 setup=1.5 resource-selection=2");

    const RuleSet example = load_rules_file(fixtures::shipped("rules/planner-example.yaml"));
    CHECK(*example.get("need-date") == 4);
    CHECK(example.resource_selection == 2);
}

TEST_CASE("rules file: errors name file, line, column and field") {
    auto error_of = [](const std::string& text) {
        try {
            parse_rules_text(text, "bad.yaml");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of("rules:\n  need-date: 3\n  due-soon: 1\n").find("bad.yaml:3:3: rules.due-soon: unknown rule") == 0);
    CHECK(error_of("rules:\n  setup: lots\n").find("bad.yaml:2:10: rules.setup") == 0);
    CHECK(error_of("rules:\n  setup: 1e9\n").find("bad.yaml:2:10: rules.setup") == 0);
    CHECK(error_of("name: x\n").find("bad.yaml:1:1: rules") == 0);
    CHECK(error_of("rules: [1, 2]\n").find("bad.yaml:1:8: rules") == 0);
    CHECK(error_of("rules:\n  setup: 1\nweights: 2\n").find("bad.yaml:3:1: weights") == 0);
    CHECK(error_of("rules: {setup: 1\n").find("bad.yaml:") == 0);
}

TEST_CASE("--rule NAME=WEIGHT: known names and finite weights only") {
    RuleSet set = RuleSet::none();
    apply_rule_argument(set, "setup=2");
    apply_rule_argument(set, "remaining-work=-1");
    CHECK(*set.get("setup") == 2);
    CHECK(*set.get("remaining-work") == -1);
    CHECK_THROWS_AS(apply_rule_argument(set, "setup"), std::invalid_argument);
    CHECK_THROWS_AS(apply_rule_argument(set, "speed=1"), std::invalid_argument);
    CHECK_THROWS_AS(apply_rule_argument(set, "setup=fast"), std::invalid_argument);
    CHECK_THROWS_AS(apply_rule_argument(set, "setup="), std::invalid_argument);
    CHECK_THROWS_AS(apply_rule_argument(set, "setup=nan"), std::invalid_argument);
}
