// The backward greedy's plan of an instance, required to exist and to pass
// the checker (the shared first step of the start-plan tests).
#pragma once

#include "heuristics/backward_greedy.hpp"
#include "model/checker.hpp"
#include "tests/support/instance_fixtures.hpp"

#include <doctest/doctest.h>

namespace makepack::fixtures {

inline Schedule feasible_greedy_plan(const Instance& instance, CheckOptions options = {}) {
    GreedyResult result = backward_greedy(instance);
    INFO("greedy failure: " << result.failure);
    REQUIRE(result.schedule.has_value());
    const CheckResult check = check_schedule(instance, *result.schedule, options);
    INFO(violations_text(check));
    CHECK(check.feasible());
    return *result.schedule;
}

}  // namespace makepack::fixtures
