#include "solver/search/lns_role.hpp"

#include "solver/search/search_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace makepack {

LnsOperators::LnsOperators(const OperatorRegistry& registry) {
    for (const auto& info : registry.destroys()) destroys.push_back(info.make());
    for (const auto& info : registry.repairs()) repairs.push_back(info.make());
    for (const auto& info : registry.moves()) moves.push_back(info.make());
}

bool LnsOperators::apply(const LnsStep& step, SearchState& candidate, Rng& rng, double destroy_size) {
    if (step.small) return moves[step.move]->apply(candidate, rng);
    const int size = std::max(1, static_cast<int>(std::lround(destroy_size)));
    destroys[step.destroy]->destroy(candidate, rng, size);
    return repairs[step.repair]->repair(candidate, rng);
}

LnsRole::LnsRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan)
    : small_moves_share_(plan.small_moves_share), ops_(registry), destroy_wheel_(names_of(registry.destroys())),
      repair_wheel_(names_of(registry.repairs())), move_wheel_(names_of(registry.moves())) {
    move_last_call_.assign(ops_.moves.size(), std::numeric_limits<long long>::min() / 2);
    if (ops_.moves.empty()) small_moves_share_ = 0;
    if (ops_.destroys.empty() || ops_.repairs.empty()) small_moves_share_ = 1;
    adopt_ = config.threads > 1 && config.adopt_iterations >= 0;
}

void LnsRole::start(SearchWorker& worker) {
    if (!started_) destroy_size_ = worker.adaptation().destroy_size();
    started_ = true;
}

void LnsRole::compact_if_sparse(SearchState& state) {
    const PlantTimeline& timeline = state.timeline();
    if (timeline.rows().size() > 2 * static_cast<std::size_t>(timeline.alive_rows()) + 64) state.timeline().compact();
}

void LnsRole::run(SearchWorker& worker, bool until_met) {
    const SearchConfig& config = worker.config();
    start(worker);
    // iteration: steps (segments, stalls, pauses between moves); spent: the budget's units.
    long long spent = 0;
    for (long long iteration = 0; !worker.budget().exhausted(spent); ++iteration) {
        if (until_met && worker.pool().best_rank().shortfall == 0) return;
        worker.progress().add_iterations(1);
        compact_if_sparse(worker.current());
        const auto started = std::chrono::steady_clock::now();
        SearchState& candidate = worker.fresh_candidate();
        const Step step = draw(worker.rng(), iteration);
        const bool ok = ops_.apply(step, candidate, worker.rng(), destroy_size_) && candidate.revalidate();
        OperatorStats& stat = worker.stat(step.name);
        stat.calls++;
        SearchWorker::Verdict verdict;
        if (ok) verdict = worker.settle(step.name, stat, spent);
        else stat.failed++;
        const long long units = ops_.work_of(step);
        stat.work += units;
        spent += worker.budget().cost_of(units);
        if (verdict.improved) segment_improved_ = true;
        if (verdict.worker_best) last_improvement_ = iteration;
        stat.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        credit(step, verdict.score);
        if ((iteration + 1) % config.roulette.segment == 0) end_segment(worker);
        if (adopt_ && worker.time_to_adopt(iteration)) worker.adopt_pool_best();
        if (iteration - last_improvement_ > config.stall_iterations) {
            worker.restart_from_pool();
            last_improvement_ = iteration;
        }
    }
}

LnsRole::Step LnsRole::draw(Rng& rng, long long iteration) {
    Step step;
    step.small = std::uniform_real_distribution<double>(0, 1)(rng) < small_moves_share_;
    if (step.small) {
        // A move that asks for a pause between calls is drawn again (a few times).
        std::size_t& m = step.move;
        m = move_wheel_.pick(rng);
        for (int redraw = 0; redraw < 8 && iteration - move_last_call_[m] < ops_.moves[m]->min_iterations_between_calls();
             ++redraw)
            m = move_wheel_.pick(rng);
        move_last_call_[m] = iteration;
        step.name = move_wheel_.name(m);
    } else {
        step.destroy = destroy_wheel_.pick(rng);
        step.repair = repair_wheel_.pick(rng);
        step.name = destroy_wheel_.name(step.destroy) + "+" + repair_wheel_.name(step.repair);
    }
    return step;
}

void LnsRole::credit(const Step& step, double score) {
    if (step.small) {
        move_wheel_.credit(step.move, score);
    } else {
        destroy_wheel_.credit(step.destroy, score);
        repair_wheel_.credit(step.repair, score);
    }
}

void LnsRole::end_segment(SearchWorker& worker) {
    // Weights and destroy size are learnt with the other workers (shared_adaptation.hpp).
    destroy_size_ = worker.adaptation().end_segment(destroy_wheel_, repair_wheel_, move_wheel_, segment_improved_,
                                                    worker.current().timeline().alive_rows());
    segment_improved_ = false;
}

}  // namespace makepack
