#include "model/bound/coupled_lagrangian.hpp"

#include "model/bound/lower_bound.hpp"
#include "model/bound/lp_numbers.hpp"
#include "model/bound/mixer_flow.hpp"
#include "model/bound/mixer_polytope.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace makepack {

namespace {

using bound_numbers::at;
using Clock = std::chrono::steady_clock;

constexpr int kMaxCutsPerMixer = 600;

// Prices: per needed paste k its cover and whole batches (>= 0); per mixer
// the rows from its hours row on (hours <= 0, cuts >= 0).
struct Prices {
    std::vector<double> cover, batch;
    std::vector<std::vector<double>> rows;
};

struct Coupling {
    std::vector<int> pastes;        // per k
    std::vector<int> index;         // per paste: k or -1
    std::vector<double> batches;    // per k: whole batches W
};

// The dual function at `prices` and each mixer's minimiser.
struct Evaluation {
    double value = 0;
    bool valid = true;
    std::vector<std::vector<double>> x;  // per mixer
};

double clipped(const SparseRow& r, double u) {
    if (r.sense == bound::RowSense::GreaterEqual) return std::max(0.0, u);
    if (r.sense == bound::RowSense::LessEqual) return std::min(0.0, u);
    return u;
}

Evaluation evaluate(const std::vector<MixerPolytope>& mixers, const Coupling& c, const Prices& prices) {
    Evaluation e;
    e.x.resize(mixers.size());
    std::vector<double> parts(mixers.size(), 0.0);
    std::vector<char> ok(mixers.size(), 1);
    tbb::parallel_for(std::size_t{0}, mixers.size(), [&](std::size_t i) {
        const MixerPolytope& m = mixers[i];
        std::vector<double> reduced = m.cost;
        for (const MixerNode& node : m.nodes) {
            const int k = c.index[at(node.paste)];
            if (k < 0) continue;
            if (node.y >= 0) reduced[at(node.y)] -= prices.cover[at(k)];
            reduced[at(node.B)] -= prices.batch[at(k)];
        }
        double constant = 0;
        for (std::size_t j = 0; j < prices.rows[i].size(); ++j) {
            const SparseRow& r = m.rows[at(m.hours_row) + j];
            const double u = clipped(r, prices.rows[i][j]);
            if (u == 0) continue;
            constant += u * r.rhs;
            for (auto [var, a] : r.entries) reduced[at(var)] -= u * a;
        }
        const std::optional<MixerFlow> flow = mixer_flow_minimum(m, reduced);
        if (!flow) {
            ok[i] = 0;
            return;
        }
        parts[i] = constant + flow->value;
        e.x[i] = flow->x;
    });
    for (std::size_t k = 0; k < c.pastes.size(); ++k) e.value += prices.cover[k] + prices.batch[k] * c.batches[k];
    for (std::size_t i = 0; i < mixers.size(); ++i) e.value += parts[i], e.valid = e.valid && ok[i];
    return e;
}

// Needed pastes, their whole batches (docs/bound.md 8) and first prices:
// each paste's cheapest single row.
std::optional<Coupling> coupling(const Instance& instance, const std::vector<MixerPolytope>& mixers,
                                 const std::vector<double>& need, std::vector<double>& first_cover) {
    Coupling c;
    c.index.assign(at(instance.num_pastes), -1);
    for (int p = 0; p < instance.num_pastes; ++p) {
        const double lbs = need[at(p)];
        if (lbs <= 0) continue;
        double largest = 0, cheapest = std::numeric_limits<double>::infinity();
        for (const MixerPolytope& m : mixers)
            for (const MixerNode& node : m.nodes)
                if (node.paste == p) {
                    largest = std::max(largest, m.batch_size);
                    cheapest = std::min(cheapest, m.cost[at(node.B)] * std::ceil(lbs / m.batch_size));
                }
        if (largest <= 0) return std::nullopt;
        c.index[at(p)] = static_cast<int>(c.pastes.size());
        c.pastes.push_back(p);
        c.batches.push_back(std::ceil((lbs - 1e-3 - 1e-6 * lbs) / largest - 1e-9));
        first_cover.push_back(cheapest + instance.weights.changeover * min_changeover_after(instance, p));
    }
    return c;
}

double step_scale_env(const char* name, double fallback) {
    const char* v = std::getenv(name);
    return v ? std::atof(v) : fallback;
}

}  // namespace

