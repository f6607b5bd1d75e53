#include "model/rules/objective_rules.hpp"

#include "model/rules/format.hpp"

#include <cmath>

namespace makepack {

bool objective_value_matches(double stated, double computed) {
    const double difference = std::fabs(stated - computed);
    return difference <= 1e-4 || difference <= 1e-6 * std::fabs(computed);
}

std::optional<double> objective_component(const ObjectiveBreakdown& objective, std::string_view name) {
    if (name == "downtime") return objective.downtime;
    if (name == "changeover") return objective.changeover;
    if (name == "lateness") return objective.lateness;
    if (name == "unmet") return objective.unmet;
    if (name == "holding") return objective.holding;
    if (name == "overproduction") return objective.overproduction;
    if (name == "changes") return objective.changes;
    if (name == "total") return objective.total;
    return std::nullopt;
}

void check_stated_objective(const StatedObjective& stated, const ObjectiveBreakdown& computed, int horizon,
                            ViolationSink& sink) {
    const auto mismatch = [&](const std::string& name, double stated_value, double computed_value) {
        sink.report([&] {
            return Violation{"objective", "", 0, horizon,
                             name + " stated " + number_text(stated_value) + ", recomputed " +
                                 number_text(computed_value)};
        });
    };
    for (const auto& [name, value] : stated.components) {
        if (name == "total") continue;  // StatedObjective::total is the authority
        const std::optional<double> mine = objective_component(computed, name);
        if (mine && !objective_value_matches(value, *mine)) mismatch(name, value, *mine);
    }
    if (!stated.total) {
        sink.report([&] {
            return Violation{"objective", "", 0, horizon,
                             "the stated objective has no total (recomputed " + number_text(computed.total) + ")"};
        });
    } else if (!objective_value_matches(*stated.total, computed.total)) {
        mismatch("total", *stated.total, computed.total);
    }
}

}  // namespace makepack
