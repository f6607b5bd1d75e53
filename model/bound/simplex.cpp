#include "model/bound/simplex.hpp"
#include "model/bound/lp_numbers.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace makepack::bound {

const char* to_string(LpStatus status) {
    switch (status) {
        case LpStatus::Optimal: return "optimal";
        case LpStatus::Infeasible: return "infeasible";
        case LpStatus::IterationLimit: return "iteration limit";
        case LpStatus::TimeLimit: return "time limit";
        case LpStatus::Numerical: return "numerical trouble";
    }
    return "?";
}

namespace {

constexpr double kPivotTolerance = 1e-9;

using bound_numbers::at;

struct Column {
    double cost = 0;
    int set = -1;
    std::vector<std::pair<int, double>> entries;  // coupling rows, after the rhs sign flips
    bool artificial = false;
};

// Basis: one key column per GUB set, plus C non-key basic columns whose
// "working" columns w_j = A_j - A_key(set j) (coupling part) form the C x C
// working basis W. Non-key values solve W x = b - sum_g b_g A_key(g); each key
// takes what its set's non-keys leave of b_g.
class GubSimplex {
public:
    GubSimplex(const LpProblem& problem, const LpOptions& options)
        : options_(options),
          g_(static_cast<int>(problem.set_rhs.size())),
          c_(static_cast<int>(problem.rhs.size())),
          n_structural_(static_cast<int>(problem.columns.size())) {
        started_ = std::chrono::steady_clock::now();
        sign_.assign(at(c_), 1.0);
        b_.assign(at(c_), 0.0);
        std::vector<RowSense> sense = problem.sense;
        for (int i = 0; i < c_; ++i) {
            double rhs = problem.rhs[at(i)];
            if (rhs < 0) {  // every rhs >= 0: the slack/artificial start is feasible
                sign_[at(i)] = -1;
                rhs = -rhs;
                if (sense[at(i)] == RowSense::LessEqual) sense[at(i)] = RowSense::GreaterEqual;
                else if (sense[at(i)] == RowSense::GreaterEqual) sense[at(i)] = RowSense::LessEqual;
            }
            b_[at(i)] = rhs;
            b_scale_ = std::max(b_scale_, rhs);
        }
        set_b_ = problem.set_rhs;
        for (double v : set_b_) b_scale_ = std::max(b_scale_, std::fabs(v));
        columns_.reserve(problem.columns.size() + at(g_) + 2 * at(c_));
        for (const LpColumn& in : problem.columns) {
            Column col;
            col.cost = in.cost;
            col.set = in.set;
            for (auto [row, value] : in.entries)
                if (value != 0) col.entries.emplace_back(row, value * sign_[at(row)]);
            columns_.push_back(std::move(col));
        }
        key_.assign(at(g_), -1);
        for (int g = 0; g < g_; ++g) {
            Column art;
            art.set = g;
            art.artificial = true;
            columns_.push_back(std::move(art));
            key_[at(g)] = static_cast<int>(columns_.size()) - 1;
        }
        nonkey_.assign(at(c_), -1);
        for (int i = 0; i < c_; ++i) {
            const RowSense s = sense[at(i)];
            if (s != RowSense::Equal) {
                Column slack;
                slack.entries.emplace_back(i, s == RowSense::LessEqual ? 1.0 : -1.0);
                columns_.push_back(std::move(slack));
                if (s == RowSense::LessEqual) nonkey_[at(i)] = static_cast<int>(columns_.size()) - 1;
            }
            if (s != RowSense::LessEqual) {
                Column art;
                art.artificial = true;
                art.entries.emplace_back(i, 1.0);
                columns_.push_back(std::move(art));
                nonkey_[at(i)] = static_cast<int>(columns_.size()) - 1;
            }
        }
        is_basic_.assign(columns_.size(), false);
        for (int j : key_) is_basic_[at(j)] = true;
        for (int j : nonkey_) is_basic_[at(j)] = true;
        x_key_.assign(at(g_), 0.0);
        x_nonkey_.assign(at(c_), 0.0);
        u_.assign(at(c_), 0.0);
        y_.assign(at(g_), 0.0);
        beta_.assign(at(g_), 0.0);
        listed_.assign(at(g_), false);
    }