CoupledMixers coupled_mixers_lagrangian(const Instance& instance, const std::vector<double>& need,
                                        const std::vector<double>& available, double seconds) {
    const auto started = Clock::now();
    const auto left = [&] { return seconds - std::chrono::duration<double>(Clock::now() - started).count(); };
    CoupledMixers out;
    std::vector<MixerPolytope> mixers;
    for (int r = 0; r < instance.num_mixers; ++r) mixers.push_back(mixer_polytope(instance, r, need, available[at(r)]));
    Prices prices;
    const std::optional<Coupling> c = coupling(instance, mixers, need, prices.cover);
    if (!c) return out;
    prices.batch.assign(c->pastes.size(), 0.0);
    prices.rows.assign(mixers.size(), std::vector<double>(1, 0.0));  // the hours rows
    const int max_rounds = static_cast<int>(step_scale_env("MAKEPACK_LAG_ROUNDS", 3000));
    double theta = step_scale_env("MAKEPACK_LAG_THETA", 1.0);
    const double gap = step_scale_env("MAKEPACK_LAG_GAP", 0.02);
    const int patience = static_cast<int>(step_scale_env("MAKEPACK_LAG_PATIENCE", 20));
    const bool verbose = std::getenv("MAKEPACK_LAG_VERBOSE") != nullptr;
    double best = -std::numeric_limits<double>::infinity();
    int since_best = 0;
    for (int round = 0; round < max_rounds && left() > 0; ++round) {
        const Evaluation e = evaluate(mixers, *c, prices);
        ++out.rounds;
        if (!e.valid) break;
        if (!out.value || e.value > best + 1e-9 * std::fabs(best)) {
            best = e.value, out.value = best, since_best = 0;
        } else if (++since_best >= patience) {
            theta /= 2, since_best = 0;
            if (theta < 1e-4) break;
        }
        if (verbose && round < 3) {
            int used = 0;
            for (auto& x : e.x) used += x.empty() ? 0 : 1;
            fprintf(stderr, "valid %d used %d cover0 %.3f\n", e.valid, used, prices.cover.empty() ? -1.0 : prices.cover[0]);
        }
        if (verbose && round % 10 == 0)
            fprintf(stderr, "round %d value %.3f best %.3f theta %.4f t=%.1f\n", round, e.value, best, theta,
                    seconds - left());
        // Subgradients (rhs - activity, per row scaled by its size) and the step.
        std::vector<double> g_cover(c->pastes.size(), 1.0), g_batch(c->batches);
        for (std::size_t i = 0; i < mixers.size(); ++i) {
            const std::vector<double>& x = e.x[i];
            if (x.empty()) continue;
            for (const MixerNode& node : mixers[i].nodes) {
                const int k = c->index[at(node.paste)];
                if (k < 0) continue;
                if (node.y >= 0) g_cover[at(k)] -= x[at(node.y)];
                g_batch[at(k)] -= x[at(node.B)];
            }
        }
        std::vector<std::vector<double>> g_rows(mixers.size());
        double norm = 0;
        const auto add_norm = [&](double g, double u, bool at_zero_ok, double scale) {
            (void)u;
            if (!at_zero_ok) return;
            norm += (g / scale) * (g / scale);
        };
        for (std::size_t k = 0; k < c->pastes.size(); ++k) {
            add_norm(g_cover[k], prices.cover[k], prices.cover[k] > 0 || g_cover[k] > 0, 1.0);
            add_norm(g_batch[k], prices.batch[k], prices.batch[k] > 0 || g_batch[k] > 0, c->batches[k]);
        }
        for (std::size_t i = 0; i < mixers.size(); ++i) {
            const MixerPolytope& m = mixers[i];
            const std::vector<double>& x = e.x[i];
            g_rows[i].assign(prices.rows[i].size(), 0.0);
            for (std::size_t j = 0; j < prices.rows[i].size(); ++j) {
                const SparseRow& r = m.rows[at(m.hours_row) + j];
                double activity = 0;
                if (!x.empty())
                    for (auto [var, a] : r.entries) activity += a * x[at(var)];
                const double g = r.rhs - activity;
                g_rows[i][j] = g;
                const double u = prices.rows[i][j];
                const bool moves = r.sense == bound::RowSense::LessEqual ? (u < 0 || g < 0) : (u > 0 || g > 0);
                add_norm(g, u, moves, j == 0 ? std::max(1.0, r.rhs) : 1.0);
            }
        }
        if (norm <= 1e-18) {
            out.converged = true;
            break;
        }
        const double target = best + gap * std::fabs(best) + 1e-6;
        const double t = theta * (target - e.value) / norm;
        for (std::size_t k = 0; k < c->pastes.size(); ++k) {
            prices.cover[k] = std::max(0.0, prices.cover[k] + t * g_cover[k]);
            prices.batch[k] = std::max(0.0, prices.batch[k] + t * g_batch[k] / (c->batches[k] * c->batches[k]));
        }
        for (std::size_t i = 0; i < mixers.size(); ++i) {
            MixerPolytope& m = mixers[i];
            for (std::size_t j = 0; j < prices.rows[i].size(); ++j) {
                const SparseRow& r = m.rows[at(m.hours_row) + j];
                const double scale = j == 0 ? std::max(1.0, r.rhs) : 1.0;
                prices.rows[i][j] = clipped(r, prices.rows[i][j] + t * g_rows[i][j] / (scale * scale));
            }
            // Relax-and-cut: the cuts this point violates join at price 0.
            if (!e.x[i].empty() && m.cuts < kMaxCutsPerMixer) {
                add_connectivity_cuts(m, e.x[i]);
                prices.rows[i].resize(m.rows.size() - at(m.hours_row), 0.0);
            }
        }
    }
    for (const MixerPolytope& m : mixers) out.cuts += m.cuts;
    return out;
}

}  // namespace makepack
