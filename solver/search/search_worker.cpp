#include "solver/search/search_worker.hpp"

#include "model/checker.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace makepack {

namespace {
// Roulette-wheel scores (Ropke & Pisinger 2006).
constexpr double kScoreNewBest = 33, kScoreBetter = 9, kScoreAccepted = 13;
constexpr long long kStallIterations = 400;

std::string format_line(const char* fmt, double a, double b, double c, double d) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
    return buf;
}
}  // namespace

SearchProgress::SearchProgress(const SearchConfig& config, const Instance&)
    : config_(config), started_(std::chrono::steady_clock::now()) {}

double SearchProgress::elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

bool SearchProgress::should_stop(long long iteration) const {
    if (stopped_ || (config_.stop && config_.stop->load())) return true;
    if (config_.iterations > 0 && iteration >= config_.iterations) return true;
    // With an iteration budget the run is reproducible: time does not cut it short.
    if (config_.iterations == 0 && elapsed() >= config_.time_limit_seconds) return true;
    return false;
}

void SearchProgress::report_best(const PlanRank& rank, int worker, const std::string& op) {
    std::lock_guard lock(log_mutex_);
    if (has_best_ && !rank.better_than(best_, 0)) return;
    // While hard demand is short, only a smaller shortfall is news worth a line.
    const bool quiet = has_best_ && rank.shortfall > 0 && rank.shortfall == best_.shortfall;
    has_best_ = true;
    best_ = rank;
    time_to_best_ = elapsed();
    const double total = rank.total;
    if (config_.target && rank.shortfall == 0 && total <= *config_.target + 1e-9) stopped_ = true;
    if (!config_.log || quiet) return;
    std::string line = format_line("#%8.2fs  best %12.2f", time_to_best_, total, 0, 0);
    if (rank.shortfall > 0)
        line += format_line("  short %.0f units of hard demand", rank.shortfall, 0, 0, 0);
    else if (config_.lower_bound > 0)
        line += format_line("  bound %12.2f  gap %6.2f%%", config_.lower_bound,
                            100.0 * (total - config_.lower_bound) / std::max(1e-9, total), 0, 0);
    line += (worker >= 0 ? "  worker " + std::to_string(worker) + "  " : "  found by ") + op;  // -1: another island
    config_.log(line);
}

void SearchProgress::note(const std::string& line) {
    std::lock_guard lock(log_mutex_);
    if (config_.log) config_.log(line);
}

SearchWorker::SearchWorker(int id, const SearchConfig& config, const OperatorRegistry& registry, SolutionPool& pool,
                           SearchProgress& progress, SearchState start, double small_moves_share, double cycle_seconds,
                           Role role)
    : id_(id), config_(config), pool_(pool), progress_(progress),
      rng_(static_cast<std::uint64_t>(config.seed) * 1000003ULL + static_cast<std::uint64_t>(id)),
      current_(std::move(start)), candidate_(current_), worker_best_(current_.rank()),
      small_moves_share_(small_moves_share), cycle_seconds_(cycle_seconds), role_(role) {
    for (const auto& info : registry.destroys()) { destroys_.push_back(info.make()); destroy_arms_.push_back({info.name}); }
    for (const auto& info : registry.repairs()) { repairs_.push_back(info.make()); repair_arms_.push_back({info.name}); }
    for (const auto& info : registry.moves()) { moves_.push_back(info.make()); move_arms_.push_back({info.name}); }
    move_last_call_.assign(moves_.size(), std::numeric_limits<long long>::min() / 2);
    if (moves_.empty()) small_moves_share_ = 0;
    if (destroys_.empty() || repairs_.empty()) small_moves_share_ = 1;
    destroy_size_ = config.min_destroy + 0.25 * (config.max_destroy - config.min_destroy);
}

std::size_t SearchWorker::pick(const std::vector<Arm>& arms) {
    double sum = 0;
    for (const Arm& a : arms) sum += a.weight;
    double x = std::uniform_real_distribution<double>(0, sum)(rng_);
    for (std::size_t k = 0; k < arms.size(); ++k) {
        if (x < arms[k].weight) return k;
        x -= arms[k].weight;
    }
    return arms.size() - 1;
}

