#include "solver/solve/partial_plan.hpp"

#include "model/schedule_io.hpp"

namespace makepack {

// As the loader's --allow-unmet 0 (apply_allow_unmet): a soft instance keeps
// its prices, so the objective in the file is the one verify recomputes.
Instance soft_for_partial(const Instance& instance) {
    Instance soft = instance;
    for (Product& p : soft.products) p.min_fill = 0;
    if (!soft.demand_soft) {
        soft.demand_soft = true;
        soft.weights.unmet = 0;
    }
    return soft;
}

PartialPlanFile partial_plan_file(const Instance& instance, const Schedule& plan, double shortfall) {
    const Instance soft = soft_for_partial(instance);
    PartialPlanFile file;
    file.check = check_schedule(soft, plan);
    if (!file.check.feasible()) return file;
    file.text = "# PARTIAL PLAN -- not a feasible plan of " + instance.name + ": " +
                std::to_string(static_cast<long long>(shortfall)) +
                " units of hard demand are not packed.\n"
                "# Every other rule holds; check it with: makepack verify INSTANCE THIS_FILE --allow-unmet 0\n" +
                schedule_to_yaml(soft, plan, file.check.objective);
    return file;
}

}  // namespace makepack
