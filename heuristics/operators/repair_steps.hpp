// The steps every repair shares: what demand is missing, where a SKU's rows
// could go and at what cost, and closing the plan (paste supply for every
// line row, surplus paste trimmed).
#pragma once

#include "heuristics/operators/operator.hpp"
#include "model/paste_ledger.hpp"

#include <cstdint>
#include <vector>

namespace makepack::ops {

struct SkuNeed {
    int sku = -1;
    std::int64_t units = 0;
};

// SKUs whose rows fall short of demand.
std::vector<SkuNeed> missing_demand(const SearchState& state);

// The paste ledger's stock profile of a paste in the plan: where a new
// consumption leaves every later one covered (max_hold aside: the supply
// step afterwards makes what max_hold scraps, and validation checks it).
StockProfile paste_profile(const SearchState& state, int paste);

struct LineCandidate {
    Slot slot;
    std::int64_t units = 0;
    double cost = 0;  // weighted: downtime, changeover, lateness, estimated new paste
};

// Per eligible line: the earliest slot where paste is already in stock, and
// the latest slot (with the paste to be made for it); sorted by cost.
std::vector<LineCandidate> line_candidates(const SearchState& state, int sku, std::int64_t units);

// Inserts a candidate row.
void insert_line_row(SearchState& state, int sku, const LineCandidate& candidate);

// Places what is still missing (split over lines where needed), supplies every
// short paste, trims surplus paste; false if some hard demand or paste cannot
// be placed. Where unmet demand is allowed (Instance::unmet_allowed) it never
// fails: what cannot be placed or fed stays unmet.
bool close_plan(SearchState& state);

}  // namespace makepack::ops
