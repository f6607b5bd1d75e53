#include "heuristics/search_state.hpp"

#include "heuristics/storage_guard.hpp"
#include "model/rules/storage.hpp"
#include "model/rules/violation_sink.hpp"

#include <algorithm>

namespace makepack {

SearchState::SearchState(const RuleContext& context, PlantTimeline timeline)
    : context_(&context), timeline_(std::move(timeline)) {
    const Instance& in = instance();
    resource_cost_.assign(in.resources.size(), {});
    paste_holding_.assign(in.num_pastes, 0);
    sku_cost_.assign(in.products.size(), {});
    dirty_resource_.assign(in.resources.size(), 0);
    dirty_paste_.assign(in.num_pastes, 0);
    dirty_sku_.assign(in.products.size(), 0);
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r) touch_resource(r);
    for (int p = 0; p < in.num_pastes; ++p) touch_paste(p);
    revalidate();  // also forgets the timeline's record of how it was built
}

void SearchState::touch_resource(int resource) {
    if (!dirty_resource_[resource]) { dirty_resource_[resource] = 1; dirty_resources_.push_back(resource); }
}

void SearchState::touch_paste(int paste) {
    if (!dirty_paste_[paste]) { dirty_paste_[paste] = 1; dirty_pastes_.push_back(paste); }
    for (int sku : instance().products[paste].skus)
        if (!dirty_sku_[sku]) { dirty_sku_[sku] = 1; dirty_skus_.push_back(sku); }
}

int SearchState::paste_of(int product) const {
    const Product& p = instance().products[product];
    return p.stage == Stage::Mixer ? product : p.paste;
}

void SearchState::take_timeline_changes() {
    for (int r : timeline_.unchecked_resources()) touch_resource(r);
    for (int product : timeline_.unchecked_products()) touch_paste(paste_of(product));
    timeline_.forget_unchecked();
}

std::vector<int> SearchState::touched_pastes() const {
    std::vector<int> pastes = dirty_pastes_;
    for (int product : timeline_.unchecked_products()) {
        const int p = paste_of(product);
        if (!dirty_paste_[p]) pastes.push_back(p);
    }
    std::sort(pastes.begin(), pastes.end());
    pastes.erase(std::unique(pastes.begin(), pastes.end()), pastes.end());
    return pastes;
}

void SearchState::assign_changed(SearchState& source) {
    context_ = source.context_;
    timeline_.assign_changed(source.timeline_);
    // The caches are small next to the timeline: plain copies (no allocation once sized).
    resource_cost_ = source.resource_cost_;
    paste_holding_ = source.paste_holding_;
    sku_cost_ = source.sku_cost_;
    dirty_resource_ = source.dirty_resource_;
    dirty_paste_ = source.dirty_paste_;
    dirty_sku_ = source.dirty_sku_;
    dirty_resources_ = source.dirty_resources_;
    dirty_pastes_ = source.dirty_pastes_;
    dirty_skus_ = source.dirty_skus_;
    objective_ = source.objective_;
    feasible_ = source.feasible_;
}

void SearchState::gather_rows(int product, std::vector<Row>& out) const {
    for (int k : timeline_.rows_of(product)) out.push_back(timeline_.rows()[k]);
}

bool SearchState::revalidate() {
    const Instance& in = instance();
    take_timeline_changes();
    ViolationSink sink(0, 1);  // "still feasible?" only: no strings, stop at the first
    const TimelineOptions options{false};
    std::vector<Row>& rows = scratch_.rows;
    std::vector<Row>& filled = scratch_.filled;
    bool ok = true;
    for (int r : dirty_resources_) {
        if (ok) {
            timeline_.rows_on(r, rows);
            timeline_.solver_blocks(r, scratch_.blocks);
            resource_cost_[r] = check_resource_timeline(*context_, r, rows, scratch_.blocks, options, sink);
            ok = !sink.done();
        }
        dirty_resource_[r] = 0;
    }
    for (int p : dirty_pastes_) {
        if (ok) {
            rows.clear();
            filled.clear();
            gather_rows(p, rows);
            for (int s : in.products[p].skus) gather_rows(s, filled);
            paste_holding_[p] = check_paste_flow(in, p, rows, filled, sink).holding;
            ok = !sink.done();
        }
        dirty_paste_[p] = 0;
    }
    for (int s : dirty_skus_) {
        if (ok) {
            rows.clear();
            gather_rows(s, rows);
            sku_cost_[s] = check_sku_demand(in, s, rows, sink);
            ok = !sink.done();
        }
        dirty_sku_[s] = 0;
    }
    const bool touched = !dirty_resources_.empty() || !dirty_pastes_.empty();
    dirty_resources_.clear();
    dirty_pastes_.clear();
    dirty_skus_.clear();
    if (ok && touched && in.storage) {
        // Totes are shared by the whole plant: a touched paste can break them anywhere.
        std::vector<Row>& plant = scratch_.plant;
        std::vector<std::vector<LbsEvent>>& scraps = scratch_.scraps;
        plant.clear();
        for (std::size_t k = 0; k < timeline_.rows().size(); ++k)
            if (timeline_.alive(static_cast<int>(k))) plant.push_back(timeline_.rows()[k]);
        plant_scraps(timeline_, scraps);
        check_storage(in, plant, scraps, sink);
        ok = !sink.done();
    }
    if (ok) recompute_total();
    feasible_ = ok;
    return ok;
}

void SearchState::recompute_total() {
    const Instance& in = instance();
    ObjectiveBreakdown o;
    for (const ResourceCost& c : resource_cost_) {
        o.downtime += c.downtime;
        o.changeover += c.changeover;
        o.changes += c.changes;
    }
    for (double h : paste_holding_) o.holding += h;
    for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s) {
        o.lateness += sku_cost_[s].lateness;
        o.unmet += sku_cost_[s].unmet;
        o.unmet_cost += sku_cost_[s].unmet_cost;
        o.shortfall += sku_cost_[s].shortfall;
        o.overproduction += sku_cost_[s].overproduction;
    }
    o.compute_total(in.weights);
    objective_ = o;
}

double SearchState::row_cost(const Row& row, int next_product) const {
    const Instance& in = instance();
    return in.row_cost(row.product, row.resource, in.work(row), in.changeover(row.product, next_product));
}

}  // namespace makepack
