#include "heuristics/backward_greedy.hpp"
#include "model/checker.hpp"
#include "model/instance_loader.hpp"
#include "tests/support/greedy_plan.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace makepack;
using fixtures::shipped;

TEST_CASE("backward greedy schedules every shipped instance feasibly") {
    for (const char* name : {"oakhill-4w.yaml", "oakhill-5w.yaml", "oakhill-6w.yaml", "bench/small-plant.yaml",
                             "bench/small-tight.yaml", "bench/medium.yaml", "bench/medium-plant.yaml"}) {
        CAPTURE(name);
        fixtures::feasible_greedy_plan(load_instance(shipped(name)), CheckOptions{false});
    }
}