void SearchWorker::credit(std::vector<Arm>& arms, std::size_t k, double score) {
    arms[k].score += score;
    arms[k].uses += 1;
}

void SearchWorker::end_segment() {
    for (auto* arms : {&destroy_arms_, &repair_arms_, &move_arms_})
        for (Arm& a : *arms) {
            if (a.uses > 0) a.weight = (1 - config_.reaction) * a.weight + config_.reaction * (a.score / a.uses);
            a.weight = std::max(a.weight, 0.05);  // every operator keeps a chance
            a.score = 0;
            a.uses = 0;
        }
    // Destroy size: smaller while it pays, larger when stuck (within bounds).
    const int rows = std::max(1, current_.timeline().alive_rows());
    const double upper = std::max<double>(config_.min_destroy, std::min<double>(config_.max_destroy, 0.3 * rows));
    destroy_size_ = segment_improved_ ? std::max<double>(config_.min_destroy, destroy_size_ * 0.9)
                                      : std::min(upper, destroy_size_ * 1.15 + 1);
    segment_improved_ = false;
}

double SearchWorker::budget_used(long long iteration) const {
    const double used = config_.iterations > 0 ? static_cast<double>(iteration) / config_.iterations
                                               : progress_.elapsed() / std::max(1e-9, config_.time_limit_seconds);
    return std::clamp(used, 0.0, 1.0);
}

double SearchWorker::temperature(long long iteration) const {
    // Cools geometrically to 1/1000 of the start over the budget (time or
    // iterations) -- or, for a worker with annealing cycles, over each cycle of
    // about cycle_seconds_, every cycle starting half as hot as the one before.
    double progress = budget_used(iteration);
    int cycle = 0;
    if (config_.iterations == 0 && cycle_seconds_ > 0) {
        const int cycles = std::max(1, static_cast<int>(std::lround(config_.time_limit_seconds / cycle_seconds_)));
        cycle = std::min(cycles - 1, static_cast<int>(progress * cycles));
        progress = std::clamp(progress * cycles - cycle, 0.0, 1.0);
    }
    const double start = (t0_ > 0 ? t0_ : 1e-3 * std::max(1.0, current_.total())) * std::pow(0.5, cycle);
    return start * std::pow(1e-3, progress);
}

bool SearchWorker::accept(double delta, long long iteration) {
    if (delta <= 0) return true;
    if (t0_ == 0) {
        // Calibration: the mean worse move of the first iterations is accepted with p = 1/2.
        worse_deltas_.push_back(delta);
        if (worse_deltas_.size() >= 20) {
            t0_ = std::accumulate(worse_deltas_.begin(), worse_deltas_.end(), 0.0) / worse_deltas_.size() / std::log(2.0);
            t0_ = std::max(t0_, 1e-9);
        }
    }
    const double t = temperature(iteration);
    return std::uniform_real_distribution<double>(0, 1)(rng_) < std::exp(-delta / t);
}

double SearchWorker::settle(const std::string& name, OperatorStats& stat, long long iteration) {
    // SA acceptance; with --check-moves the whole checker must agree; a new
    // best must pass the whole checker before it reaches the pool.
    const Instance& in = current_.instance();
    const SearchState& candidate = candidate_;
    // Hard demand packed is never given back; more of it is always taken
    // (docs/unmet-demand.md). Annealing judges plans of equal shortfall.
    const double short_delta = candidate.shortfall() - current_.shortfall();
    if (short_delta > 0) return 0;
    const double delta = candidate.total() - current_.total();
    if (short_delta == 0 && !accept(delta, iteration)) return 0;
    if (config_.check_moves) {
        const CheckResult full = check_schedule(in, candidate.to_schedule(), CheckOptions{false, 5});
        if (!full.feasible()) {
            ++check_failures_;
            progress_.note("check-moves: " + name + " passed the incremental check but the full check says: " +
                           to_string(full.violations.front()));
            stat.failed++;
            return 0;
        }
    }
    stat.accepted++;
    double score = kScoreAccepted;
    if (short_delta < 0 || delta < -1e-9) {
        stat.improvements++;
        score = kScoreBetter;
        segment_improved_ = true;
    }
    std::swap(current_, candidate_);  // candidate_ keeps the previous state (and its buffers)
    if (!current_.rank().better_than(worker_best_)) return score;
    worker_best_ = current_.rank();
    last_improvement_ = iteration;
    if (!current_.rank().better_than(pool_.best_rank())) {
        pool_.offer(current_);
        return score;
    }
    const Published published = publish(current_, name);
    if (published == Published::Rejected) {
        std::swap(current_, candidate_);  // never build on a plan the checker rejects
        worker_best_ = current_.rank();
        return 0;
    }
    if (published == Published::NewBest) {
        stat.new_bests++;
        score = kScoreNewBest;
    }
    return score;
}

