#include "heuristics/backward_greedy.hpp"

#include "heuristics/calendar_blocks.hpp"
#include "heuristics/campaign_insertion.hpp"
#include "heuristics/paste_order.hpp"
#include "heuristics/pipelined_start.hpp"
#include "heuristics/timeline.hpp"
#include "model/checker.hpp"


namespace makepack {

namespace {

struct Attempt {
    std::optional<Schedule> schedule;
    std::string failure;
};

// `calendar`: the timeline with the calendar blocks placed (the same for
// every construction, so placed once: on a long horizon it is most of the work).
Attempt construct(const PlantTimeline& calendar, const std::vector<int>& order, Direction direction, Choice choice,
                  double delay_weight, const GreedyOptions& options) {
    const Instance& instance = calendar.instance();
    PlantTimeline timeline = calendar;
    CampaignInsertion insertion(timeline, choice, delay_weight);
    for (int paste : order) {
        // Stopped: the pastes placed so far are a plan where unmet demand is allowed.
        if (options.should_stop && options.should_stop())
            return instance.unmet_allowed() ? Attempt{timeline.to_schedule(), "stopped"} : Attempt{std::nullopt, "stopped"};
        if (std::string why = insertion.insert_paste(paste, direction); !why.empty()) return {std::nullopt, why};
    }
    return {timeline.to_schedule(), {}};
}

// Where unmet demand is allowed and no construction keeps every rule (the
// campaign insertion knows nothing of totes): each paste's SKUs in pieces,
// each piece with its paste and within the tote limit, or not at all.
Attempt construct_in_pieces(const PlantTimeline& calendar, const std::vector<int>& order, const GreedyOptions& options) {
    PlantTimeline timeline = calendar;
    CampaignInsertion insertion(timeline);
    for (int paste : order) {
        if (options.should_stop && options.should_stop()) return {timeline.to_schedule(), "stopped"};
        std::vector<int> rows;
        insertion.insert_paste_partial(paste, rows);
    }
    return {timeline.to_schedule(), {}};
}

}  // namespace

GreedyResult backward_greedy(const Instance& instance, const GreedyOptions& options) {
    // The thesis's backward insertion in a few paste orders (cheapest-regret
    // first, and a Johnson-rule order that keeps mixers free where lines need
    // paste early), then forward insertion -- also with a price on delay, since
    // cost alone piles SKUs onto their cheapest lines late -- ; the cheapest
    // feasible plan wins.
    struct Strategy { PasteOrder order; Direction direction; Choice choice; unsigned seed; double delay_weight = 0; };
    // The fixed strategies ignore the seed (a seed only varies the search, never
    // whether a start plan is found); the seed perturbs the extra orders.
    std::vector<Strategy> strategies = {
        {PasteOrder::Regret, Direction::Backward, Choice::Cheapest, 0},
        {PasteOrder::Johnson, Direction::Backward, Choice::Cheapest, 0},
        {PasteOrder::Johnson, Direction::Forward, Choice::Cheapest, 0},
        {PasteOrder::Regret, Direction::Forward, Choice::Cheapest, 0},
        {PasteOrder::Johnson, Direction::Forward, Choice::Soonest, 0},
        {PasteOrder::Johnson, Direction::Forward, Choice::Cheapest, 0, 0.05},
        {PasteOrder::Johnson, Direction::Forward, Choice::Cheapest, 0, 0.1},
        {PasteOrder::Johnson, Direction::Forward, Choice::Cheapest, 0, 0.2},
        {PasteOrder::Johnson, Direction::Forward, Choice::Cheapest, 0, 0.5},
        {PasteOrder::Regret, Direction::Forward, Choice::Cheapest, 0, 0.1},
        {PasteOrder::Regret, Direction::Forward, Choice::Cheapest, 0, 0.3},
    };
    const std::size_t regular = strategies.size() + options.extra_random_orders;
    for (unsigned k = 1; k <= options.extra_random_orders; ++k)
        strategies.push_back({PasteOrder::Regret, Direction::Backward, Choice::Cheapest, options.seed * 7919 + k});
    // Hard instances: perturbed forward orders until one is feasible (cheap: milliseconds each).
    for (unsigned k = 1; k <= options.fallback_orders; ++k)
        strategies.push_back({k % 2 ? PasteOrder::Johnson : PasteOrder::Regret, Direction::Forward,
                              k % 3 ? Choice::Soonest : Choice::Cheapest, options.seed * 104729 + k});

    GreedyResult best;
    double best_total = 0;
    bool insertion_found = false;  // an insertion plan that keeps every rule
    // The plan with the least hard-demand shortfall wins, then the cheapest.
    auto keep_if_better = [&](Schedule&& plan, const ObjectiveBreakdown& objective, bool pipelined) {
        if (best.schedule && (objective.shortfall > best.shortfall ||
                              (objective.shortfall == best.shortfall && objective.total >= best_total)))
            return;
        best.schedule = std::move(plan);
        best.shortfall = objective.shortfall;
        best_total = objective.total;
        best.pipelined = pipelined;
    };
    PlantTimeline calendar(instance);
    if (std::string why = place_calendar_blocks(calendar, options.should_stop); !why.empty()) {
        best.failure = why;
        best.stopped = why == "stopped";
        return best;
    }
    for (std::size_t index = 0; index < strategies.size(); ++index) {
        const Strategy& strategy = strategies[index];
        // Fallbacks only while nothing packs all hard demand.
        if (index >= regular && best.schedule && best.shortfall == 0) break;
        if (options.should_stop && options.should_stop()) { best.stopped = true; break; }
        Attempt attempt = construct(calendar, paste_order(instance, strategy.order, strategy.direction, strategy.seed),
                                    strategy.direction, strategy.choice, strategy.delay_weight, options);
        if (attempt.failure == "stopped") best.stopped = true;
        if (!attempt.schedule) {
            if (best.failure.empty()) best.failure = attempt.failure;
            if (best.stopped) break;
            continue;
        }
        CheckResult check = check_schedule(instance, *attempt.schedule, CheckOptions{false});
        if (!check.feasible()) {
            if (best.failure.empty()) best.failure = "construction broke a rule: " + to_string(check.violations.front());
            continue;
        }
        insertion_found = true;
        keep_if_better(std::move(*attempt.schedule), check.objective, false);
        if (best.stopped || (options.first_feasible && best.shortfall == 0)) break;
    }
    // Soft demand: the pipeline's few long rows (pipelined_start.hpp) compete too.
    if (options.pipelined && pipelined_start_applies(instance)) {
        for (const PipelineVariant& variant : pipeline_variants(instance)) {
            if (options.should_stop && options.should_stop()) { best.stopped = true; break; }
            std::optional<Schedule> plan = pipelined_start(calendar, variant, options.should_stop);
            if (!plan) continue;
            const CheckResult check = check_schedule(instance, *plan, CheckOptions{false});
            if (check.feasible()) keep_if_better(std::move(*plan), check.objective, true);
        }
    }
    // Where no insertion plan keeps every rule (the pipeline's may still
    // compete with it); stopped, this is at least the calendar-only plan (it
    // stops at its first poll).
    if (!insertion_found && instance.unmet_allowed()) {
        Attempt attempt = construct_in_pieces(calendar, paste_order(instance, PasteOrder::Johnson, Direction::Forward, 0), options);
        if (attempt.failure == "stopped") best.stopped = true;
        if (attempt.schedule) {
            const CheckResult check = check_schedule(instance, *attempt.schedule, CheckOptions{false});
            if (check.feasible()) keep_if_better(std::move(*attempt.schedule), check.objective, false);
            else if (!best.schedule) best.failure = "construction in pieces broke a rule: " + to_string(check.violations.front());
        }
    }
    if (best.schedule && best.shortfall == 0) best.failure.clear();
    return best;
}

}  // namespace makepack
