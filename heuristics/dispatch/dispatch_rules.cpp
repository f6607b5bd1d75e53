// The built-in dispatch rules. Each is the seed's rule (APS "Optimize Rules
// Defined", shared/seeds/002) restated for a make-and-pack plant; the section
// it comes from is named above it and in docs/rules.md.
#include "heuristics/dispatch/dispatch_rule.hpp"

#include <algorithm>

namespace makepack {

namespace {

// Delivery Date tab, "Earliest Job Need Date": hours from the line's free
// time to the SKU's due date (no due date: the horizon).
struct NeedDate final : DispatchRule {
    const char* name() const override { return "need-date"; }
    const char* description() const override { return "earliest due date first (hours from now to the due date)"; }
    double value(const DispatchView& v) const override {
        const Product& p = v.instance.products[v.sku];
        return static_cast<double>(p.due.value_or(v.instance.horizon) - v.free_at);
    }
};

// Delivery Date tab, "Critical Ratio": slack to the due date per hour of the
// work left on this line (less slack for more work = more urgent).
struct CriticalRatio final : DispatchRule {
    const char* name() const override { return "critical-ratio"; }
    const char* description() const override {
        return "least slack per hour of remaining work first ((due - now) / work)";
    }
    double value(const DispatchView& v) const override {
        const Product& p = v.instance.products[v.sku];
        const int work = std::max(1, v.instance.work(v.sku, v.line, v.units_left));
        return static_cast<double>(p.due.value_or(v.instance.horizon) - v.free_at) / work;
    }
};

// Efficiency tab, "Least Setup Hours": the line changeover from its previous row.
struct SetupHours final : DispatchRule {
    const char* name() const override { return "setup"; }
    const char* description() const override { return "least changeover hours from the line's previous row first"; }
    double value(const DispatchView& v) const override {
        return v.previous < 0 ? 0.0 : static_cast<double>(v.instance.changeover(v.previous, v.sku));
    }
};

// Efficiency tab, "Group by Setup Code" / Material Groupings: 0 when the
// previous row on the line is filled with the same paste, else 1 (a paste's
// SKUs run as one campaign).
struct Campaign final : DispatchRule {
    const char* name() const override { return "campaign"; }
    const char* description() const override { return "SKUs of the previous row's paste first (group a paste's SKUs)"; }
    double value(const DispatchView& v) const override {
        if (v.previous < 0) return 0.0;
        return v.instance.products[v.previous].paste == v.instance.products[v.sku].paste ? 0.0 : 1.0;
    }
};

// Resource choice: the expected downtime rate of the SKU on this line
// (MODEL.md 7's downtime term per hour of work).
struct Downtime final : DispatchRule {
    const char* name() const override { return "downtime"; }
    const char* description() const override { return "lowest expected downtime rate on this line first"; }
    double value(const DispatchView& v) const override { return v.instance.option(v.sku, v.line)->downtime; }
};

// Priority tab, "Fewest Eligible Resources" turned around to the resource:
// the SKU's fastest line is its preferred one; slower lines score 1 - rate/best.
struct PreferredResource final : DispatchRule {
    const char* name() const override { return "preferred-resource"; }
    const char* description() const override { return "the SKU's fastest line first (1 - rate / best rate)"; }
    double value(const DispatchView& v) const override {
        double best = 0;
        for (int line : v.instance.products[v.sku].eligible) best = std::max(best, v.instance.option(v.sku, line)->rate);
        return best > 0 ? 1.0 - v.instance.option(v.sku, v.line)->rate / best : 0.0;
    }
};

// Material Groupings / release rules: lbs of paste still to be made for the
// SKU's remaining demand (0 when stock already covers it).
struct PasteAvailability final : DispatchRule {
    const char* name() const override { return "paste"; }
    const char* description() const override { return "SKUs whose paste is already made first (lbs still to make)"; }
    double value(const DispatchView& v) const override {
        const double need = static_cast<double>(v.units_left) / v.instance.products[v.sku].units_per_lb;
        return std::max(0.0, need - v.paste_stock);
    }
};

// Efficiency tab, "Least Run Hours": the work hours left of the SKU on this line.
struct RemainingWork final : DispatchRule {
    const char* name() const override { return "remaining-work"; }
    const char* description() const override {
        return "least remaining run hours first (a negative weight: most first)";
    }
    double value(const DispatchView& v) const override {
        return static_cast<double>(v.instance.work(v.sku, v.line, v.units_left));
    }
};

std::vector<std::unique_ptr<DispatchRule>> make_rules() {
    std::vector<std::unique_ptr<DispatchRule>> rules;
    rules.push_back(std::make_unique<NeedDate>());
    rules.push_back(std::make_unique<CriticalRatio>());
    rules.push_back(std::make_unique<SetupHours>());
    rules.push_back(std::make_unique<Campaign>());
    rules.push_back(std::make_unique<Downtime>());
    rules.push_back(std::make_unique<PreferredResource>());
    rules.push_back(std::make_unique<PasteAvailability>());
    rules.push_back(std::make_unique<RemainingWork>());
    return rules;
}

}  // namespace

const std::vector<std::unique_ptr<DispatchRule>>& dispatch_rules() {
    static const std::vector<std::unique_ptr<DispatchRule>> rules = make_rules();
    return rules;
}

}  // namespace makepack