SearchWorker::Published SearchWorker::publish(const SearchState& state, const std::string& name) {
    const CheckResult full = check_schedule(state.instance(), state.to_schedule(), CheckOptions{false, 5});
    if (!full.feasible()) {
        ++check_failures_;
        progress_.note("internal: a new best failed the full check after " + name + ": " +
                       to_string(full.violations.front()));
        return Published::Rejected;
    }
    if (!pool_.offer(state)) return Published::Kept;
    progress_.report_best(state.rank(), id_, name);
    return Published::NewBest;
}

void SearchWorker::run() {
    if (role_ != Role::Resequence) return run_alns();
    // Resequencing keeps every row's amount: while hard demand is short, this
    // worker packs it like the others, then resequences the pool's best.
    if (current_.shortfall() > 0) {
        run_alns(true);
        auto best = pool_.best();
        if (!best || best->shortfall() > 0) return;  // stopped first
        current_ = std::move(*best);
        current_.mark_all_changed();
    }
    run_resequence();
}

void SearchWorker::run_alns(bool until_met) {
    for (long long iteration = 0; !progress_.should_stop(iteration); ++iteration) {
        if (until_met && pool_.best_rank().shortfall == 0) return;
        progress_.add_iterations(1);
        if (current_.timeline().rows().size() > 2 * static_cast<std::size_t>(current_.timeline().alive_rows()) + 64)
            current_.timeline().compact();
        const auto started = std::chrono::steady_clock::now();
        candidate_.assign_changed(current_);
        SearchState& candidate = candidate_;
        std::string name;
        bool ok;
        std::size_t d = 0, r = 0, m = 0;
        const bool small = std::uniform_real_distribution<double>(0, 1)(rng_) < small_moves_share_;
        if (small) {
            m = pick(move_arms_);
            for (int redraw = 0; redraw < 8 && iteration - move_last_call_[m] < moves_[m]->min_iterations_between_calls();
                 ++redraw)
                m = pick(move_arms_);
            move_last_call_[m] = iteration;
            name = move_arms_[m].name;
            ok = moves_[m]->apply(candidate, rng_);
        } else {
            d = pick(destroy_arms_);
            r = pick(repair_arms_);
            name = destroy_arms_[d].name + "+" + repair_arms_[r].name;
            const int size = std::max(1, static_cast<int>(std::lround(destroy_size_)));
            destroys_[d]->destroy(candidate, rng_, size);
            ok = repairs_[r]->repair(candidate, rng_);
        }
        ok = ok && candidate.revalidate();
        OperatorStats& stat = stats_[name];
        stat.calls++;
        double score = 0;
        if (ok) score = settle(name, stat, iteration);
        else stat.failed++;
        stat.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (small) credit(move_arms_, m, score);
        else { credit(destroy_arms_, d, score); credit(repair_arms_, r, score); }
        if ((iteration + 1) % config_.segment == 0) end_segment();
        if (iteration - last_improvement_ > kStallIterations) {
            // Stuck: restart from an elite of the pool.
            if (auto elite = pool_.sample(rng_)) {
                current_ = std::move(*elite);
                current_.mark_all_changed();  // candidate_ is no twin of it: copy all next time
            }
            last_improvement_ = iteration;
        }
    }
}

}  // namespace makepack