    LpResult run() {
        LpResult result;
        const bool warm = options_.start_basis && warm_start(*options_.start_basis);  // factored, values set
        if (!warm) {
            if (options_.start_basis) cold_start();
            if (!refactor()) return finish(result, LpStatus::Numerical, phase_costs(false));
            compute_values();
        }
        // Phase 1 only when an artificial starts positive: with every
        // artificial at 0 the start is feasible and phase 2 keeps them at 0
        // (column generation's subproblems: all rows but one have rhs 0).
        if (artificial_sum() > 0) {
            const std::vector<double> phase1 = phase_costs(false);
            const LpStatus s = iterate(phase1, false);
            if (s != LpStatus::Optimal) return finish(result, s, phase1);
            if (artificial_sum() > options_.feasibility_tolerance * (1 + b_scale_)) {
                result.message = "phase 1 ends with infeasibility " + std::to_string(artificial_sum());
                return finish(result, LpStatus::Infeasible, phase1);
            }
            updates_ = 0;  // as before warm starts: phase 2 counts its own updates until the next factoring
        }
        const std::vector<double> phase2 = phase_costs(true);
        const LpStatus s = iterate(phase2, true);
        return finish(result, s, phase2);
    }

private:
    // Basis = the sets' keys, then the first rows' non-keys; later rows keep
    // their slack or artificial. False (nothing changed) when it does not fit.
    bool warm_start(const std::vector<int>& basis) {
        const std::size_t rows = basis.size() - std::min(basis.size(), at(g_));
        if (basis.size() < at(g_) || rows > at(c_)) return false;
        for (int g = 0; g < g_; ++g)
            if (basis[at(g)] < 0 || basis[at(g)] >= static_cast<int>(columns_.size()) || columns_[at(basis[at(g)])].set != g)
                return false;
        for (int j : basis)
            if (j < 0 || j >= static_cast<int>(columns_.size())) return false;
        const std::vector<int> keys = key_, nonkeys = nonkey_;
        std::fill(is_basic_.begin(), is_basic_.end(), false);
        for (int g = 0; g < g_; ++g) key_[at(g)] = basis[at(g)];
        for (std::size_t i = 0; i < rows; ++i) nonkey_[i] = basis[at(g_) + i];
        for (int j : key_) is_basic_[at(j)] = true;
        for (int j : nonkey_) is_basic_[at(j)] = true;
        int count = 0;
        for (bool b : is_basic_) count += b ? 1 : 0;
        const std::vector<double>* inverse = options_.start_inverse;
        const bool reuse = inverse && rows == at(c_) && inverse->size() == at(c_) * at(c_);
        if (reuse) winv_ = *inverse, updates_ = options_.start_updates;
        if (count == g_ + c_ && (reuse || refactor())) {
            compute_values();  // a start with a negative value is not primal feasible: cold start then
            const auto negative = [&](double v) { return v < -options_.feasibility_tolerance * (1 + b_scale_); };
            if (std::none_of(x_key_.begin(), x_key_.end(), negative) &&
                std::none_of(x_nonkey_.begin(), x_nonkey_.end(), negative))
                return true;
        }
        key_ = keys, nonkey_ = nonkeys;
        return false;
    }

    void cold_start() {
        std::fill(is_basic_.begin(), is_basic_.end(), false);
        for (int j : key_) is_basic_[at(j)] = true;
        for (int j : nonkey_) is_basic_[at(j)] = true;
    }

    std::vector<double> phase_costs(bool phase2) const {
        std::vector<double> cost(columns_.size(), 0.0);
        for (std::size_t j = 0; j < columns_.size(); ++j)
            cost[j] = phase2 ? (columns_[j].artificial ? 0.0 : columns_[j].cost) : (columns_[j].artificial ? 1.0 : 0.0);
        return cost;
    }

    double artificial_sum() const {
        double sum = 0;
        for (int g = 0; g < g_; ++g)
            if (columns_[at(key_[at(g)])].artificial) sum += std::max(0.0, x_key_[at(g)]);
        for (int i = 0; i < c_; ++i)
            if (columns_[at(nonkey_[at(i)])].artificial) sum += std::max(0.0, x_nonkey_[at(i)]);
        return sum;
    }

    bool out_of_time() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count() >
               options_.time_limit_seconds;
    }

    // Dense working column of j: A_j - A_key(set j), coupling rows only.
    void working_column(int j, std::vector<double>& w) const {
        std::fill(w.begin(), w.end(), 0.0);
        const Column& col = columns_[at(j)];
        for (auto [row, value] : col.entries) w[at(row)] += value;
        if (col.set >= 0)
            for (auto [row, value] : columns_[at(key_[at(col.set)])].entries) w[at(row)] -= value;
    }

