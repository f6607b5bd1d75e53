// makepack generate: the stages of solver/generate/drawn_plant.hpp in order,
// and the retry loop of --ensure-feasible.
#include "solver/generate/generator.hpp"
#include "solver/generate/drawn_plant.hpp"

#include "heuristics/backward_greedy.hpp"
#include "model/instance_loader.hpp"

#include <cmath>
#include <stdexcept>

namespace makepack {

std::string validate_generator_options(const GeneratorOptions& o) {
    auto range = [](const char* what, long long v, long long lo, long long hi) -> std::string {
        if (v < lo || v > hi)
            return std::string("--") + what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                   " (got " + std::to_string(v) + ")";
        return "";
    };
    for (std::string e : {range("mixers", o.mixers, 1, kMaxGenResources), range("lines", o.lines, 1, kMaxGenResources),
                          range("pastes", o.pastes, 1, kMaxGenPastes), range("skus", o.skus, 1, kMaxGenSkus),
                          range("weeks", o.weeks, 1, kMaxGenWeeks), range("outages", o.outages, 0, 100000)})
        if (!e.empty()) return e;
    if (o.skus < o.pastes) return "--skus must be at least --pastes (every paste is filled into at least one SKU)";
    if (!std::isfinite(o.load) || o.load <= 0 || o.load > 1.5)
        return "--load must be above 0 and at most 1.5 (the target utilisation of the bottleneck stage)";
    if (!std::isfinite(o.eligible) || o.eligible <= 0 || o.eligible > 1)
        return "--eligible must be above 0 and at most 1 (the chance a product can run on a resource)";
    if (o.storage && (!std::isfinite(*o.storage) || *o.storage <= 0 || *o.storage > 10))
        return "--storage must be above 0 and at most 10 (a fraction of the paste of the whole horizon)";
    if (o.max_hold && (*o.max_hold < 1 || *o.max_hold > 1000000)) return "--max-hold must be a positive number of hours";
    if (o.due_hard && (!std::isfinite(*o.due_hard) || *o.due_hard <= 0 || *o.due_hard > 1))
        return "--due-hard must be above 0 and at most 1 (the chance a SKU's due date is hard)";
    if (o.due_hard && !o.due) return "--due-hard needs --due (it makes the due dates hard)";
    if (!std::isfinite(o.unmet_penalty) || o.unmet_penalty <= 0 || o.unmet_penalty > 1000000)
        return "--unmet-penalty must be above 0 and at most 1000000 (objective per unmet unit)";
    if (o.matrix && o.skus > kMaxGenMatrixProducts)
        return "--matrix supports at most " + std::to_string(kMaxGenMatrixProducts) +
               " SKUs (the loader keeps a dense matrix)";
    if (o.name.empty()) return "--name must not be empty";
    for (char c : o.name)
        if (c == '\n' || c == '\r' || static_cast<unsigned char>(c) < 0x20) return "--name must not contain control characters";
    return "";
}

namespace {

// One instance; `factor` (<= 1) multiplies the demand scale (--ensure-feasible).
GeneratedInstance generate_once(const GeneratorOptions& o, double factor, int tries) {
    generate::DrawnPlant plant = generate::draw_plant(o);
    generate::draw_calendars(o, plant);
    GeneratedInstance result;
    generate::scale_demand(o, factor, plant, result);
    generate::draw_due_dates(o, plant, result);
    generate::size_storage(o, result);
    result.yaml = generate::instance_text(o, plant, factor, tries, result);
    result.ensure_tries = tries;
    return result;
}

}  // namespace

GeneratedInstance generate_instance(const GeneratorOptions& o) {
    if (const std::string problem = validate_generator_options(o); !problem.empty()) throw std::invalid_argument(problem);
    double factor = 1;
    for (int tries = 0;; ++tries) {
        GeneratedInstance generated = generate_once(o, factor, tries);
        if (!o.ensure_feasible) return generated;
        std::string failure;
        try {
            const Instance instance = parse_instance(generated.yaml, o.name);
            GreedyOptions greedy;
            greedy.first_feasible = true;
            const GreedyResult result = backward_greedy(instance, greedy);
            if (result.schedule) {
                generated.greedy_feasible = true;
                return generated;
            }
            failure = result.failure;
        } catch (const InputError& e) {
            failure = e.what();
        }
        if (tries >= kMaxEnsureTries) {
            generated.greedy_failure = failure;
            return generated;  // the caller reports it
        }
        factor *= 0.95;
    }
}

}  // namespace makepack
