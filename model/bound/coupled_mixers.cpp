#include "model/bound/coupled_mixers.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/bound/lp_numbers.hpp"
#include "model/bound/mixer_polytope.hpp"
#include "model/bound/simplex.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::at;
using Clock = std::chrono::steady_clock;

constexpr int kCutRounds = 15;              // pricing LP solves per mixer and round (cuts in between)
constexpr double kReducedTolerance = 1e-6;  // relative: a proposal must gain more to enter
constexpr double kKeepViolation = 1e-6;     // a proposal violating a new cut by more leaves the master
constexpr int kMaxRaises = 12;              // penalties raised at most 4^12 times

// A point of one mixer's polytope and its (unpriced) cost.
struct Proposal {
    int mixer = -1;
    double cost = 0;
    std::vector<std::pair<int, double>> x;  // non-zero variables
};

// The coupling rows: per needed paste its cover (row 2k) and whole batches (2k + 1).
struct MasterRows : CoupledPastes {
    std::vector<double> cover_penalty, batch_penalty;  // per k
    int raised = 0;  // times the penalties were raised
};

std::optional<MasterRows> master_rows(const Instance& instance, const std::vector<MixerPolytope>& polytopes,
                                      const std::vector<double>& need) {
    std::optional<CoupledPastes> pastes = coupled_pastes(instance, polytopes, need);
    if (!pastes) return std::nullopt;
    MasterRows rows;
    static_cast<CoupledPastes&>(rows) = std::move(*pastes);
    for (int p : rows.pastes) {
        double dearest = 0;
        for (const MixerPolytope& m : polytopes)
            for (const MixerNode& node : m.nodes)
                if (node.paste == p) dearest = std::max(dearest, m.cost[at(node.B)]);
        // Artificial columns keep the master feasible (covers: priced from the
        // first prices, see raise_penalties); their prices cap the duals.
        rows.cover_penalty.push_back(0);
        rows.batch_penalty.push_back(2 * dearest + 1);
    }
    return rows;
}

bound::LpColumn master_column(const MasterRows& rows, const std::vector<MixerPolytope>& polytopes, const Proposal& p) {
    bound::LpColumn column;
    column.cost = p.cost;
    column.set = p.mixer;
    const MixerPolytope& m = polytopes[at(p.mixer)];
    std::vector<double> dense(m.cost.size(), 0.0);
    for (auto [var, value] : p.x) dense[at(var)] = value;
    for (const MixerNode& node : m.nodes) {
        const int k = rows.index[at(node.paste)];
        if (k < 0 || node.y < 0) continue;
        if (dense[at(node.y)] != 0) column.entries.emplace_back(2 * k, dense[at(node.y)]);
        if (dense[at(node.B)] != 0) column.entries.emplace_back(2 * k + 1, dense[at(node.B)]);
    }
    return column;
}

bound::LpProblem master_lp(const MasterRows& rows, const std::vector<MixerPolytope>& polytopes,
                           const std::vector<Proposal>& proposals) {
    bound::LpProblem lp;
    for (std::size_t k = 0; k < rows.pastes.size(); ++k) {
        lp.add_row(bound::RowSense::GreaterEqual, 1);
        lp.add_row(bound::RowSense::GreaterEqual, rows.batches[k]);
        lp.columns.push_back({rows.cover_penalty[k], -1, {{static_cast<int>(2 * k), 1.0}}});
        lp.columns.push_back({rows.batch_penalty[k], -1, {{static_cast<int>(2 * k + 1), 1.0}}});
    }
    for (std::size_t m = 0; m < polytopes.size(); ++m)
        lp.columns.push_back({0.0, lp.add_set(1), {}});  // the mixer unused
    for (const Proposal& p : proposals) lp.columns.push_back(master_column(rows, polytopes, p));
    return lp;
}

// Prices of the master's coupling rows, >= 0 (the Lagrangian needs nothing more).
struct MasterPrices {
    std::vector<double> cover, batch;  // per paste

    double constant(const MasterRows& rows) const {  // sum_p cover_p + batch_p * W_p
        double sum = 0;
        for (std::size_t k = 0; k < rows.pastes.size(); ++k)
            sum += cover[at(rows.pastes[k])] + batch[at(rows.pastes[k])] * rows.batches[k];
        return sum;
    }
};

MasterPrices master_prices(const Instance& instance, const MasterRows& rows, const bound::LpResult& master) {
    MasterPrices prices;
    prices.cover.assign(at(instance.num_pastes), 0.0);
    prices.batch.assign(at(instance.num_pastes), 0.0);
    const auto clip = [](double v) { return std::isfinite(v) ? std::max(0.0, v) : 0.0; };
    for (std::size_t k = 0; k < rows.pastes.size(); ++k) {
        prices.cover[at(rows.pastes[k])] = clip(master.row_duals[2 * k]);
        prices.batch[at(rows.pastes[k])] = clip(master.row_duals[2 * k + 1]);
    }
    return prices;
}