    // W^-1 by Gauss-Jordan with partial pivoting; false if W is singular.
    bool refactor() {
        updates_ = 0;
        const std::size_t n = at(c_);
        std::vector<double> w(n * n, 0.0), column(n);
        for (int i = 0; i < c_; ++i) {  // column i of W
            working_column(nonkey_[at(i)], column);
            for (std::size_t r = 0; r < n; ++r) w[r * n + at(i)] = column[r];
        }
        winv_.assign(n * n, 0.0);
        for (std::size_t i = 0; i < n; ++i) winv_[i * n + i] = 1;
        for (std::size_t k = 0; k < n; ++k) {
            std::size_t p = k;
            for (std::size_t r = k + 1; r < n; ++r)
                if (std::fabs(w[r * n + k]) > std::fabs(w[p * n + k])) p = r;
            if (std::fabs(w[p * n + k]) < 1e-12) return false;
            if (p != k)
                for (std::size_t c = 0; c < n; ++c) std::swap(w[p * n + c], w[k * n + c]), std::swap(winv_[p * n + c], winv_[k * n + c]);
            const double inv = 1 / w[k * n + k];
            for (std::size_t c = 0; c < n; ++c) w[k * n + c] *= inv, winv_[k * n + c] *= inv;
            for (std::size_t r = 0; r < n; ++r) {
                const double f = w[r * n + k];
                if (r == k || f == 0) continue;
                for (std::size_t c = 0; c < n; ++c) {
                    w[r * n + c] -= f * w[k * n + c];
                    winv_[r * n + c] -= f * winv_[k * n + c];
                }
            }
        }
        return true;
    }

    void compute_values() {
        std::vector<double> rhs = b_;
        for (int g = 0; g < g_; ++g)
            for (auto [row, value] : columns_[at(key_[at(g)])].entries) rhs[at(row)] -= value * set_b_[at(g)];
        const std::size_t n = at(c_);
        for (std::size_t i = 0; i < n; ++i) {
            double v = 0;
            for (std::size_t k = 0; k < n; ++k) v += winv_[i * n + k] * rhs[k];
            x_nonkey_[i] = v;
        }
        for (int g = 0; g < g_; ++g) x_key_[at(g)] = set_b_[at(g)];
        for (int i = 0; i < c_; ++i) {
            const int s = columns_[at(nonkey_[at(i)])].set;
            if (s >= 0) x_key_[at(s)] -= x_nonkey_[at(i)];
        }
    }

    void compute_duals(const std::vector<double>& cost) {
        const std::size_t n = at(c_);
        std::vector<double> reduced(n);
        for (int i = 0; i < c_; ++i) {
            const int j = nonkey_[at(i)];
            const int s = columns_[at(j)].set;
            reduced[at(i)] = cost[at(j)] - (s >= 0 ? cost[at(key_[at(s)])] : 0.0);
        }
        for (std::size_t k = 0; k < n; ++k) {
            double v = 0;
            for (std::size_t i = 0; i < n; ++i) v += reduced[i] * winv_[i * n + k];
            u_[k] = v;
        }
        for (int g = 0; g < g_; ++g) {
            const int j = key_[at(g)];
            double v = cost[at(j)];
            for (auto [row, value] : columns_[at(j)].entries) v -= u_[at(row)] * value;
            y_[at(g)] = v;
        }
    }

    double reduced_cost(int j, const std::vector<double>& cost) const {
        const Column& col = columns_[at(j)];
        double d = cost[at(j)] - (col.set >= 0 ? y_[at(col.set)] : 0.0);
        for (auto [row, value] : col.entries) d -= u_[at(row)] * value;
        return d;
    }

