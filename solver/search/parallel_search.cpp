#include "solver/search/parallel_search.hpp"

#include "solver/search/search_worker.hpp"
#include "solver/search/speculative_chain.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <stdexcept>
#include <thread>

namespace makepack {

namespace {

// Runs config.exchange every exchange_seconds until stopped (islands: solver/mpi/).
class PlanExchange {
public:
    PlanExchange(const SearchConfig& config, const RuleContext& context, SolutionPool& pool, SearchProgress& progress) {
        if (!config.exchange) return;
        thread_ = std::thread([&config, &context, &pool, &progress, this] {
            const Instance& instance = context.instance();
            std::unique_lock lock(mutex_);
            const auto period = std::chrono::duration<double>(std::max(0.05, config.exchange_seconds));
            while (!cv_.wait_for(lock, period, [this] { return done_; })) {
                lock.unlock();
                std::vector<ForeignPlan> plans;
                try {
                    if (const std::optional<SearchState> best = pool.best()) plans = config.exchange(best->to_schedule());
                } catch (const std::exception& e) {
                    progress.note(std::string("island exchange failed: ") + e.what());
                }
                for (ForeignPlan& foreign : plans) {
                    if (!check_schedule(instance, foreign.plan, CheckOptions{false, 1}).feasible()) {
                        progress.note("island exchange: the plan from " + foreign.origin + " fails the check; ignored");
                        continue;
                    }
                    SearchState state(context, PlantTimeline::from_schedule(instance, foreign.plan));
                    if (state.feasible() && pool.offer(state)) progress.report_best(state.rank(), -1, foreign.origin);
                }
                lock.lock();
            }
        });
    }
    ~PlanExchange() {
        if (!thread_.joinable()) return;
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    std::thread thread_;
};
}  // namespace

SearchResult parallel_search(const Instance& instance, const Schedule& start, const SearchConfig& config) {
    OperatorRegistry registry = config.registry ? *config.registry : OperatorRegistry::with_builtins();
    registry.select_destroys(config.destroys);
    registry.select_repairs(config.repairs);
    registry.select_moves(config.moves);
    // What cannot act on this plant ("unmet" and "grow" where every demand is
    // packed, "pack-held" outside its case) is left out unless named.
    registry.drop_inapplicable(instance, config.destroys.empty(), config.repairs.empty(), config.moves.empty());
    if (config.roulette.segment < 1) throw std::invalid_argument("search segment must be at least 1 iteration");
    const RuleContext context(instance);
    SearchState start_state(context, PlantTimeline::from_schedule(instance, start));
    if (!start_state.feasible()) throw std::invalid_argument("the start schedule breaks a rule of the model");
    SearchResult result;
    result.start_total = start_state.total();

    SolutionPool pool(config.pool_capacity);
    pool.offer(start_state);
    SearchProgress progress(config);
    if (config.target && start_state.shortfall() == 0 && start_state.total() <= *config.target + 1e-9) {
        result.best = start;
        result.objective = check_schedule(instance, start, CheckOptions{false}).objective;
        return result;
    }
    const unsigned threads = std::max(1u, config.threads);
    // The speculative chain is one worker whose lanes use the threads.
    const bool chain = config.parallel == ParallelMode::Chain;
    const SearchConfig chain_config = chain ? speculative_chain_config(config) : SearchConfig{};
    const SearchConfig& worker_config = chain ? chain_config : config;
    const std::vector<WorkerPlan> plans = chain ? std::vector{speculative_chain_plan(chain_config, registry, threads)}
                                                : plan_workers(config, registry, threads);
    std::vector<std::unique_ptr<SearchWorker>> workers;
    std::vector<std::unique_ptr<SharedAdaptation>> adaptations;  // one shared, or one per worker
    for (unsigned w = 0; w < (config.share_adaptation ? 1 : plans.size()); ++w)
        adaptations.push_back(std::make_unique<SharedAdaptation>(worker_config, registry));
    for (unsigned w = 0; w < plans.size(); ++w)
        workers.push_back(std::make_unique<SearchWorker>(static_cast<int>(w), worker_config, registry, pool, progress,
                                                         *adaptations[config.share_adaptation ? 0 : w],
                                                         start_state, plans[w]));
    // Every worker must run at once (they share a wall-clock budget), even
    // beyond the number of cores: raise TBB's cap to the requested count.
    tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(static_cast<int>(threads), 1);
    std::atomic<bool> built{false};
    std::optional<PlanExchange> exchange;
    exchange.emplace(config, context, pool, progress);
    arena.execute([&] {
        tbb::task_group group;
        // The workers were built on this thread; a task reads its worker only
        // after an acquire of `built` (released below), a hand-off ThreadSanitizer
        // can see -- the one inside libtbb it cannot (tests/tsan.supp).
        built.store(true, std::memory_order_release);
        for (auto& worker : workers)
            group.run([searcher = worker.get(), &progress, &built] {
                try {
                    if (!built.load(std::memory_order_acquire)) return;
                    searcher->run();
                } catch (...) {
                    progress.request_stop();  // the others stop too; wait() rethrows to the caller
                    throw;
                }
            });
        group.wait();
    });
    exchange.reset();  // no foreign plan arrives after the search

    const std::optional<SearchState> best = pool.best();
    result.best = best ? best->to_schedule() : start;
    result.objective = check_schedule(instance, result.best, CheckOptions{false}).objective;
    result.time_to_best = progress.time_to_best();
    result.seconds = progress.elapsed();
    result.iterations = progress.total_iterations();
    for (auto& worker : workers) {
        for (const auto& [name, stat] : worker->stats()) result.stats[name].add(stat);
        result.check_failures += worker->check_failures();
    }
    return result;
}

}  // namespace makepack
