// Rule group 5: the objective (MODEL.md 7, 9.3, 9.11). The components are
// summed by check_schedule from the other groups' costs; this group compares
// what a schedule file states with them.
#pragma once

#include "model/checker.hpp"
#include "model/rules/violation_sink.hpp"

#include <optional>
#include <string_view>

namespace makepack {

// Within 1e-6 relative or 1e-4 absolute.
bool objective_value_matches(double stated, double computed);

// The unweighted component named as in MODEL.md 7; nullopt for other names.
std::optional<double> objective_component(const ObjectiveBreakdown& objective, std::string_view name);

// Every stated component and the total (which must be present) must match
// the recomputed breakdown ("objective"). Unknown component names are not
// components and are ignored (a file may carry extra report figures).
void check_stated_objective(const StatedObjective& stated, const ObjectiveBreakdown& computed, int horizon,
                            ViolationSink& sink);

}  // namespace makepack
