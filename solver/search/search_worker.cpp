#include "solver/search/search_worker.hpp"

#include "model/checker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack {

SearchWorker::SearchWorker(int id, const SearchConfig& config, const OperatorRegistry& registry, SolutionPool& pool,
                           SearchProgress& progress, SharedAdaptation& adaptation, SearchState start,
                           const WorkerPlan& plan)
    : id_(id), config_(config), pool_(pool), progress_(progress), adaptation_(adaptation),
      budget_(config, progress, plan.budget),
      rng_(static_cast<std::uint64_t>(config.seed) * 1000003ULL + static_cast<std::uint64_t>(id)),
      current_(std::move(start)), candidate_(current_), worker_best_(current_.rank()),
      small_moves_share_(plan.small_moves_share), role_(plan.role),
      acceptance_(std::make_unique<SelfCalibratingAnnealing>(config.annealing, plan.annealing_cycles)),
      destroy_wheel_(names_of(registry.destroys())), repair_wheel_(names_of(registry.repairs())),
      move_wheel_(names_of(registry.moves())) {
    for (const auto& info : registry.destroys()) destroys_.push_back(info.make());
    for (const auto& info : registry.repairs()) repairs_.push_back(info.make());
    for (const auto& info : registry.moves()) moves_.push_back(info.make());
    move_last_call_.assign(moves_.size(), std::numeric_limits<long long>::min() / 2);
    if (moves_.empty()) small_moves_share_ = 0;
    if (destroys_.empty() || repairs_.empty()) small_moves_share_ = 1;
    adopt_ = config.threads > 1 && config.adopt_iterations >= 0;
    destroy_size_ = adaptation.destroy_size();
}

void SearchWorker::end_segment() {
    destroy_size_ = adaptation_.end_segment(destroy_wheel_, repair_wheel_, move_wheel_, segment_improved_,
                                            current_.timeline().alive_rows());
    segment_improved_ = false;
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
    if (short_delta == 0 && !acceptance_->accept(delta, current_.total(), budget_.used(iteration), rng_)) return 0;
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
    double score = config_.roulette.score_accepted;
    if (short_delta < 0 || delta < -1e-9) {
        stat.improvements++;
        score = config_.roulette.score_better;
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
        score = config_.roulette.score_new_best;
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
    if (role_ != WorkerRole::Resequence) return run_alns();
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
    for (long long iteration = 0; !budget_.exhausted(iteration); ++iteration) {
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
            m = move_wheel_.pick(rng_);
            for (int redraw = 0; redraw < 8 && iteration - move_last_call_[m] < moves_[m]->min_iterations_between_calls();
                 ++redraw)
                m = move_wheel_.pick(rng_);
            move_last_call_[m] = iteration;
            name = move_wheel_.name(m);
            ok = moves_[m]->apply(candidate, rng_);
        } else {
            d = destroy_wheel_.pick(rng_);
            r = repair_wheel_.pick(rng_);
            name = destroy_wheel_.name(d) + "+" + repair_wheel_.name(r);
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
        if (small) move_wheel_.credit(m, score);
        else { destroy_wheel_.credit(d, score); repair_wheel_.credit(r, score); }
        if ((iteration + 1) % config_.roulette.segment == 0) end_segment();
        if (adopt_ && time_to_adopt(iteration)) adopt_pool_best();
        if (iteration - last_improvement_ > config_.stall_iterations) {
            restart_from_pool();
            last_improvement_ = iteration;
        }
    }
}

bool SearchWorker::time_to_adopt(long long iteration) const {
    if (config_.adopt_iterations == 0) return pool_.best_version() != seen_version_;  // a new best (maybe its own)
    return (iteration + 1) % config_.adopt_iterations == 0;
}

void SearchWorker::adopt_pool_best() {
    seen_version_ = pool_.best_version();
    if (!pool_.best_rank().better_than(current_.rank())) return;
    if (auto best = pool_.best()) {
        current_ = std::move(*best);
        current_.mark_all_changed();
        worker_best_ = current_.rank();
    }
}

void SearchWorker::restart_from_pool() {
    if (auto elite = pool_.sample(rng_)) {
        current_ = std::move(*elite);
        current_.mark_all_changed();  // candidate_ is no twin of it: copy all next time
    }
}

}  // namespace makepack
