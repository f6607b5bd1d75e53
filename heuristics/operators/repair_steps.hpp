// The steps every repair shares: what demand is missing, where a SKU's rows
// could go and at what cost, and closing the plan (paste supply for every
// line row, surplus paste trimmed).
#pragma once

#include "heuristics/operators/operator.hpp"

#include <cstdint>
#include <vector>

namespace makepack::ops {

struct SkuNeed {
    int sku = -1;
    std::int64_t units = 0;
};

// SKUs whose rows fall short of demand.
std::vector<SkuNeed> missing_demand(const SearchState& state);

// Paste in stock over time: whether a new consumption of `lbs` at `t` would
// leave every later consumption covered (max_hold aside: supply fixes that).
class PasteSlack {
public:
    PasteSlack(const SearchState& state, int paste);
    double at(int t) const;
    // Earliest time at which `lbs` can be taken; -1 if never.
    int earliest_for(double lbs) const;

private:
    std::vector<int> times_;
    std::vector<double> cumulative_;  // stock after all events at times_[k]
    std::vector<double> suffix_min_;
};

struct LineCandidate {
    Slot slot;
    std::int64_t units = 0;
    double cost = 0;  // weighted: downtime, changeover, lateness, estimated new paste
};

// Per eligible line: the earliest slot where paste is already in stock, and
// the latest slot (with the paste to be made for it); sorted by cost.
std::vector<LineCandidate> line_candidates(const SearchState& state, int sku, std::int64_t units);

// Inserts a candidate row and touches it.
void insert_line_row(SearchState& state, int sku, const LineCandidate& candidate);

// Places what is still missing (split over lines where needed), supplies every
// short paste, trims surplus paste; false if some hard demand or paste cannot
// be placed. Where unmet demand is allowed (Instance::unmet_allowed) it never
// fails: what cannot be placed or fed stays unmet.
bool close_plan(SearchState& state);

}  // namespace makepack::ops
