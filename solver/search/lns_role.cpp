#include "solver/search/lns_role.hpp"

#include "solver/search/search_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace makepack {

LnsRole::LnsRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan)
    : small_moves_share_(plan.small_moves_share), destroy_wheel_(names_of(registry.destroys())),
      repair_wheel_(names_of(registry.repairs())), move_wheel_(names_of(registry.moves())) {
    for (const auto& info : registry.destroys()) destroys_.push_back(info.make());
    for (const auto& info : registry.repairs()) repairs_.push_back(info.make());
    for (const auto& info : registry.moves()) moves_.push_back(info.make());
    move_last_call_.assign(moves_.size(), std::numeric_limits<long long>::min() / 2);
    if (moves_.empty()) small_moves_share_ = 0;
    if (destroys_.empty() || repairs_.empty()) small_moves_share_ = 1;
    adopt_ = config.threads > 1 && config.adopt_iterations >= 0;
}

void LnsRole::run(SearchWorker& worker, bool until_met) {
    const SearchConfig& config = worker.config();
    if (!started_) destroy_size_ = worker.adaptation().destroy_size();
    started_ = true;
    for (long long iteration = 0; !worker.budget().exhausted(iteration); ++iteration) {
        if (until_met && worker.pool().best_rank().shortfall == 0) return;
        worker.progress().add_iterations(1);
        const PlantTimeline& timeline = worker.current().timeline();
        if (timeline.rows().size() > 2 * static_cast<std::size_t>(timeline.alive_rows()) + 64)
            worker.current().timeline().compact();
        const auto started = std::chrono::steady_clock::now();
        SearchState& candidate = worker.fresh_candidate();
        const Step step = draw(worker, iteration);
        const bool ok = apply(step, candidate, worker.rng()) && candidate.revalidate();
        OperatorStats& stat = worker.stat(step.name);
        stat.calls++;
        SearchWorker::Verdict verdict;
        if (ok) verdict = worker.settle(step.name, stat, iteration);
        else stat.failed++;
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

LnsRole::Step LnsRole::draw(SearchWorker& worker, long long iteration) {
    Rng& rng = worker.rng();
    Step step;
    step.small = std::uniform_real_distribution<double>(0, 1)(rng) < small_moves_share_;
    if (step.small) {
        // A move that asks for a pause between calls is drawn again (a few times).
        std::size_t& m = step.move;
        m = move_wheel_.pick(rng);
        for (int redraw = 0; redraw < 8 && iteration - move_last_call_[m] < moves_[m]->min_iterations_between_calls();
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

bool LnsRole::apply(const Step& step, SearchState& candidate, Rng& rng) {
    if (step.small) return moves_[step.move]->apply(candidate, rng);
    const int size = std::max(1, static_cast<int>(std::lround(destroy_size_)));
    destroys_[step.destroy]->destroy(candidate, rng, size);
    return repairs_[step.repair]->repair(candidate, rng);
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
