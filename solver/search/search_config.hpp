// What the parallel search is asked to do and when it stops (Timefold-style
// termination: time, iterations, work, target objective, or an external stop),
// and every constant that shapes the search, each with the reason for its value.
#pragma once

#include "heuristics/resequence_config.hpp"
#include "solver/search/acceptance.hpp"
#include "solver/search/operator_selection.hpp"
#include "model/schedule.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

class OperatorRegistry;

// Which worker does what (solver/search/worker_roles.cpp). The values come
// from the design's tuning on bench medium/large at 10-30 s (main 59cdaa1 and
// before); they were not re-measured here.
struct WorkerMix {
    // One thread mixes destroy/repair with small moves (30 % small moves).
    double single_small_moves = 0.3;
    // With several threads, even workers lean on destroy/repair (15 % small
    // moves) and cool once over the budget; odd workers lean on small moves
    // (85 %) -- or run the resequence role where plan-replan is selected --
    // and anneal in cycles: a long budget's slow cooling can sit in one local
    // optimum for all of it.
    double lns_small_moves = 0.15;
    double sa_small_moves = 0.85;
    double cycle_seconds = 15;  // odd workers' annealing cycle; a 10 s budget is one cycle
    // The move whose selection turns on the resequence role (its annealing run
    // as a worker's whole search); a researcher's own operator set runs as chosen.
    std::string resequence_move = "plan-replan";
    // Under a --work budget every worker is a destroy/repair worker with the
    // one-thread mix. Why: a resequencing chunk then counted 1,000 units (one
    // per 20 steps; now one per 50, heuristics/work_unit.hpp) but cost less
    // time than that many iterations on large (K = 2 ran in 108 s where K = 1
    // took 175 s at equal work, bench/scaling/results/before-ab1690e.md), so at
    // equal work the role was short-changed (not re-measured since); measured
    // at W = 10000 on medium, seeds 1-3, adopting every 25 iterations: median
    // 3670 (K = 4) and 3710 (K = 16) uniform, 3707 and 3747 with the roles.
    // Wall-clock runs keep the roles (tuned at equal time).
    bool uniform_under_work = true;
};

// A plan found outside this search (another island: solver/mpi/), and who found it.
struct ForeignPlan {
    Schedule plan;
    std::string origin;  // for the log, e.g. "rank 2"
};

// How several threads search together (--parallel).
enum class ParallelMode {
    // Workers with walks of their own share a best-solution pool (the design card).
    Pool,
    // One annealing walk whose next candidates the threads evaluate at once,
    // K per round; the first one accepted in worker order is taken
    // (solver/search/speculative_chain.hpp). Reproducible for any K.
    Chain,
};

struct SearchConfig {
    // The operators to draw from; nullptr = OperatorRegistry::with_builtins().
    // A researcher's own operators: copy with_builtins(), add_destroy/add_repair/add_move, pass it here.
    const OperatorRegistry* registry = nullptr;
    double time_limit_seconds = 10;
    long long iterations = 0;               // per worker; 0 = no limit
    // Deterministic work budget, a TOTAL over all workers (0 = none): worker w
    // gets its share of it (work / threads, the first work % threads workers
    // one more; the chain's one walk all of it). Counted in work units
    // (heuristics/work_unit.hpp): one destroy+repair or one move evaluated by
    // the incremental check is one unit, annealing over sequences (a re-plan
    // move, a resequencing chunk) one unit per 50 steps. K workers sharing W
    // are so compared with 1 worker spending W, without wall-clock noise. Like
    // `iterations`, it lets no time limit cut the run short. `iterations`
    // counts steps instead: one per destroy+repair or move, a re-plan too.
    long long work = 0;
    std::optional<double> target;           // stop once the best objective is <= target
    unsigned seed = 1;
    unsigned threads = 1;
    bool check_moves = false;               // full checker run after every accepted move (tests)
    std::vector<std::string> destroys, repairs, moves;  // empty = all built-ins
    double lower_bound = 0;                 // for the gap in the log (0 = unknown)
    const std::atomic<bool>* stop = nullptr;  // set from outside (Ctrl-C) to stop cleanly
    std::function<void(const std::string&)> log;  // one line per event; empty = silent

