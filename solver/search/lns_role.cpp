#include "solver/search/lns_role.hpp"

#include "solver/search/search_worker.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace makepack {

namespace {
std::vector<std::string> names_of(const auto& infos) {
    std::vector<std::string> names;
    for (const auto& info : infos) names.push_back(info.name);
    return names;
}
}  // namespace

LnsRole::LnsRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan)
    : small_moves_share_(plan.small_moves_share), destroy_wheel_(names_of(registry.destroys())),
      repair_wheel_(names_of(registry.repairs())), move_wheel_(names_of(registry.moves())) {
    for (const auto& info : registry.destroys()) destroys_.push_back(info.make());
    for (const auto& info : registry.repairs()) repairs_.push_back(info.make());
    for (const auto& info : registry.moves()) moves_.push_back(info.make());
    move_last_call_.assign(moves_.size(), std::numeric_limits<long long>::min() / 2);
    if (moves_.empty()) small_moves_share_ = 0;
    if (destroys_.empty() || repairs_.empty()) small_moves_share_ = 1;
    adopt_ = config.threads > 1 && config.adopt_iterations > 0;
    destroy_size_ = config.min_destroy + config.destroy_start * (config.max_destroy - config.min_destroy);
}

void LnsRole::run(SearchWorker& worker, bool until_met) {
    const SearchConfig& config = worker.config();
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
        if (adopt_ && (iteration + 1) % config.adopt_iterations == 0) worker.adopt_pool_best();
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
    const SearchConfig& config = worker.config();
    for (RouletteWheel* wheel : {&destroy_wheel_, &repair_wheel_, &move_wheel_}) wheel->end_segment(config.roulette);
    // Destroy size: smaller while it pays, larger when stuck (within bounds).
    const int rows = std::max(1, worker.current().timeline().alive_rows());
    const double upper =
        std::max<double>(config.min_destroy, std::min<double>(config.max_destroy, config.destroy_max_share * rows));
    destroy_size_ = segment_improved_ ? std::max<double>(config.min_destroy, destroy_size_ * config.destroy_shrink)
                                      : std::min(upper, destroy_size_ * config.destroy_grow + 1);
    segment_improved_ = false;
}

}  // namespace makepack
