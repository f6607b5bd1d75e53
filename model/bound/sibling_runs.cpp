#include "model/bound/sibling_runs.hpp"
#include "model/bound/lp_numbers.hpp"

#include "model/bound/lower_bound.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::kInfinity;
// SKUs of one paste up to which the facility problem is solved exactly (a
// dynamic program over subsets, 3^n steps); beyond, one line is charged.
constexpr std::size_t kMaxExactSkus = 12;

bool same_paste(const Instance& in, int a, int b) { return in.products[a].paste == in.products[b].paste; }

// Costs per SKU k of one paste: one_row[k][j] = one row on line j (infinite
// if not eligible), several[k] = two rows or more (no line is counted for it).
using OneRowCosts = std::vector<std::vector<double>>;

// Each SKU on its cheapest choice, one line charged (some line has a row).
double trivial_runs(const OneRowCosts& one_row, const std::vector<double>& several, double extra) {
    double cost = extra;
    for (std::size_t k = 0; k < one_row.size(); ++k)
        cost += std::min(several[k], *std::min_element(one_row[k].begin(), one_row[k].end()));
    return cost;
}

// The facility problem exactly: SKUs on one line form a group costing `extra`
// plus their rows there; a SKU with several rows is a group of its own at no
// extra; at least one line is charged. Partition DP over the SKU subsets.
double cheapest_runs(const OneRowCosts& one_row, const std::vector<double>& several, double extra) {
    const std::size_t n = one_row.size(), subsets = std::size_t{1} << n;
    std::vector<double> group(subsets, kInfinity);  // best single line for a subset
    for (std::size_t set = 1; set < subsets; ++set)
        for (std::size_t j = 0; j < one_row.front().size(); ++j) {
            double cost = extra;
            for (std::size_t k = 0; k < n; ++k)
                if (set >> k & 1) cost += one_row[k][j];
            group[set] = std::min(group[set], cost);
        }
    // best[set][1]: the subset covered with at least one line group; [0]: with none.
    std::vector<std::array<double, 2>> best(subsets, {kInfinity, kInfinity});
    best[0][0] = 0;
    for (std::size_t set = 1; set < subsets; ++set) {
        const std::size_t low = set & (~set + 1);  // the lowest SKU must be in some group
        const std::size_t k = static_cast<std::size_t>(std::countr_zero(low));
        best[set][0] = best[set ^ low][0] + several[k];
        best[set][1] = best[set ^ low][1] + several[k];
        const std::size_t rest = set ^ low;
        for (std::size_t part = rest;; part = (part - 1) & rest) {
            const std::size_t chosen = part | low;
            const double g = group[chosen];
            const double without = std::min(best[set ^ chosen][0], best[set ^ chosen][1]);
            best[set][1] = std::min(best[set][1], without + g);
            if (part == 0) break;
        }
    }
    return std::min(best[subsets - 1][1], best[subsets - 1][0] + extra);
}

}  // namespace

double extra_changeover_per_line(const Instance& in, int paste) {
    double extra = kInfinity;
    for (int s : in.products[paste].skus) {
        int leaving = in.changeover(s, -1);  // the last row of a line: the default
        for (int t = in.num_pastes; t < static_cast<int>(in.products.size()); ++t)
            if (!same_paste(in, s, t)) leaving = std::min(leaving, in.changeover(s, t));
        extra = std::min<double>(extra, std::max(0, leaving - min_changeover_after(in, s)));
    }
    return extra == kInfinity ? 0 : in.weights.changeover * extra;
}

double sibling_runs_bound(const Instance& in, const std::vector<double>& need) {
    const ObjectiveWeights& w = in.weights;
    double total = 0;
    for (int p = 0; p < in.num_pastes; ++p) {
        std::vector<int> skus;
        for (int s : in.products[p].skus)
            if (need[static_cast<std::size_t>(s)] > 0) skus.push_back(s);
        if (skus.empty()) continue;
        // Lines any of them may use, and per SKU: one row on each (cost by line
        // position in `lines`), or two rows or more (no line counted for them).
        std::vector<int> lines;
        for (int s : skus) lines.insert(lines.end(), in.products[s].eligible.begin(), in.products[s].eligible.end());
        std::sort(lines.begin(), lines.end());
        lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
        if (lines.empty()) continue;  // no line can make them: nothing to bound here
        std::vector<std::vector<double>> one_row(skus.size(), std::vector<double>(lines.size(), kInfinity));
        std::vector<double> several(skus.size());
        for (std::size_t k = 0; k < skus.size(); ++k) {
            const int s = skus[k];
            const double amount = need[static_cast<std::size_t>(s)];
            const double co = w.changeover * min_changeover_after(in, s);
            for (std::size_t j = 0; j < lines.size(); ++j)
                if (const Option* o = in.option(s, lines[j]))
                    one_row[k][j] = w.downtime * o->downtime * row_hours(in, s, lines[j], amount) + co;
            several[k] = several_rows_cost(in, s, amount);
        }
        const double extra = extra_changeover_per_line(in, p);
        total += extra > 0 && skus.size() <= kMaxExactSkus ? cheapest_runs(one_row, several, extra)
                                                           : trivial_runs(one_row, several, extra);
    }
    return total;
}

}  // namespace makepack