    LpStatus iterate(const std::vector<double>& cost, bool phase2) {
        if (phase2)  // artificials left in the basis stay at 0
            for (int i = 0; i < c_; ++i)
                if (columns_[at(nonkey_[at(i)])].artificial) x_nonkey_[at(i)] = 0;
        if (phase2)
            for (int g = 0; g < g_; ++g)
                if (columns_[at(key_[at(g)])].artificial) x_key_[at(g)] = 0;
        double scale = 1;
        for (double v : cost) scale = std::max(scale, std::fabs(v));
        const double dual_tolerance = 1e-9 * scale;
        const std::size_t n = at(c_);
        std::vector<double> w(n), alpha(n);
        int degenerate_run = 0;
        int& since_refactor = updates_;
        for (;;) {
            compute_duals(cost);
            if (iterations_ >= options_.max_iterations) return LpStatus::IterationLimit;
            if ((iterations_ & 31) == 0 && out_of_time()) return LpStatus::TimeLimit;
            const bool bland = degenerate_run > 50;
            // Partial pricing: scan segments (cyclically from where the last
            // scan stopped) until one holds a candidate; optimal only after a
            // full cycle finds none. Bland: the first candidate from column 0.
            int entering = -1;
            double best = -dual_tolerance;
            const std::size_t total = columns_.size();
            const std::size_t segment = std::max<std::size_t>(1024, total / 16);
            std::size_t j = bland ? 0 : (price_start_ < total ? price_start_ : 0);
            for (std::size_t scanned = 0; scanned < total && entering < 0;) {
                const std::size_t end = std::min(scanned + segment, total);
                for (; scanned < end; ++scanned, j = j + 1 == total ? 0 : j + 1) {
                    if (is_basic_[j] || columns_[j].artificial) continue;
                    const double d = reduced_cost(static_cast<int>(j), cost);
                    if (d < best) {
                        best = d;
                        entering = static_cast<int>(j);
                        if (bland) break;
                    }
                }
                if (bland && entering >= 0) break;
            }
            price_start_ = j;
            if (entering < 0) return LpStatus::Optimal;
            const int entering_set = columns_[at(entering)].set;
            // Direction: non-keys change by -t*alpha, keys by -t*beta.
            working_column(entering, w);
            for (std::size_t i = 0; i < n; ++i) {
                double v = 0;
                for (std::size_t k = 0; k < n; ++k) v += winv_[i * n + k] * w[k];
                alpha[i] = v;
            }
            for (int g : touched_) beta_[at(g)] = 0, listed_[at(g)] = false;
            touched_.clear();
            const auto add_beta = [&](int g, double value) {
                if (!listed_[at(g)]) listed_[at(g)] = true, touched_.push_back(g);
                beta_[at(g)] += value;
            };
            if (entering_set >= 0) add_beta(entering_set, 1.0);
            for (int i = 0; i < c_; ++i) {
                const int s = columns_[at(nonkey_[at(i)])].set;
                if (s >= 0 && alpha[at(i)] != 0) add_beta(s, -alpha[at(i)]);
            }
            // Ratio test over non-keys (kind 0) and keys (kind 1).
            int leave_kind = -1, leave_index = -1;
            double theta = std::numeric_limits<double>::infinity(), leave_coef = 0;
            const auto consider = [&](int kind, int index, int column, double coef, double value) {
                const bool fixed_zero = phase2 && columns_[at(column)].artificial;
                double ratio;
                if (fixed_zero) {
                    if (std::fabs(coef) <= kPivotTolerance) return;
                    ratio = 0;
                } else {
                    if (coef <= kPivotTolerance) return;
                    ratio = std::max(0.0, value) / coef;
                }
                if (leave_kind >= 0) {
                    const bool tie = ratio <= theta + 1e-12;
                    const int current = leave_kind == 0 ? nonkey_[at(leave_index)] : key_[at(leave_index)];
                    const bool better = ratio < theta - 1e-12 ||
                                        (tie && (bland ? column < current : std::fabs(coef) > std::fabs(leave_coef)));
                    if (!better) return;
                }
                leave_kind = kind;
                leave_index = index;
                theta = std::min(theta, ratio);
                leave_coef = coef;
            };
            for (int i = 0; i < c_; ++i) consider(0, i, nonkey_[at(i)], alpha[at(i)], x_nonkey_[at(i)]);
            for (int g : touched_) consider(1, g, key_[at(g)], beta_[at(g)], x_key_[at(g)]);
            if (leave_kind < 0) return LpStatus::Numerical;  // unbounded: not for the bound LPs
            const int leaving_column = leave_kind == 0 ? nonkey_[at(leave_index)] : key_[at(leave_index)];
            const double leaving_value = leave_kind == 0 ? x_nonkey_[at(leave_index)] : x_key_[at(leave_index)];
            theta = (phase2 && columns_[at(leaving_column)].artificial) ? 0.0 : std::max(0.0, leaving_value) / leave_coef;
            // Values.
            for (int i = 0; i < c_; ++i) x_nonkey_[at(i)] -= theta * alpha[at(i)];
            for (int g : touched_) x_key_[at(g)] -= theta * beta_[at(g)];
            // Basis change.
            is_basic_[at(leaving_column)] = false;
            is_basic_[at(entering)] = true;
            bool need_refactor = false;
            if (leave_kind == 0) {
                nonkey_[at(leave_index)] = entering;
                x_nonkey_[at(leave_index)] = theta;
                // Eta update of W^-1: column leave_index replaced, alpha = W^-1 w.
                const std::size_t r = at(leave_index);
                const double inv = 1 / alpha[r];
                for (std::size_t k = 0; k < n; ++k) winv_[r * n + k] *= inv;
                for (std::size_t i = 0; i < n; ++i) {
                    if (i == r || alpha[i] == 0) continue;
                    const double f = alpha[i];
                    for (std::size_t k = 0; k < n; ++k) winv_[i * n + k] -= f * winv_[r * n + k];
                }
            } else {
                const int g = leave_index;
                if (entering_set == g) {
                    key_[at(g)] = entering;
                    x_key_[at(g)] = theta;
                } else {
                    // A non-key of set g becomes its key; the entering column takes its place.
                    int replace = -1;
                    for (int i = 0; i < c_; ++i)
                        if (columns_[at(nonkey_[at(i)])].set == g &&
                            (replace < 0 || std::fabs(alpha[at(i)]) > std::fabs(alpha[at(replace)])))
                            replace = i;
                    if (replace < 0) return LpStatus::Numerical;
                    key_[at(g)] = nonkey_[at(replace)];
                    x_key_[at(g)] = x_nonkey_[at(replace)];
                    nonkey_[at(replace)] = entering;
                    x_nonkey_[at(replace)] = theta;
                }
                need_refactor = true;
            }
            ++iterations_;
            degenerate_run = theta <= 1e-12 ? degenerate_run + 1 : 0;
            if (need_refactor || ++since_refactor >= 50) {
                if (!refactor()) return LpStatus::Numerical;
                compute_values();
                if (phase2) {
                    for (int i = 0; i < c_; ++i)
                        if (columns_[at(nonkey_[at(i)])].artificial) x_nonkey_[at(i)] = 0;
                    for (int g = 0; g < g_; ++g)
                        if (columns_[at(key_[at(g)])].artificial) x_key_[at(g)] = 0;
                }
                since_refactor = 0;
            }
        }
    }

