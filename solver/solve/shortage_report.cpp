#include "solver/solve/shortage_report.hpp"

#include "model/kpi.hpp"

#include <algorithm>
#include <cmath>

namespace makepack {

namespace {

std::string hours_text(double hours) { return std::to_string(static_cast<long long>(std::ceil(hours))) + " h"; }

std::string ids(const Instance& in, const std::vector<int>& resources) {
    std::string text;
    for (std::size_t k = 0; k < resources.size() && k < 4; ++k) text += (k ? ", " : "") + in.resources[resources[k]].id;
    if (resources.size() > 4) text += ", ... (" + std::to_string(resources.size()) + ")";
    return text;
}

// Idle hours (no row, changeover, block or break) of some resources in the plan.
double idle(const std::vector<ResourceKpi>& kpis, const std::vector<int>& resources) {
    double hours = 0;
    for (int r : resources) hours += kpis[r].idle_hours;
    return hours;
}

std::vector<std::string> binding(const Instance& in, const std::vector<ResourceKpi>& kpis, int sku, std::int64_t missing) {
    const Product& s = in.products[sku];
    const Product& paste = in.products[s.paste];
    std::vector<std::string> out;
    // Hours the missing units need at the fastest eligible line / mixer.
    double rate = 0;
    for (int line : s.eligible) rate = std::max(rate, in.option(sku, line)->rate);
    const double line_need = static_cast<double>(missing) / std::max(rate, 1e-9);
    const double lbs = static_cast<double>(missing) / s.units_per_lb;
    double mixer_need = 1e300;
    for (int m : paste.eligible)
        mixer_need = std::min(mixer_need, static_cast<double>(in.batches_for(lbs, m)) * in.option(s.paste, m)->batch_hours);
    const double line_idle = idle(kpis, s.eligible), mixer_idle = idle(kpis, paste.eligible);
    if (line_idle < line_need)
        out.push_back("line hours: needs ~" + hours_text(line_need) + " more on " + ids(in, s.eligible) + ", " +
                      hours_text(line_idle) + " idle");
    if (mixer_idle < mixer_need)
        out.push_back("mixer hours for paste " + paste.id + ": needs ~" + hours_text(mixer_need) + " more on " +
                      ids(in, paste.eligible) + ", " + hours_text(mixer_idle) + " idle");
    if (s.due && s.due_hard) out.push_back("hard due date " + std::to_string(*s.due));
    if (paste.max_hold) out.push_back("max_hold " + std::to_string(*paste.max_hold) + " h of paste " + paste.id);
    if (in.storage)
        out.push_back("storage: " + std::to_string(in.storage->totes) + " totes of " +
                      std::to_string(static_cast<long long>(in.storage->tote_capacity)) + " lbs");
    int outage_hours = 0;
    std::vector<int> resources = s.eligible;
    resources.insert(resources.end(), paste.eligible.begin(), paste.eligible.end());
    for (int r : resources) outage_hours += kpis[r].outage_hours;
    if (outage_hours > 0) out.push_back("outages: " + std::to_string(outage_hours) + " h on its lines and mixers");
    if (out.empty())
        out.push_back("timing of the two stages: idle hours remain (" + hours_text(line_idle) + " on its lines, " +
                      hours_text(mixer_idle) + " on its mixers) but not where paste and line time meet");
    return out;
}

}  // namespace

std::vector<SkuShortage> find_shortages(const Instance& instance, const Schedule& plan) {
    const std::vector<ResourceKpi> kpis = resource_kpis(instance, plan);
    std::vector<SkuShortage> out;
    for (const SkuKpi& k : sku_kpis(instance, plan)) {
        const std::int64_t missing = instance.required_units(k.sku) - k.produced;
        if (missing > 0) out.push_back({k.sku, missing, binding(instance, kpis, k.sku, missing)});
    }
    std::stable_sort(out.begin(), out.end(), [](const SkuShortage& a, const SkuShortage& b) { return a.missing > b.missing; });
    return out;
}

std::vector<std::string> shortage_lines(const Instance& instance, const std::vector<SkuShortage>& shortages,
                                        std::size_t max_lines) {
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < shortages.size() && k < max_lines; ++k) {
        const SkuShortage& s = shortages[k];
        std::string line = "SKU " + instance.products[s.sku].id + ": " + std::to_string(s.missing) + " of " +
                           std::to_string(instance.required_units(s.sku)) + " units short; binds: ";
        for (std::size_t b = 0; b < s.binding.size(); ++b) line += (b ? "; " : "") + s.binding[b];
        lines.push_back(line);
    }
    if (shortages.size() > max_lines)
        lines.push_back("... and " + std::to_string(shortages.size() - max_lines) + " more SKUs");
    return lines;
}

}  // namespace makepack
