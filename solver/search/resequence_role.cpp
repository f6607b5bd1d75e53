// Its best plan is checked in full and offered to the pool at the end of every
// chunk that improved it. When it has not improved for a while, it goes on
// from the pool's best if that is better (from the destroy/repair workers,
// whose moves also shift calendar blocks and split rows); otherwise it is stuck
// in a basin of its own, and it starts again from a random elite of the pool
// with its cooling started again over the rest of the budget.
#include "solver/search/resequence_role.hpp"

#include "heuristics/resequence.hpp"
#include "heuristics/work_unit.hpp"
#include "solver/search/search_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

namespace makepack {

namespace {
constexpr auto kScope = Resequencer::Scope::MixersAndLines;
}  // namespace

ResequenceRole::ResequenceRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan)
    : pack_(config, registry, plan) {}

void ResequenceRole::run(SearchWorker& worker) {
    if (worker.current().shortfall() > 0) {
        pack_.run(worker, true);
        auto best = worker.pool().best();
        if (!best || best->shortfall() > 0) return;  // stopped first
        worker.go_on_from(std::move(*best));
    }
    resequence(worker);
}

void ResequenceRole::count_moves(SearchWorker& worker, const Resequencer& done) {
    for (std::size_t k = 0; k < kResequenceMoveNames.size(); ++k) {
        const ResequenceMoveCount& count = done.move_counts()[k];
        OperatorStats& row = worker.stat(std::string(kResequenceMoveNames[k]));
        row.calls += count.calls;
        row.failed += count.calls - count.changed;
        row.accepted += count.accepted;
    }
}

void ResequenceRole::resequence(SearchWorker& worker) {
    const SearchConfig& config = worker.config();
    const WorkerBudget& budget = worker.budget();
    const Instance& in = worker.current().instance();
    if (!Resequencer::applicable(in, kScope)) return pack_.run(worker);
    auto plan = std::make_unique<Resequencer>(worker.current(), kScope, config.resequence);
    if (!plan->feasible()) return pack_.run(worker);
    const double start_temperature = Resequencer::start_temperature(in);
    OperatorStats& stat = worker.stat("resequence");
    double published = plan->best_cost();
    long long last_gain = 0;
    double cycle_start = 0;  // budget fraction where the current cooling began
    // A chunk's steps in work units (heuristics/work_unit.hpp), against an
    // iteration budget too: about the time of that many iterations.
    const long long chunk_work = annealing_work(config.resequence_chunk);
    long long spent = 0;
    for (long long chunk = 0; !budget.exhausted(spent); ++chunk, spent += chunk_work) {
        const auto started = std::chrono::steady_clock::now();
        const double used = budget.used(spent);
        const double progress = std::clamp((used - cycle_start) / std::max(1e-9, 1 - cycle_start), 0.0, 1.0);
        const double from = start_temperature * std::pow(Resequencer::kCooling, progress);
        // ~1 % of the cooling per chunk
        plan->improve(worker.rng(), config.resequence_chunk, from, from * std::pow(Resequencer::kCooling, 0.01));
        worker.progress().add_iterations(1);  // one call of "resequence" in the operator table
        stat.calls++;
        stat.work += chunk_work;
        if (plan->best_cost() < published - 1e-9) {
            published = plan->best_cost();
            last_gain = chunk;
            SearchState next = worker.current();  // same line blocks as the plan's base; write() replaces the rest
            plan->write(next);
            using Published = SearchWorker::Published;
            const Published outcome = next.revalidate() ? worker.publish(next, "resequence") : Published::Rejected;
            if (outcome == Published::Rejected) {
                stat.failed++;  // the plan goes on from its own sequences; current() stays a checked plan
            } else {
                stat.accepted++;
                stat.improvements++;
                if (outcome == Published::NewBest) stat.new_bests++;
                worker.current() = std::move(next);
            }
        }
        if (chunk - last_gain > config.resequence_stall_chunks) {
            const bool behind = worker.pool().best_rank().better_than(worker.current().rank());
            if (auto next = behind ? worker.pool().best() : worker.pool().sample(worker.rng())) {
                auto fresh = std::make_unique<Resequencer>(*next, kScope, config.resequence);
                if (fresh->feasible()) {
                    count_moves(worker, *plan);
                    worker.current() = std::move(*next);
                    plan = std::move(fresh);
                    published = plan->best_cost();
                    if (!behind) cycle_start = budget.used(spent);  // reheat
                }
            }
            last_gain = chunk;
        }
        stat.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    count_moves(worker, *plan);
}

}  // namespace makepack
