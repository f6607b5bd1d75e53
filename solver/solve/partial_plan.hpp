// The file of a partial plan: what `solve --partial FILE` and `batch` write
// when the time limit ends the search with hard demand still short
// (SolveOutcome::partial). It is no feasible plan of the instance, so it says
// so in a header comment, and its objective is the one `makepack verify
// INSTANCE FILE --allow-unmet 0` computes.
#pragma once

#include "model/checker.hpp"
#include "model/schedule.hpp"

#include <string>

namespace makepack {

// `instance` as `--allow-unmet 0` loads it: no min_fill; a hard instance's
// demand soft at price 0 (a SKU's own price stays).
Instance soft_for_partial(const Instance& instance);

struct PartialPlanFile {
    CheckResult check;  // of the plan against soft_for_partial(instance)
    std::string text;   // header comment + schedule YAML; empty when check is infeasible
};

// `shortfall`: units of hard demand the plan leaves unpacked (SolveOutcome::shortfall).
PartialPlanFile partial_plan_file(const Instance& instance, const Schedule& plan, double shortfall);

}  // namespace makepack