    // --- How the search searches (defaults: the tuned design) ---
    int min_destroy = 2;                    // rows a destroy removes, adapted within these bounds
    int max_destroy = 40;
    double destroy_start = 0.25;            // start size: this share of the way from min to max
    double destroy_max_share = 0.3;         // never more than this share of the plan's rows
    double destroy_shrink = 0.9;            // per segment that improved (intensify while it pays)
    double destroy_grow = 1.15;             // per segment without improvement, plus one row (diversify)
    RouletteConfig roulette;                // operator selection
    AnnealingConfig annealing;              // acceptance
    long long stall_iterations = 400;       // without a better plan: restart from an elite of the pool
    // With several threads a destroy/repair worker whose plan is worse than the
    // pool's best goes on from the best, so K workers improve one incumbent
    // together instead of K separate short searches. When it looks: 0 = as soon
    // as another worker has published a new best (a lock-free check of the
    // pool's best_version() every iteration); N > 0 = every N iterations;
    // < 0 = never. Why at once: every improvement found on a plan that is
    // already behind the best is lost when the worker adopts, and with K
    // workers that is most of them (bench large, W = 6000, seeds 1-3, with
    // shared adaptation: K = 8 / 16 at +3.8 / +4.5 % of K = 1 every 25
    // iterations, +3.4 / +2.8 % every 5, +1.2 / +3.0 % at once; medium K = 16:
    // +0.8 % at once; bench/scaling/README.md). Earlier, on medium, K = 16:
    // never 3768, every 100 iterations 3749, every 25 3710 (K = 1: 3679).
    long long adopt_iterations = 0;
    // With several threads: a worker about to adopt a better pool best whose
    // own plan improved on the plan it last took from the pool (or published)
    // grafts the resources it changed onto the best (solver/search/plan_merge.hpp)
    // and goes on from the result if it passes the checks and beats the best:
    // improvements found on a stale plan add up instead of being thrown away.
    // Measured (bench large, W = 6000, 5 seeds): K = 16 at +2.1 / +3.7 % of
    // K = 1 in two runs, main +3.0 / +3.4 % -- within the noise: most grafts
    // overlap a re-plan's changes and break a rule (bench/scaling/README.md).
    bool merge_stale = true;
    // With several threads: all workers learn one set of operator weights and
    // one destroy size (solver/search/shared_adaptation.hpp) instead of one each.
    bool share_adaptation = true;
    ParallelMode parallel = ParallelMode::Pool;
    // Chain: a round's improving candidates are settled first (best first),
    // and the later ones that improved on the round's start plan join the
    // one taken where they changed other resources (each graft re-checked;
    // solver/search/speculative_chain.hpp). Off: lane order, the rest
    // discarded -- bench medium W = 10000, K = 16, measured at 45ecdf1 (which
    // also did not score the discarded ones): +3.6 % of K = 1; on: -0.9 %
    // (bench/scaling/README.md).
    bool chain_combine = true;
    std::size_t pool_capacity = 8;          // plans kept by the pool (the best and diverse good ones)
    WorkerMix mix;                          // worker roles
    ResequenceConfig resequence;            // the resequence role's annealing
    int resequence_chunk = 20000;           // its annealing steps between looks at the clock and the pool
    int resequence_stall_chunks = 50;       // chunks without a better plan before it looks at the pool
    // Islands (solver/mpi/islands.cpp): while the search runs, a helper thread
    // calls this every exchange_seconds with the pool's best plan; the plans it
    // returns are offered to the pool after the full check. Unset = no thread.
    std::function<std::vector<ForeignPlan>(const Schedule& best)> exchange;
    double exchange_seconds = 2;
};

}  // namespace makepack