    LpResult& finish(LpResult& result, LpStatus status, const std::vector<double>& cost) {
        if (status != LpStatus::Numerical) compute_duals(cost);
        result.status = status;
        result.iterations = iterations_;
        result.x.assign(at(n_structural_), 0.0);
        for (int g = 0; g < g_; ++g)
            if (key_[at(g)] < n_structural_) result.x[at(key_[at(g)])] = std::max(0.0, x_key_[at(g)]);
        for (int i = 0; i < c_; ++i)
            if (nonkey_[at(i)] < n_structural_) result.x[at(nonkey_[at(i)])] = std::max(0.0, x_nonkey_[at(i)]);
        result.objective = 0;
        for (int j = 0; j < n_structural_; ++j) result.objective += columns_[at(j)].cost * result.x[at(j)];
        result.set_duals = y_;
        result.basis_inverse = winv_;
        result.updates = updates_;
        result.basis = key_;
        result.basis.insert(result.basis.end(), nonkey_.begin(), nonkey_.end());
        result.row_duals.assign(at(c_), 0.0);
        for (int i = 0; i < c_; ++i) result.row_duals[at(i)] = u_[at(i)] * sign_[at(i)];
        if (result.message.empty()) result.message = to_string(status);
        return result;
    }

    LpOptions options_;
    int g_;
    int c_;
    int n_structural_;
    std::vector<double> sign_;
    std::vector<double> b_;
    std::vector<double> set_b_;
    double b_scale_ = 0;
    std::vector<Column> columns_;
    std::vector<int> key_;
    std::vector<int> nonkey_;
    std::vector<bool> is_basic_;
    std::vector<double> x_key_;
    std::vector<double> x_nonkey_;
    std::vector<double> winv_;
    std::vector<double> u_;
    std::vector<double> y_;
    std::vector<double> beta_;
    std::vector<bool> listed_;
    std::vector<int> touched_;  // sets with a beta entry (listed_)
    long long iterations_ = 0;
    int updates_ = 0;  // eta updates of winv_ since it was factored
    std::size_t price_start_ = 0;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace

LpResult solve_lp(const LpProblem& problem, const LpOptions& options) {
    for (double b : problem.set_rhs)
        if (!(b >= 0)) {
            LpResult result;
            result.message = "a set right-hand side is negative";
            return result;
        }
    return GubSimplex(problem, options).run();
}

}  // namespace makepack::bound
