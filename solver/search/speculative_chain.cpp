#include "solver/search/speculative_chain.hpp"

#include "solver/search/plan_merge.hpp"
#include "solver/search/search_worker.hpp"

#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <numeric>

namespace makepack {

SpeculativeRole::SpeculativeRole(const SearchConfig& config, const OperatorRegistry& registry, const WorkerPlan& plan)
    : LnsRole(config, registry, plan), registry_(registry), lane_count_(std::max(1u, plan.lanes)),
      combine_(config.chain_combine) {}

void SpeculativeRole::run(SearchWorker& worker) {
    start(worker);
    make_lanes(worker);
    // iteration: steps (segments, stalls, pauses between moves); spent: the budget's units.
    long long iteration = 0, spent = 0;
    while (!worker.budget().exhausted(spent)) {
        const int lanes = draw_round(worker, iteration, spent);
        if (lanes == 1) {
            evaluate(worker, 0);
        } else {
            // One task per lane: a lane's step may be a long re-plan. The
            // lanes are handed out and back through atomics ThreadSanitizer
            // sees (those inside libtbb it cannot: tests/tsan.supp).
            tbb::task_group group;
            handed_out_.fetch_add(1, std::memory_order_release);
            for (int lane = 0; lane < lanes; ++lane)
                group.run([this, &worker, lane] {
                    handed_out_.load(std::memory_order_acquire);
                    evaluate(worker, lane);
                    handed_back_.fetch_add(1, std::memory_order_release);
                });
            group.wait();  // rethrows a lane's exception
            handed_back_.load(std::memory_order_acquire);
        }
        const int moved_by = settle_round(worker, iteration, spent, lanes);
        if (moved_by != -1) resync(worker, moved_by);
        iteration += lanes;
        for (int lane = 0; lane < lanes; ++lane) spent += worker.budget().cost_of(lanes_[lane].units);
    }
}

void SpeculativeRole::make_lanes(SearchWorker& worker) {
    if (!lanes_.empty()) return;
    lanes_ = std::vector<Lane>(lane_count_);  // built in place: a lane is not copied
    for (unsigned k = 1; k < lane_count_; ++k) {
        Lane& lane = lanes_[k];
        lane.ops.emplace(registry_);
        lane.rng.emplace(worker_seed(worker.config().seed, static_cast<int>(k)));
        lane.mirror.emplace(worker.current());
        lane.mirror->mark_all_changed();
        lane.candidate.emplace(*lane.mirror);
    }
}

Rng& SpeculativeRole::rng_of(SearchWorker& worker, int lane) {
    return lane == 0 ? worker.rng() : *lanes_[lane].rng;
}

// The round's steps, drawn in lane order; stops at the budget (each step
// costs at least one unit; the last round may so go beyond it). A move that
// asks for a pause between calls (a re-plan) is drawn at most once a round:
// a later lane redraws its whole step (a few times). Why: two re-plans change
// the same resources, so one of them is discarded at 200 units (bench large,
// K = 16, seed 1: 58 of 98 re-plans discarded; bench/scaling/README.md).
int SpeculativeRole::draw_round(SearchWorker& worker, long long iteration, long long spent) {
    const auto pauses = [this](const Step& step) {
        return step.small && ops_.moves[step.move]->min_iterations_between_calls() > 0;
    };
    bool paused = false;  // the round holds such a move
    int lanes = 0;
    for (; lanes < static_cast<int>(lane_count_) && !worker.budget().exhausted(spent + lanes); ++lanes) {
        worker.progress().add_iterations(1);
        Rng& rng = rng_of(worker, lanes);
        Step& step = lanes_[lanes].step;
        step = draw(rng, iteration + lanes);
        for (int redraw = 0; redraw < 8 && paused && pauses(step); ++redraw) step = draw(rng, iteration + lanes);
        paused = paused || pauses(step);
    }
    return lanes;
}

// Runs on the lane's thread: touches only the lane's own plans, operators and
// random numbers (lane 0: the worker's current plan and candidate).
void SpeculativeRole::evaluate(SearchWorker& worker, int lane_index) {
    Lane& lane = lanes_[lane_index];
    const auto started = std::chrono::steady_clock::now();
    if (lane_index == 0) {
        compact_if_sparse(worker.current());
        lane.made = &worker.fresh_candidate();
    } else {
        compact_if_sparse(*lane.mirror);
        lane.candidate->assign_changed(*lane.mirror);
        lane.made = &*lane.candidate;
    }
    LnsOperators& ops = lane_index == 0 ? ops_ : *lane.ops;
    lane.ok = ops.apply(lane.step, *lane.made, rng_of(worker, lane_index), destroy_size_) && lane.made->revalidate();
    lane.units = ops.work_of(lane.step);
    lane.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

// The order in which settle_round() meets the candidates: lane order, as
// one walk would have met them; with combine_, the ones better than the
// current plan first, best first (they are taken or grafted: a long re-plan's
// improvement is not lost to a small move of an earlier lane).
std::vector<int> SpeculativeRole::settle_order(SearchWorker& worker, int lanes) const {
    std::vector<int> order(static_cast<std::size_t>(lanes));
    std::iota(order.begin(), order.end(), 0);
    if (!combine_) return order;
    const PlanRank start = worker.current().rank();
    const auto improves = [&](int k) { return lanes_[k].ok && lanes_[k].made->rank().better_than(start); };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const bool better_a = improves(a), better_b = improves(b);
        if (better_a != better_b) return better_a;
        return better_a && lanes_[a].made->rank().better_than(lanes_[b].made->rank(), 0);
    });
    return order;
}

