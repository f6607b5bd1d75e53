// The lateness part of the lower bound (docs/bound.md, section 3): when SKUs
// with due dates compete for the same lines and mixers, the k-th of them to
// finish cannot finish before the plant could have made the paste for, and
// packed, the k smallest of their needs; sorted against the sorted due dates
// this bounds the total lateness.
#pragma once

#include "model/instance.hpp"

#include <vector>

namespace makepack {

// Working hours of resource r in [from, to) outside outages (breaks excluded,
// each outage hour counted once); 0 when to <= from.
long long free_working_hours(const Instance& instance, int resource, int from, int to);

// Earliest T such that the SKU's lines, all packing it alone from `from`, could
// pack `units` by T (working hours minus outages); horizon if never.
int earliest_packing_end(const Instance& instance, int sku, double units, int from);

// Earliest t such that the paste's eligible mixers, all making it alone from
// `from` in whole batches, could have made `lbs` by t; horizon if never.
int earliest_made(const Instance& instance, int paste, double lbs, int from);

// Earliest end of ONE row working `work` hours on mixer m from `from` on
// (working hours outside outages; from time 0 also a first spare or
// maintenance block that cannot follow the row; docs/bound.md 6).
int earliest_row_end(const Instance& instance, int m, double work, int from);

// Per paste (docs/bound.md, sections 6 and 9): the weighted lateness its SKUs
// carry at least when the paste's only row ends at E (`one_row[E]`, E =
// 0..horizon; the several value below frozen_until), and when it has two rows
// or more (`several`). Empty tables unless the lateness weight is positive,
// demand is hard and there are no fixed rows. With `line_rows` (section 11)
// each SKU's value also holds what its line rows cost above the lines'
// trivial part (one row on a line, which waits for all of its paste, or
// several rows): add it to the lines' trivial part only.
struct PasteLateness {
    std::vector<double> one_row;
    double several = 0;
};
std::vector<PasteLateness> paste_lateness(const Instance& instance, const std::vector<double>& need,
                                          bool line_rows = false);

// Per paste p (docs/bound.md, section 6): the weighted lateness its SKUs carry
// at least when the mixers make p's need in exactly ONE row on mixer m
// (`single[p][m]`, by resource index) or in two or more rows (`several[p]`).
// `need` per product as in queued_lateness. All zero unless the lateness
// weight is positive, demand is hard and there are no fixed rows.
struct CampaignLateness {
    std::vector<std::vector<double>> single;
    std::vector<double> several;
};
CampaignLateness campaign_lateness(const Instance& instance, const std::vector<double>& need);
// The same from paste_lateness(instance, need), computed once by the caller.
CampaignLateness campaign_lateness(const Instance& instance, const std::vector<double>& need,
                                   const std::vector<PasteLateness>& late);

// Weighted lateness bound from the competition of the SKUs with due dates
// (hard demand, no fixed rows): `need` per product = units each SKU's new
// rows must pack. 0 when the lateness weight is 0 or no SKU has a due date.
double queued_lateness(const Instance& instance, const std::vector<double>& need);

}  // namespace makepack