// The first prices: each paste's cheapest single row (its batches on its
// cheapest mixer and its shortest changeover), no price on batches.
MasterPrices first_prices(const Instance& instance, const std::vector<MixerPolytope>& polytopes, const MasterRows& rows,
                    const std::vector<double>& need) {
    MasterPrices prices;
    prices.cover.assign(at(instance.num_pastes), 0.0);
    prices.batch.assign(at(instance.num_pastes), 0.0);
    for (int p : rows.pastes) prices.cover[at(p)] = cheapest_single_row(instance, polytopes, p, need[at(p)]);
    return prices;
}

// a * x + (1 - a) * y (Wentges smoothing of the master's prices towards the best seen).
MasterPrices mix(const MasterPrices& x, const MasterPrices& y, double a) {
    MasterPrices out = y;
    for (std::size_t p = 0; p < out.cover.size(); ++p) {
        out.cover[p] = a * x.cover[p] + (1 - a) * y.cover[p];
        out.batch[p] = a * x.batch[p] + (1 - a) * y.batch[p];
    }
    return out;
}

// One mixer's pricing: min over its polytope of cost - cover price * y - batch
// price * B, with connectivity cuts separated in between.
struct Priced {
    double lower = 0;      // valid lower bound on the priced minimum
    double objective = 0;  // priced cost of x
    std::vector<double> x;
    bool optimal = false;
};

// A mixer's last optimal basis and its inverse: the next prices start there.
struct WarmStart {
    std::vector<int> basis;
    std::vector<double> inverse;
    int updates = 0;
    std::size_t rows = 0;  // rows of the LP it solved (the inverse fits only as many)
};

Priced price_mixer(MixerPolytope& m, WarmStart& warm, const MasterPrices& prices, double seconds) {
    std::vector<double> cost = m.cost;
    for (const MixerNode& node : m.nodes) {
        if (node.y >= 0) cost[at(node.y)] -= prices.cover[at(node.paste)];
        cost[at(node.B)] -= prices.batch[at(node.paste)];
    }
    const auto started = Clock::now();
    Priced out;
    for (int round = 0;; ++round) {
        bound::LpOptions options;
        options.time_limit_seconds = std::max(0.0, seconds - std::chrono::duration<double>(Clock::now() - started).count());
        options.start_basis = warm.basis.empty() ? nullptr : &warm.basis;  // the last optimum: few pivots from there
        options.start_inverse = warm.rows == m.rows.size() ? &warm.inverse : nullptr;
        options.start_updates = warm.updates;
        const std::size_t rows = m.rows.size();
        bound::LpResult r = bound::solve_lp(polytope_lp(m, cost), options);
        if (r.status == bound::LpStatus::Optimal)
            warm = WarmStart{std::move(r.basis), std::move(r.basis_inverse), r.updates, rows};
        out.lower = polytope_dual_bound(m, cost, r.row_duals);
        out.optimal = r.status == bound::LpStatus::Optimal;
        out.x = r.x;
        if (!out.optimal || round + 1 == kCutRounds || add_connectivity_cuts(m, r.x) == 0) break;
    }
    out.objective = 0;
    for (std::size_t j = 0; j < cost.size(); ++j) out.objective += cost[j] * out.x[j];
    return out;
}

Proposal proposal_of(const MixerPolytope& m, const std::vector<double>& x) {
    Proposal p;
    p.mixer = m.mixer;
    for (std::size_t j = 0; j < x.size(); ++j)
        if (x[j] > 1e-9) p.x.emplace_back(static_cast<int>(j), x[j]), p.cost += m.cost[j] * x[j];  // no rounding noise
    return p;
}

// Proposals of mixer m that a cut found since now excludes leave the master.
void drop_cut_off(std::vector<Proposal>& proposals, const MixerPolytope& m) {
    std::erase_if(proposals, [&](const Proposal& p) {
        return p.mixer == m.mixer && largest_violation(m, p.x) > kKeepViolation;
    });
}

// Artificials still used at the end: their rows' prices were capped by the
// penalty; four times dearer, the master may price them higher. False: none
// used, or raised often enough (then the mixers cannot cover the need at all).
bool raise_penalties(MasterRows& rows, const bound::LpResult& master) {
    if (++rows.raised > kMaxRaises) return false;
    bool raised = false;
    for (std::size_t k = 0; k < rows.pastes.size(); ++k) {
        if (master.x[2 * k] > 1e-9) rows.cover_penalty[k] *= 4, raised = true;
        if (master.x[2 * k + 1] > 1e-9) rows.batch_penalty[k] *= 4, raised = true;
    }
    return raised;
}

