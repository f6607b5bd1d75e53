#include "heuristics/operators/repair_steps.hpp"

#include "heuristics/campaign_insertion.hpp"
#include "heuristics/timeline_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack::ops {

namespace {
double paste_lbs(const Instance& in, int sku, std::int64_t units) {
    return static_cast<double>(units) / in.products[sku].units_per_lb;
}

// Cheapest way to make `lbs` of a paste in a new row (downtime + changeover).
double new_paste_cost(const Instance& in, int paste, double lbs) {
    double best = std::numeric_limits<double>::infinity();
    for (int m : in.products[paste].eligible) {
        const auto batches = in.batches_for(lbs, m);
        best = std::min(best, in.row_cost(paste, m, in.work(paste, m, batches), in.changeover(paste, -1)));
    }
    return best;
}

}  // namespace

std::vector<SkuNeed> missing_demand(const SearchState& state) {
    const Instance& in = state.instance();
    std::vector<SkuNeed> needs;
    // Untouched SKUs still have what the last feasible plan gave them.
    for (int p : state.touched_pastes())
        for (int s : in.products[p].skus) {
            const std::int64_t missing = in.products[s].demand - state.timeline().amount_of(s);
            if (missing > 0) needs.push_back({s, missing});
        }
    std::sort(needs.begin(), needs.end(), [](const SkuNeed& a, const SkuNeed& b) { return a.sku < b.sku; });
    return needs;
}

StockProfile paste_profile(const SearchState& state, int paste) {
    PasteLedger ledger;
    fill_ledger(state.timeline(), paste, ledger);
    return ledger.profile();
}

std::vector<LineCandidate> line_candidates(const SearchState& state, int sku, std::int64_t units) {
    const Instance& in = state.instance();
    const PlantTimeline& tl = state.timeline();
    const Product& s = in.products[sku];
    const double lbs = paste_lbs(in, sku, units);
    const StockProfile slack = paste_profile(state, s.paste);
    const int in_stock_from = slack.earliest_for(lbs);
    const double make_cost = new_paste_cost(in, s.paste, lbs);
    const int deadline = in.deadline(sku);
    auto lateness = [&](int end) {
        return s.due && in.weights.lateness > 0 ? in.weights.lateness * std::max(0, end - *s.due) : 0.0;
    };
    std::vector<LineCandidate> out;
    for (int line : s.eligible) {
        const int work = in.work(sku, line, units);
        const double base = in.weights.downtime * work * in.option(sku, line)->downtime;
        if (in_stock_from >= 0)
            if (auto slot = tl.earliest_slot(line, sku, work, std::max(in_stock_from, in.frozen_until), deadline);
                slot && slack.free_at(slot->start) >= lbs - kLbsSlack)
                out.push_back({*slot, units, base + in.weights.changeover * slot->changeover_delta + lateness(slot->end)});
        const int latest_due = s.due && in.weights.lateness > 0 ? std::min(deadline, *s.due) : deadline;
        auto slot = tl.latest_slot(line, sku, work, in.frozen_until, latest_due);
        if (!slot && latest_due < deadline) slot = tl.latest_slot(line, sku, work, in.frozen_until, deadline);
        if (slot)
            out.push_back({*slot, units,
                           base + in.weights.changeover * slot->changeover_delta + lateness(slot->end) + make_cost});
    }
    std::sort(out.begin(), out.end(), [](const LineCandidate& a, const LineCandidate& b) { return a.cost < b.cost; });
    return out;
}

void insert_line_row(SearchState& state, int sku, const LineCandidate& candidate) {
    state.timeline().insert_row(Row{candidate.slot.resource, sku, candidate.units, 0, 0}, candidate.slot);
}

namespace {

// Shrinks (or drops) mixer rows of the paste while every line row stays supplied.
void trim_surplus(SearchState& state, CampaignInsertion& insertion, int paste) {
    PlantTimeline& tl = state.timeline();
    std::vector<int> rows = tl.rows_of(paste);
    const int frozen = state.instance().frozen_until;
    std::sort(rows.begin(), rows.end(), [&](int a, int b) { return tl.rows()[a].end > tl.rows()[b].end; });
    for (int k : rows) {
        const Row row = tl.rows()[k];
        if (row.start < frozen) continue;
        // Whole row first: most often a destroyed SKU left it with nothing to feed.
        tl.remove_rows({k});
        if (!insertion.has_shortage(paste)) continue;
        const int again = tl.insert_row(row, Slot{row.resource, row.start, row.end, 0, 0});
        std::int64_t lo = 1, hi = row.amount;  // hi is known to be enough
        while (lo < hi) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            tl.resize(again, mid);
            if (!insertion.has_shortage(paste)) hi = mid; else lo = mid + 1;
        }
        tl.resize(again, hi);
    }
}

}  // namespace

bool close_plan(SearchState& state) {
    const Instance& in = state.instance();
    CampaignInsertion insertion(state.timeline());
    std::vector<int> new_rows;
    for (const SkuNeed& need : missing_demand(state)) {
        if (in.unmet_allowed()) {
            // What fits, in pieces that each come with their paste (or not at all).
            insertion.insert_units_in_pieces(need.sku, need.units, new_rows);
            continue;
        }
        const int deadline = in.deadline(need.sku);
        const std::int64_t left = insertion.insert_sku_units(need.sku, need.units, in.frozen_until, deadline, new_rows);
        if (left > 0 && !in.unmet_allowed()) {
            state.timeline().remove_rows(new_rows);
            return false;
        }
    }
    // Only a touched paste can have become short (or have surplus).
    const std::vector<int> touched = state.touched_pastes();  // ascending
    for (int p : touched) {
        if (!insertion.has_shortage(p)) continue;
        std::vector<int> supply_rows;
        if (in.unmet_allowed()) {
            // Line rows no mixer can feed are cut to what is in stock.
            std::vector<Row> cut;
            insertion.supply_or_cut(p, supply_rows, cut);
        } else if (!insertion.supply_paste(p, supply_rows).empty()) {
            return false;
        }
    }
    for (int p : touched) trim_surplus(state, insertion, p);
    return true;
}

}  // namespace makepack::ops
