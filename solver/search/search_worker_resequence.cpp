// The resequence role of a search worker: instead of destroy/repair, one long
// simulated annealing over the sequences of rows on every resource (mixers as
// early, lines as late as they go: heuristics/resequence.hpp), cooling over the
// whole budget. Its best plan is checked in full and offered to the pool at the
// end of every chunk that improved it. When it has not improved for a while, it
// goes on from the pool's best if that is better (from the destroy/repair
// workers, whose moves also shift calendar blocks and split rows); otherwise it
// is stuck in a basin of its own, and it starts again from a random elite of
// the pool with its cooling started again over the rest of the budget.
#include "heuristics/resequence.hpp"
#include "solver/search/search_worker.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

namespace makepack {

namespace {
constexpr auto kScope = Resequencer::Scope::MixersAndLines;
}  // namespace

void SearchWorker::run_resequence() {
    const Instance& in = current_.instance();
    if (!Resequencer::applicable(in, kScope)) return run_alns();
    auto plan = std::make_unique<Resequencer>(current_, kScope, config_.resequence);
    if (!plan->feasible()) return run_alns();
    const double start_temperature = Resequencer::start_temperature(in);
    OperatorStats& stat = stats_["resequence"];
    double published = plan->best_cost();
    long long last_gain = 0;
    // The annealing's own moves get rows of their own in the operator table
    // (calls; failed = no legal change drawn; accepted by the annealing).
    auto count_moves = [&](const Resequencer& done) {
        for (std::size_t k = 0; k < kResequenceMoveNames.size(); ++k) {
            const ResequenceMoveCount& count = done.move_counts()[k];
            OperatorStats& row = stats_[std::string(kResequenceMoveNames[k])];
            row.calls += count.calls;
            row.failed += count.calls - count.changed;
            row.accepted += count.accepted;
        }
    };
    double cycle_start = 0;  // budget fraction where the current cooling began
    for (long long chunk = 0; !budget_.exhausted(chunk * kResequenceChunkWork); ++chunk) {
        const auto started = std::chrono::steady_clock::now();
        const double used = budget_.used(chunk * kResequenceChunkWork);
        const double progress = std::clamp((used - cycle_start) / std::max(1e-9, 1 - cycle_start), 0.0, 1.0);
        const double from = start_temperature * std::pow(Resequencer::kCooling, progress);
        plan->improve(rng_, config_.resequence_chunk, from, from * std::pow(Resequencer::kCooling, 0.01));  // ~1 % of the cooling per chunk
        progress_.add_iterations(1);  // one call of "resequence" in the operator table
        stat.calls++;
        if (plan->best_cost() < published - 1e-9) {
            published = plan->best_cost();
            last_gain = chunk;
            SearchState next = current_;  // same line blocks as the plan's base; write() replaces the rest
            plan->write(next);
            const Published outcome = next.revalidate() ? publish(next, "resequence") : Published::Rejected;
            if (outcome == Published::Rejected) {
                stat.failed++;  // the plan goes on from its own sequences; current_ stays a checked plan
            } else {
                stat.accepted++;
                stat.improvements++;
                if (outcome == Published::NewBest) stat.new_bests++;
                current_ = std::move(next);
            }
        }
        if (chunk - last_gain > config_.resequence_stall_chunks) {
            const bool behind = pool_.best_rank().better_than(current_.rank());
            if (auto next = behind ? pool_.best() : pool_.sample(rng_)) {
                auto fresh = std::make_unique<Resequencer>(*next, kScope, config_.resequence);
                if (fresh->feasible()) {
                    count_moves(*plan);
                    current_ = std::move(*next);
                    plan = std::move(fresh);
                    published = plan->best_cost();
                    if (!behind) cycle_start = budget_.used(chunk * kResequenceChunkWork);  // reheat
                }
            }
            last_gain = chunk;
        }
        stat.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    count_moves(*plan);
}

}  // namespace makepack
