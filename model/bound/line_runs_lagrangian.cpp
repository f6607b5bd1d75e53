#include "model/bound/line_runs_lagrangian.hpp"

#include "model/bound/lp_numbers.hpp"
#include "model/bound/polyak_ascent.hpp"
#include "model/bound/sibling_runs.hpp"

#include <algorithm>
#include <cmath>

namespace makepack {

namespace {

using bound_numbers::at;

// Subgradient settings, measured on bench/large (docs/bound.md 13).
constexpr int kLineRounds = 300;            // dual function evaluations at most
constexpr double kLineWorkBudget = 3e8;     // facility DP steps over all rounds

// Polyak steps towards 0.5 % of |best| (+ 1e-6, for a best of 0) above the
// best value, halved after 10 rounds without a better one.
constexpr PolyakConfig kLineAscent{.target_gap = 0.005, .target_offset = 1e-6, .patience = 10, .min_norm = 1e-12};

struct LineEvaluation {
    double value = 0;
    std::vector<double> hours;  // per resource index: the minimisers' hours
};

LineEvaluation evaluate_line_runs(const Instance& in, const std::vector<PasteRunsModel>& pastes,
                                  const std::vector<double>& available, const std::vector<double>& price) {
    LineEvaluation e;
    e.hours.assign(in.resources.size(), 0.0);
    for (const PasteRunsModel& paste : pastes) {
        const PasteRuns runs = paste.priced(price);
        e.value += runs.cost;
        for (auto [line, h] : runs.hours) e.hours[at(line)] += h;
    }
    for (int l = in.num_mixers; l < static_cast<int>(in.resources.size()); ++l) e.value -= price[at(l)] * available[at(l)];
    return e;
}

// DP steps of one evaluation (paste_runs: 2^n per line and 3^n per paste of n SKUs).
double work_per_round(const std::vector<PasteRunsModel>& pastes) {
    double work = 0;
    for (const PasteRunsModel& paste : pastes) {
        const double n = static_cast<double>(std::min<std::size_t>(paste.skus(), 12));
        work += std::pow(2.0, n) * static_cast<double>(paste.lines()) + std::pow(3.0, n) + 1;
    }
    return work;
}

}  // namespace

LineRunsLagrangian line_runs_lagrangian(const Instance& in, const std::vector<double>& need,
                                        const std::vector<double>& available) {
    LineRunsLagrangian out;
    std::vector<PasteRunsModel> pastes;
    for (int p = 0; p < in.num_pastes; ++p) pastes.emplace_back(in, p, need);
    const int rounds = static_cast<int>(std::min<double>(kLineRounds, std::floor(kLineWorkBudget / work_per_round(pastes))));
    std::vector<double> price(in.resources.size(), 0.0);  // mixers' stay 0
    PolyakAscent ascent(kLineAscent);
    for (int round = 0; round < rounds; ++round) {
        const LineEvaluation e = evaluate_line_runs(in, pastes, available, price);
        ++out.rounds;
        if (!std::isfinite(e.value)) break;
        ascent.record(e.value);
        out.value = ascent.best();
        // Rows "hours <= available" per line: the subgradient is the hours' excess.
        std::vector<PricedRow> rows;
        for (int l = in.num_mixers; l < static_cast<int>(in.resources.size()); ++l)
            rows.push_back({&price[at(l)], e.hours[at(l)] - available[at(l)]});
        if (!ascent.step(e.value, rows)) break;  // every line within its hours: the minimiser is feasible here
    }
    return out;
}

}  // namespace makepack
