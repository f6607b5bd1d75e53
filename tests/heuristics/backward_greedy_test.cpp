#include "heuristics/backward_greedy.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace makepack;
using fixtures::shipped;

namespace {

void require_feasible_greedy(const Instance& instance) {
    GreedyResult result = backward_greedy(instance);
    INFO("greedy failure: " << result.failure);
    REQUIRE(result.schedule.has_value());
    CheckResult check = check_schedule(instance, *result.schedule, CheckOptions{false});
    for (const Violation& v : check.violations) INFO(to_string(v));
    CHECK(check.violations.empty());
}
}  // namespace

TEST_CASE("backward greedy schedules every shipped instance feasibly") {
    for (const char* name : {"oakhill-4w.yaml", "oakhill-5w.yaml", "oakhill-6w.yaml", "bench/small-plant.yaml",
                             "bench/small-tight.yaml", "bench/medium.yaml", "bench/medium-plant.yaml"}) {
        CAPTURE(name);
        require_feasible_greedy(load_instance(shipped(name)));
    }
}