double master_reduced_cost(const bound::LpColumn& column, const bound::LpResult& master) {
    double d = column.cost - master.set_duals[at(column.set)];
    for (auto [row, a] : column.entries) d -= master.row_duals[at(row)] * a;
    return d;
}

// The mixers' LPs, their proposals and bases, and the master's rows.
struct ColumnGeneration {
    std::vector<MixerPolytope> polytopes;
    std::vector<WarmStart> warm;  // per mixer
    MasterRows rows;
    std::vector<Proposal> proposals;
};

// Every mixer priced at `prices`: the Lagrangian value (complete: every mixer
// was priced in time) and each mixer's optimal point.
struct Round {
    double value = 0;
    bool complete = true;
    std::vector<Proposal> found;
};

Round price_all(ColumnGeneration& cg, const MasterPrices& prices, const std::function<double()>& left) {
    Round round;
    round.value = prices.constant(cg.rows);
    for (MixerPolytope& m : cg.polytopes) {
        if (left() <= 0) {
            round.complete = false;
            break;
        }
        const int cuts = m.cuts;
        const Priced priced = price_mixer(m, cg.warm[at(m.mixer)], prices, left());
        round.value += priced.lower;
        if (m.cuts != cuts) drop_cut_off(cg.proposals, m);
        if (priced.optimal) round.found.push_back(proposal_of(m, priced.x));
    }
    return round;
}

// Adds the proposals of negative reduced cost at the master's duals.
int add_proposals(ColumnGeneration& cg, std::vector<Proposal>& found, const bound::LpResult* master) {
    int added = 0;
    for (Proposal& p : found) {
        if (p.x.empty()) continue;
        if (master) {
            const double mu = master->set_duals[at(p.mixer)];
            if (master_reduced_cost(master_column(cg.rows, cg.polytopes, p), *master) >= -kReducedTolerance * (1 + std::fabs(mu)))
                continue;
        }
        cg.proposals.push_back(std::move(p));
        ++added;
    }
    return added;
}

}  // namespace

CoupledMixers coupled_mixers_bound(const Instance& instance, const std::vector<double>& need,
                                   const std::vector<double>& available, double seconds) {
    const auto started = Clock::now();
    const std::function<double()> left = [&] {
        return seconds - std::chrono::duration<double>(Clock::now() - started).count();
    };
    CoupledMixers out;
    ColumnGeneration cg;
    for (int r = 0; r < instance.num_mixers; ++r) cg.polytopes.push_back(mixer_polytope(instance, r, need, available[at(r)]));
    cg.warm.resize(cg.polytopes.size());
    const std::optional<MasterRows> rows = master_rows(instance, cg.polytopes, need);
    if (!rows) return out;
    cg.rows = *rows;
    MasterPrices center = first_prices(instance, cg.polytopes, cg.rows, need);  // the best prices so far
    for (std::size_t k = 0; k < cg.rows.pastes.size(); ++k) cg.rows.cover_penalty[k] = 2 * center.cover[at(cg.rows.pastes[k])] + 1;
    Round first = price_all(cg, center, left);
    if (first.complete) out.value = first.value;
    out.columns += add_proposals(cg, first.found, nullptr);
    double smoothing = 0.9;
    while (left() > 0) {
        bound::LpOptions options;
        options.time_limit_seconds = left();
        const bound::LpResult master = bound::solve_lp(master_lp(cg.rows, cg.polytopes, cg.proposals), options);
        if (master.status != bound::LpStatus::Optimal) break;  // the best value so far stands
        ++out.rounds;
        out.master = master.objective;
        if (out.value && master.objective - *out.value <= kReducedTolerance * (1 + std::fabs(master.objective))) {
            if (raise_penalties(cg.rows, master)) continue;
            out.converged = true;
            break;
        }
        const MasterPrices at_prices = mix(center, master_prices(instance, cg.rows, master), smoothing);
        Round round = price_all(cg, at_prices, left);
        if (!round.complete) break;
        if (!out.value || round.value > *out.value) out.value = round.value, center = at_prices;
        const int added = add_proposals(cg, round.found, &master);
        out.columns += added;
        if (added > 0) continue;
        if (smoothing == 0) {  // no proposal prices out at the master's own duals: optimal
            if (raise_penalties(cg.rows, master)) continue;
            out.converged = true;
            break;
        }
        smoothing = smoothing < 0.1 ? 0 : smoothing / 2;
    }
    for (const MixerPolytope& m : cg.polytopes) out.cuts += m.cuts;
    return out;
}

}  // namespace makepack
