#include "solver/mpi/islands.hpp"

#include "heuristics/search_state.hpp"
#include "model/checker.hpp"
#include "model/schedule_io.hpp"
#include "solver/mpi/session.hpp"

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/nonblocking.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <limits>
#include <memory>
#include <thread>

namespace makepack::mpi {

namespace {

constexpr int kPlan = 11;  // island -> island: a best plan's schedule YAML

// The plans sent and not yet delivered, and the rank of the last one sent.
// Used by the search's exchange thread, then (after it joined) by the main thread.
struct Island {
    boost::mpi::communicator world;
    std::deque<std::pair<boost::mpi::request, std::shared_ptr<std::string>>> sending;
    PlanRank last_sent{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity()};
    void settle_sends() {
        while (!sending.empty() && sending.front().first.test()) sending.pop_front();
    }
    // Receives every plan that arrived.
    std::vector<std::pair<int, std::string>> receive() {
        std::vector<std::pair<int, std::string>> plans;
        while (const auto status = world.iprobe(boost::mpi::any_source, kPlan)) {
            std::string text;
            world.recv(status->source(), kPlan, text);
            plans.push_back({status->source(), std::move(text)});
        }
        return plans;
    }
};
std::unique_ptr<Island> g_island;

std::string plan_yaml(const Instance& instance, const Schedule& plan, PlanRank* rank = nullptr) {
    const CheckResult check = check_schedule(instance, plan, CheckOptions{false});
    if (rank) *rank = {check.objective.shortfall, check.objective.total};
    return schedule_to_yaml(instance, plan, check.objective);
}

}  // namespace

void share_bound(cli::BoundPhase& phase) {
    boost::mpi::communicator world;
    bool has = phase.bound.has_value();
    LowerBound bound = phase.bound.value_or(LowerBound{});
    boost::mpi::broadcast(world, has, 0);
    boost::mpi::broadcast(world, bound.infeasible, 0);
    boost::mpi::broadcast(world, bound.bound, 0);
    boost::mpi::broadcast(world, bound.reason, 0);
    boost::mpi::broadcast(world, bound.used, 0);
    boost::mpi::broadcast(world, phase.skipped, 0);
    phase.bound = has ? std::optional<LowerBound>(bound) : std::nullopt;
}

void join_islands(SolveOptions& options, const Instance& instance) {
    g_island = std::make_unique<Island>();
    options.threads = threads_per_rank(options.threads, true);
    const int me = rank();
    if (me != 0) {
        options.seed = (options.seed == 0 ? 1 : options.seed) + static_cast<unsigned>(me);
        options.progress = nullptr;  // rank 0 speaks for all
    } else if (options.progress) {
        options.progress = [log = options.progress](const std::string& line) {
            const std::size_t at = line.find("  worker ");
            log(at == std::string::npos ? line : line.substr(0, at) + "  rank 0" + line.substr(at));
        };
    }
    if (const char* text = std::getenv("MAKEPACK_MPI_EXCHANGE_SECONDS"))
        options.exchange_seconds = std::max(0.05, std::atof(text));
    options.exchange = [&instance](const Schedule& best) {
        Island& island = *g_island;
        island.settle_sends();
        PlanRank rank_of_best{};
        std::string text = plan_yaml(instance, best, &rank_of_best);
        if (rank_of_best.better_than(island.last_sent)) {
            island.last_sent = rank_of_best;
            auto shared = std::make_shared<std::string>(std::move(text));
            for (int r = 0; r < size(); ++r)
                if (r != rank()) island.sending.push_back({island.world.isend(r, kPlan, *shared), shared});
        }
        std::vector<ForeignPlan> plans;
        for (auto& [from, yaml] : island.receive()) {
            try {
                plans.push_back({parse_schedule(instance, yaml, "rank " + std::to_string(from)), "rank " + std::to_string(from)});
            } catch (const std::exception&) {
                // Not a plan of this instance: dropped (the search's check would reject it too).
            }
        }
        return plans;
    };
}

std::optional<SolveOutcome> best_of_islands(const Instance& instance, SolveOutcome mine,
                                            const std::function<void(const std::string&)>& log) {
    Island& island = *g_island;
    // Every plan sent must be received before the ranks part: finish our sends
    // (taking what arrives meanwhile), then wait, still receiving, until every
    // rank has finished its own.
    while (!island.sending.empty()) {
        island.receive();
        island.settle_sends();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    MPI_Request barrier;
    MPI_Ibarrier(MPI_COMM_WORLD, &barrier);
    for (int done = 0; !done;) {
        island.receive();
        MPI_Test(&barrier, &done, MPI_STATUS_IGNORE);
        if (!done) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    island.receive();

    const std::string text = mine.schedule ? plan_yaml(instance, *mine.schedule) : std::string();
    std::vector<std::string> all;
    boost::mpi::gather(island.world, text, all, 0);
    g_island.reset();
    if (rank() != 0) return std::nullopt;

    std::optional<PlanRank> best;
    if (mine.schedule) {
        const CheckResult check = check_schedule(instance, *mine.schedule, CheckOptions{false});
        if (check.feasible()) best = PlanRank{check.objective.shortfall, check.objective.total};
    }
    int best_rank = 0;
    std::string objectives;
    for (int r = 0; r < static_cast<int>(all.size()); ++r) {
        if (all[r].empty()) {
            objectives += (r ? ", " : "") + std::string("rank ") + std::to_string(r) + ": no plan";
            continue;
        }
        Schedule plan;
        try {
            plan = parse_schedule(instance, all[r], "rank " + std::to_string(r));
        } catch (const std::exception& e) {
            objectives += (r ? ", " : "") + std::string("rank ") + std::to_string(r) + ": unreadable";
            continue;
        }
        const CheckResult check = check_schedule(instance, plan);  // the full check
        char line[96];
        std::snprintf(line, sizeof line, "%srank %d: %.2f%s", r ? ", " : "", r, check.objective.total,
                      check.feasible() ? "" : " (fails the check)");
        objectives += line;
        if (!check.feasible()) continue;
        const PlanRank rank_r{check.objective.shortfall, check.objective.total};
        if (r != 0 && (!best || rank_r.better_than(*best))) {
            best = rank_r;
            best_rank = r;
            mine.schedule = std::move(plan);
            mine.partial.reset();
            mine.failure.clear();
        }
    }
    if (log) log("islands: best plan from rank " + std::to_string(best_rank) + " (" + objectives + ")");
    return mine;
}

}  // namespace makepack::mpi
