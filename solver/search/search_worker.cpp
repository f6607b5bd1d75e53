#include "solver/search/search_worker.hpp"

#include "model/checker.hpp"
#include "solver/search/plan_merge.hpp"

#include <chrono>

namespace makepack {

SearchWorker::SearchWorker(int id, const SearchConfig& config, const OperatorRegistry& registry, SolutionPool& pool,
                           SearchProgress& progress, SharedAdaptation& adaptation, SearchState start,
                           const WorkerPlan& plan)
    : id_(id), config_(config), pool_(pool), progress_(progress), adaptation_(adaptation),
      budget_(config, progress, plan.budget),
      rng_(worker_seed(config.seed, id)),
      current_(std::move(start)), candidate_(current_), worker_best_(current_.rank()),
      acceptance_(std::make_unique<SelfCalibratingAnnealing>(config.annealing, plan.annealing_cycles)),
      role_(make_worker_role(plan, config, registry)),
      merging_(config.merge_stale && config.threads > 1 && config.adopt_iterations >= 0) {
    set_base();
}

void SearchWorker::go_on_from(SearchState plan) {
    current_ = std::move(plan);
    current_.mark_all_changed();  // candidate_ is no twin of it: copy all next time
    set_base();
}

SearchState& SearchWorker::fresh_candidate() {
    candidate_.assign_changed(current_);
    return candidate_;
}

SearchWorker::Verdict SearchWorker::settle(const std::string& name, OperatorStats& stat, long long spent,
                                           SearchState& candidate) {
    // SA acceptance; with --check-moves the whole checker must agree; a new
    // best must pass the whole checker before it reaches the pool.
    Verdict verdict;
    // Hard demand packed is never given back; more of it is always taken
    // (docs/unmet-demand.md). Annealing judges plans of equal shortfall.
    const double short_delta = candidate.shortfall() - current_.shortfall();
    if (short_delta > 0) return verdict;
    const double delta = candidate.total() - current_.total();
    if (short_delta == 0 && !acceptance_->accept(delta, current_.total(), budget_.used(spent), rng_)) return verdict;
    if (!passes_check_moves(candidate, name, stat)) return verdict;
    stat.accepted++;
    verdict.score = config_.roulette.score_accepted;
    if (short_delta < 0 || delta < -1e-9) {
        stat.improvements++;
        verdict.score = config_.roulette.score_better;
        verdict.improved = true;
    }
    std::swap(current_, candidate);  // candidate_ keeps the previous state (and its buffers)
    verdict.accepted = true;
    if (!current_.rank().better_than(worker_best_)) return verdict;
    worker_best_ = current_.rank();
    verdict.worker_best = true;
    if (!current_.rank().better_than(pool_.best_rank())) {
        pool_.offer(current_);
        return verdict;
    }
    const Published published = publish(current_, name);
    if (published == Published::Rejected) {
        std::swap(current_, candidate);  // never build on a plan the checker rejects
        worker_best_ = current_.rank();
        verdict.score = 0;
        verdict.accepted = false;
        return verdict;
    }
    if (published == Published::NewBest) {
        set_base();
        stat.new_bests++;
        verdict.score = config_.roulette.score_new_best;
    }
    return verdict;
}

bool SearchWorker::passes_check_moves(const SearchState& candidate, const std::string& name, OperatorStats& stat) {
    if (!config_.check_moves) return true;
    const CheckResult full = check_schedule(candidate.instance(), candidate.to_schedule(), CheckOptions{false, 5});
    if (full.feasible()) return true;
    ++check_failures_;
    progress_.note("check-moves: " + name + " passed the incremental check but the full check says: " +
                   to_string(full.violations.front()));
    stat.failed++;
    return false;
}

SearchWorker::Verdict SearchWorker::take(SearchState plan, const std::string& name, OperatorStats& stat) {
    Verdict verdict;
    if (!passes_check_moves(plan, name, stat)) return verdict;
    if (plan.rank().better_than(worker_best_)) {
        if (!plan.rank().better_than(pool_.best_rank())) {
            pool_.offer(plan);
        } else {
            const Published published = publish(plan, name);
            if (published == Published::Rejected) return verdict;
            if (published == Published::NewBest) stat.new_bests++;
            verdict.score = published == Published::NewBest ? config_.roulette.score_new_best : 0;
        }
        worker_best_ = plan.rank();
        verdict.worker_best = true;
    }
    stat.accepted++;
    stat.improvements++;
    verdict.accepted = verdict.improved = true;
    if (verdict.score == 0) verdict.score = config_.roulette.score_better;
    go_on_from(std::move(plan));
    return verdict;
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

bool SearchWorker::time_to_adopt(long long iteration) const {
    if (config_.adopt_iterations == 0) return pool_.best_version() != seen_version_;  // a new best (maybe its own)
    return (iteration + 1) % config_.adopt_iterations == 0;
}

void SearchWorker::adopt_pool_best() {
    seen_version_ = pool_.best_version();
    if (!pool_.best_rank().better_than(current_.rank())) return;
    std::optional<SearchState> best = pool_.best();
    if (!best) return;
    if (std::optional<SearchState> merged = graft_onto(*best)) best = std::move(merged);
    go_on_from(std::move(*best));
    worker_best_ = current_.rank();
}

std::optional<SearchState> SearchWorker::graft_onto(const SearchState& best) {
    if (!merging_ || !base_ || !current_.rank().better_than(base_->rank())) return std::nullopt;
    const std::vector<int> changed = changed_resources(base_->timeline(), current_.timeline());
    if (changed.empty()) return std::nullopt;
    // In the operator table as "graft": calls = grafts tried, failed = no
    // graft kept every rule (the plans conflict), improved = beat the best.
    OperatorStats& stat = stats_["graft"];
    const auto started = std::chrono::steady_clock::now();
    const auto timed = [&](std::optional<SearchState> result) {
        stat.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return result;
    };
    stat.calls++;
    std::optional<SearchState> merged = graft_changes(best, current_, changed);
    if (!merged) {
        stat.failed++;
        return timed(std::nullopt);
    }
    stat.accepted++;
    if (!merged->rank().better_than(best.rank())) return timed(std::nullopt);
    stat.improvements++;
    const Published published = publish(*merged, "graft");
    if (published == Published::Rejected) return timed(std::nullopt);
    if (published == Published::NewBest) stat.new_bests++;
    return timed(std::move(merged));
}

void SearchWorker::restart_from_pool() {
    if (auto elite = pool_.sample(rng_)) go_on_from(std::move(*elite));
}

}  // namespace makepack