// Settles the candidates in settle_order() until one is taken; later ones
// are grafted onto it (combine()) or discarded (operator table column
// "discarded": evaluations spent on a plan that was no longer current).
// Every candidate counts one call of its operator, with its time and units.
int SpeculativeRole::settle_round(SearchWorker& worker, long long iteration, long long spent, int lanes) {
    const SearchConfig& config = worker.config();
    int moved_by = -1;
    std::vector<int> changed;  // resources the round changed (combine())
    const std::vector<int> order = settle_order(worker, lanes);
    long long spent_before = spent;  // the budget's position at each candidate, in settle order
    for (int position = 0; position < lanes; ++position) {
        const int k = order[position];
        const long long at = iteration + position;
        const Lane& lane = lanes_[k];
        OperatorStats& stat = worker.stat(lane.step.name);
        stat.calls++;
        stat.work += lane.units;
        stat.seconds += lane.seconds;
        if (moved_by == -1) {
            if (settle_lane(worker, k, at, spent_before)) moved_by = k;
        } else if (moved_by == kRestarted || !combine(worker, k, at, changed)) {
            discard(worker, k);
        }
        spent_before += worker.budget().cost_of(lane.units);
        if ((at + 1) % config.roulette.segment == 0) end_segment(worker);
        if (at - last_improvement_ > config.stall_iterations) {
            worker.restart_from_pool();
            last_improvement_ = at;
            moved_by = kRestarted;
        }
    }
    return moved_by;
}

bool SpeculativeRole::settle_lane(SearchWorker& worker, int lane_index, long long iteration, long long spent) {
    Lane& lane = lanes_[lane_index];
    OperatorStats& stat = worker.stat(lane.step.name);
    SearchWorker::Verdict verdict;
    if (!lane.ok) stat.failed++;
    else verdict = worker.settle(lane.step.name, stat, spent, *lane.made);
    if (verdict.improved) segment_improved_ = true;
    if (verdict.worker_best) last_improvement_ = iteration;
    credit(lane.step, verdict.score);
    return verdict.accepted;
}

// A candidate made from a plan that is no longer current. Its operators are
// still scored as one walk would have scored them -- an improvement as
// better, anything else as rejected: without, only the taken candidates
// scored, the small moves' mean scores rose and the re-plans, which improve
// most often on large, were drawn less than half as often as by one walk.
void SpeculativeRole::discard(SearchWorker& worker, int lane_index) {
    const Lane& lane = lanes_[lane_index];
    worker.stat(lane.step.name).discarded++;
    const bool improved = lane.ok && lane.made->rank().better_than(lanes_[1].mirror->rank());
    credit(lane.step, improved ? worker.config().roulette.score_better : 0);
}

// After the round's first accepted candidate: a later one that improved on
// the round's start plan (lane 1's copy, re-synced only after the round) on
// resources nothing before it in the round changed is grafted onto the
// current plan (plan_merge.hpp, re-checked) and taken if that is better still.
bool SpeculativeRole::combine(SearchWorker& worker, int lane_index, long long iteration, std::vector<int>& changed) {
    Lane& lane = lanes_[lane_index];
    const SearchState& start = *lanes_[1].mirror;
    if (!combine_ || !lane.ok || !lane.made->rank().better_than(start.rank())) return false;
    if (changed.empty()) changed = changed_resources(start.timeline(), worker.current().timeline());
    const std::vector<int> mine = changed_resources(start.timeline(), lane.made->timeline());
    std::vector<int> common;
    std::set_intersection(mine.begin(), mine.end(), changed.begin(), changed.end(), std::back_inserter(common));
    if (mine.empty() || !common.empty()) return false;
    std::optional<SearchState> merged = graft_changes(worker.current(), *lane.made, mine);
    if (!merged || !merged->rank().better_than(worker.current().rank())) return false;
    // Row "combined": grafts taken (the candidate's call, time and units are its operator's).
    OperatorStats& stat = worker.stat("combined");
    const SearchWorker::Verdict verdict = worker.take(std::move(*merged), "combined", stat);
    if (!verdict.accepted) return false;
    stat.calls++;
    std::vector<int> both;
    std::set_union(mine.begin(), mine.end(), changed.begin(), changed.end(), std::back_inserter(both));
    changed = std::move(both);
    segment_improved_ = true;
    if (verdict.worker_best) last_improvement_ = iteration;
    credit(lane.step, verdict.score);
    return true;
}

// The current plan changed: every lane's copy becomes it again. Lane 0's
// candidate is the current plan's twin unless another lane's candidate (or a
// restart) replaced the current plan.
void SpeculativeRole::resync(SearchWorker& worker, int moved_by) {
    if (moved_by != 0) worker.current().mark_all_changed();
    for (unsigned k = 1; k < lane_count_; ++k) {
        *lanes_[k].mirror = worker.current();
        lanes_[k].mirror->mark_all_changed();
    }
}

SearchConfig speculative_chain_config(const SearchConfig& config) {
    SearchConfig chain = config;
    chain.threads = 1;
    chain.iterations = config.iterations * std::max(1u, config.threads);
    return chain;
}

WorkerPlan speculative_chain_plan(const SearchConfig& chain_config, const OperatorRegistry& registry, unsigned lanes) {
    WorkerPlan plan = plan_workers(chain_config, registry, 1).front();
    plan.role = SpeculativeRole::kName;
    plan.lanes = lanes;
    return plan;
}

}  // namespace makepack
