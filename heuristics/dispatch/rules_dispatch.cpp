#include "heuristics/dispatch/rules_dispatch.hpp"

#include "heuristics/calendar_blocks.hpp"
#include "heuristics/campaign_insertion.hpp"
#include "heuristics/dispatch/dispatch_rule.hpp"
#include "heuristics/dispatch/paste_campaign.hpp"
#include "heuristics/dispatch/rule_scores.hpp"
#include "heuristics/search_state.hpp"
#include "heuristics/storage_guard.hpp"
#include "heuristics/timeline_ledger.hpp"
#include "model/checker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack {

namespace {

class Dispatcher {
public:
    Dispatcher(PlantTimeline timeline, const DispatchOptions& options, bool campaigns, bool ready_first = false)
        : in_(timeline.instance()), timeline_(std::move(timeline)), insertion_(timeline_), options_(options),
          campaigns_(campaigns), ready_first_(ready_first) {
        const int resources = static_cast<int>(in_.resources.size());
        free_at_.assign(resources, in_.frozen_until);
        previous_.assign(resources, -1);
        for (int line = in_.num_mixers; line < resources; ++line)
            for (const TimelineItem& item : timeline_.items(line))
                if (item.row >= 0 && item.start < in_.frozen_until) previous_[line] = item.product;
        left_.assign(in_.products.size(), 0);
        for (int sku = in_.num_pastes; sku < static_cast<int>(in_.products.size()); ++sku)
            left_[sku] = std::max<std::int64_t>(0, in_.products[sku].demand - timeline_.amount_of(sku));
        dead_.assign(in_.products.size() * in_.resources.size(), 0);
        stock_.assign(in_.num_pastes, 0.0);
        values_.assign(in_.products.size() * in_.resources.size() * rule_count_, 0.0);
        fresh_.assign(in_.products.size() * in_.resources.size(), 0);
        for (int paste = 0; paste < in_.num_pastes; ++paste) refresh_stock(paste);
        storage_excess_ = storage_excess(timeline_);
    }

    // Dispatches until no line can take anything; "stopped" when polled to stop.
    std::string run() {
        while (true) {
            if (options_.should_stop && options_.should_stop()) return "stopped";
            const int line = next_free_line();
            if (line < 0) return {};
            const int sku = choose_sku(line);
            // Refused only for totes while fixed rows still break the limit: retried once it shrinks.
            if (!place(sku, line)) dead(sku, line) = storage_refused_ && storage_excess_ > 0 ? kDeferred : 1;
        }
    }

    const PlantTimeline& timeline() const { return timeline_; }
    std::int64_t left(int sku) const { return left_[sku]; }

private:
    char& dead(int sku, int line) { return dead_[static_cast<std::size_t>(sku) * in_.resources.size() + line]; }
    bool live(int sku, int line) { return left_[sku] > 0 && !dead(sku, line); }

    // The line free first among those that still have a SKU to run.
    int next_free_line() {
        int best = -1;
        for (int line = in_.num_mixers; line < static_cast<int>(in_.resources.size()); ++line) {
            if (best >= 0 && free_at_[line] >= free_at_[best]) continue;
            for (int sku = in_.num_pastes; sku < static_cast<int>(in_.products.size()); ++sku)
                if (in_.eligible(sku, line) && live(sku, line)) { best = line; break; }
        }
        return best;
    }

    DispatchView view(int sku, int line) const {
        return DispatchView{in_, sku, line, previous_[line], free_at_[line], left_[sku], stock_[in_.products[sku].paste]};
    }

    // The seed's score: weighted rule values on one scale, plus the resource
    // selection penalty of taking this line rather than the SKU's best one.
    // A (SKU, line)'s values change only when that line, that SKU or its
    // paste's stock does (place() marks them), so they are cached.
    int choose_sku(int line) {
        scores_.clear();
        std::vector<int>& candidates = candidates_;
        candidates.clear();
        // While fixed rows (or initial stock) still break the tote limit, the
        // SKUs whose paste is in stock come first: using it up repairs it.
        auto stocked = [&](int sku) { return stock_[in_.products[sku].paste] > 1e-6; };
        bool stocked_first = false;
        if (storage_excess_ > 0)
            for (int sku = in_.num_pastes; sku < static_cast<int>(in_.products.size()) && !stocked_first; ++sku)
                stocked_first = in_.eligible(sku, line) && live(sku, line) && stocked(sku);
        for (int sku = in_.num_pastes; sku < static_cast<int>(in_.products.size()); ++sku) {
            if (!in_.eligible(sku, line) || !live(sku, line) || (stocked_first && !stocked(sku))) continue;
            candidates.push_back(sku);
            for (int other : in_.products[sku].eligible)
                if (live(sku, other)) scores_.add(sku, other, values(sku, other));
        }
        scores_.normalise();
        int best = -1;
        double best_total = 0;
        int best_ready = 0;
        for (int sku : candidates) {
            const double total = scores_.total(sku, line);
            // The ready-first pass: the stocked SKU its paste lets start first (max_hold counted).
            const int ready = stocked_first && ready_first_ ? ready_time(sku, free_at_[line]) : 0;
            const int key = ready < 0 ? std::numeric_limits<int>::max() : ready;
            if (best < 0 || key < best_ready || (key == best_ready && total < best_total - 1e-12)) {
                best = sku;
                best_total = total;
                best_ready = key;
            }
        }
        return best;
    }

    const double* values(int sku, int line) {
        const std::size_t at = static_cast<std::size_t>(sku) * in_.resources.size() + line;
        double* out = &values_[at * rule_count_];
        if (!fresh_[at]) {
            rule_values(options_.rules, view(sku, line), out);
            fresh_[at] = 1;
        }
        return out;
    }
    void forget_line(int line) {
        for (std::size_t p = 0; p < in_.products.size(); ++p) fresh_[p * in_.resources.size() + line] = 0;
    }
    void forget_sku(int sku) {
        std::fill_n(fresh_.begin() + static_cast<std::ptrdiff_t>(sku * in_.resources.size()), in_.resources.size(), 0);
    }

    // The SKU's remaining demand (or the biggest piece a gap takes) at the
    // line's earliest slot once its paste is made: a paste short in stock
    // gets its whole remaining campaign first (paste_campaign.hpp); a later
    // start or a smaller piece when that does not work out. False: not on this line.
    bool place(int sku, int line) {
        const int paste = in_.products[sku].paste;
        const int deadline = in_.deadline(sku);
        int earliest = free_at_[line];
        std::int64_t cap = left_[sku];
        storage_refused_ = false;
        if (storage_excess_ > 0) {
            // Repairing the tote limit: paste already made (by fixed rows) is
            // used from when it is there, not stepped towards (the steps
            // below double and overshoot the window before the limit breaks).
            fill_ledger(timeline_, paste, ledger_);
            const int ready = ledger_.profile().earliest_for(static_cast<double>(cap) / in_.products[sku].units_per_lb);
            earliest = std::max(earliest, ready);
            if (ready_first_)
                if (const int held = ready_time(sku, free_at_[line]); held >= 0) earliest = std::max(free_at_[line], held);
        }
        int step = 1;
        for (int attempt = 0; attempt < 24 && earliest < deadline; ++attempt) {
            std::int64_t amount = std::min(cap, left_[sku]);
            std::vector<int> rows;
            int start = earliest;
            const double need = static_cast<double>(amount) / in_.products[sku].units_per_lb;
            if (campaigns_ && need > stock_[paste] + 1e-6 && attempt == 0) {
                double lbs = -stock_[paste];
                for (int s : in_.products[paste].skus) lbs += static_cast<double>(left_[s]) / in_.products[s].units_per_lb;
                const int ready = place_paste_campaign(timeline_, options_.rules, paste, lbs, need - stock_[paste], rows);
                if (ready >= 0) start = std::max(start, ready);
                else { timeline_.remove_rows(rows); rows.clear(); }
            }
            const int row = place_line_row(sku, line, amount, start, deadline, rows);
            const bool supplied = row >= 0 && insertion_.supply_paste(paste, rows).empty();
            const double excess_before = storage_excess_;
            if (supplied && storage_no_worse(timeline_, storage_excess_)) {
                if (ready_first_ && storage_excess_ > 0) shrink_for_totes(row, deadline);
                if (storage_excess_ < excess_before) std::replace(dead_.begin(), dead_.end(), kDeferred, char{0});
                left_[sku] -= timeline_.rows()[row].amount;
                free_at_[line] = std::max(free_at_[line], timeline_.rows()[row].end);
                previous_[line] = sku;
                refresh_stock(paste);
                forget_line(line);
                for (int s : in_.products[paste].skus) forget_sku(s);  // their paste stock changed
                return true;
            }
            storage_refused_ = storage_refused_ || supplied;
            const int tried = row >= 0 ? timeline_.rows()[row].start : start;
            timeline_.remove_rows(rows);
            // Later, when mixers have had time; every other try a smaller piece too.
            const int stepped = std::max(earliest, tried) + step;
            step *= 2;
            earliest = stepped;
            // The ready-first pass: the next time the paste lets the row start, not a doubling step past it.
            if (ready_first_ && storage_excess_ > 0)
                if (const int next = ready_time(sku, tried + 1); next >= 0) earliest = std::min(stepped, next);
            if (attempt % 2 == 1) cap = std::max<std::int64_t>(1, amount / 2);
        }
        return false;
    }

    // A line row for `amount` units (or the biggest piece the first gap
    // takes) starting at `earliest` or later, appended to `rows`; its index, or -1.
    int place_line_row(int sku, int line, std::int64_t amount, int earliest, int deadline, std::vector<int>& rows) {
        auto slot = timeline_.earliest_slot(line, sku, in_.work(sku, line, amount), earliest, deadline);
        if (!slot) {
            auto fit = timeline_.first_fit(line, sku, 1, earliest, deadline);
            if (!fit) return -1;
            amount = std::min<std::int64_t>(
                amount, static_cast<std::int64_t>(std::floor(fit->first * in_.option(sku, line)->rate + 1e-9)));
            if (amount <= 0) return -1;
            slot = timeline_.earliest_slot(line, sku, in_.work(sku, line, amount), earliest, deadline);
            if (!slot) return -1;
        }
        rows.push_back(timeline_.insert_row(Row{line, sku, amount, 0, 0}, *slot));
        return rows.back();
    }

    // The ready-first pass, while the limit is still broken: a line row holds
    // the paste it takes until it ends, so a shorter row that ends before the
    // limit breaks may repair more than the whole demand in one row (the
    // third sweep's case027, review instance at 168: one 47-h row held a fixed
    // lot past the next lot's arrival; two rows did not). Halves the row while
    // that lowers the tote-hours over the limit; the rest goes in later rows.
    void shrink_for_totes(int row, int deadline) {
        const std::int64_t full = timeline_.rows()[row].amount;
        std::int64_t best = full;
        double best_excess = storage_excess_;
        for (std::int64_t amount = full / 2; amount >= 1; amount /= 2) {
            if (!timeline_.can_resize(row, amount, deadline)) break;
            timeline_.resize(row, amount);
            const double excess = storage_excess(timeline_);
            if (excess < best_excess - 1e-9) {
                best = amount;
                best_excess = excess;
            }
        }
        if (timeline_.rows()[row].amount != best) timeline_.resize(row, best);
        storage_excess_ = best_excess;
    }

    // The first time >= from (from itself or a lot's making) at which a row of
    // the SKU's whole remaining demand finds its paste with max_hold counted
    // (the stock profile sets max_hold aside: with a short max_hold, aged
    // initial stock looks usable); -1 if none.
    int ready_time(int sku, int from) {
        const int paste = in_.products[sku].paste;
        const double lbs = static_cast<double>(left_[sku]) / in_.products[sku].units_per_lb;
        std::vector<int>& times = ready_times_;
        times.assign(1, from);
        for (int k : timeline_.rows_of(paste))
            if (timeline_.rows()[k].end > from) times.push_back(timeline_.rows()[k].end);
        std::sort(times.begin(), times.end());
        times.erase(std::unique(times.begin(), times.end()), times.end());
        for (int t : times) {
            if (t >= in_.deadline(sku)) break;
            fill_ledger(timeline_, paste, ledger_);
            ledger_.add_use(t, lbs);
            if (!ledger_.has_shortage()) return t;
        }
        return -1;
    }

    void refresh_stock(int paste) {
        double lbs = in_.products[paste].initial_stock;
        for (int k : timeline_.rows_of(paste)) lbs += in_.lbs(timeline_.rows()[k]);
        for (int sku : in_.products[paste].skus)
            for (int k : timeline_.rows_of(sku)) lbs -= in_.lbs(timeline_.rows()[k]);
        stock_[paste] = std::max(0.0, lbs);
    }

    const Instance& in_;
    PlantTimeline timeline_;
    CampaignInsertion insertion_;
    const DispatchOptions& options_;
    bool campaigns_;  // a paste short in stock: its whole campaign first (else just in time)
    bool ready_first_;  // repairing a tote limit: the stocked SKU that can start first, at its paste's time
    std::vector<int> ready_times_;
    std::size_t rule_count_ = dispatch_rules().size();
    std::vector<double> values_;  // products x resources x rules: the cached rule values
    std::vector<char> fresh_;     // products x resources: whether values_ holds the current ones
    RuleScores scores_{options_.rules};
    std::vector<int> candidates_;
    std::vector<int> free_at_, previous_;
    std::vector<std::int64_t> left_;
    std::vector<char> dead_;
    std::vector<double> stock_;
    // Tote-hours over the limit: 0 unless fixed rows or initial stock alone break it.
    double storage_excess_ = 0;
    bool storage_refused_ = false;         // the last place() found room and paste, but not totes
    PasteLedger ledger_;
    static constexpr char kDeferred = 2;   // dead_ value: refused for totes, retried when the excess shrinks
};

}  // namespace

namespace {

struct Dispatched {
    GreedyResult result;
    PlanRank rank;
};

Dispatched dispatch_once(const PlantTimeline& calendar, const DispatchOptions& options, bool campaigns,
                         bool ready_first = false) {
    const Instance& instance = calendar.instance();
    Dispatched dispatched;
    GreedyResult& result = dispatched.result;
    Dispatcher dispatcher(calendar, options, campaigns, ready_first);
    const std::string why = dispatcher.run();
    result.stopped = why == "stopped";
    if (result.stopped && !instance.unmet_allowed()) {
        result.failure = "stopped";
        return dispatched;
    }
    if (!instance.unmet_allowed())
        for (int sku = instance.num_pastes; sku < static_cast<int>(instance.products.size()); ++sku)
            if (dispatcher.left(sku) > 0) {
                result.failure = "rules dispatch: SKU " + instance.products[sku].id + ": " +
                                 std::to_string(dispatcher.left(sku)) + " of " +
                                 std::to_string(instance.products[sku].demand) + " units find no line time";
                return dispatched;
            }
    Schedule schedule = dispatcher.timeline().to_schedule();
    const CheckResult check = check_schedule(instance, schedule, CheckOptions{false});
    if (!check.feasible()) {
        result.failure = "rules dispatch broke a rule: " + to_string(check.violations.front());
        return dispatched;
    }
    result.schedule = std::move(schedule);
    result.shortfall = check.objective.shortfall;
    dispatched.rank = {check.objective.shortfall, check.objective.total};
    if (result.shortfall > 0)
        result.failure = "rules dispatch leaves " + std::to_string(static_cast<long long>(std::llround(result.shortfall))) +
                         " units of hard demand short";
    return dispatched;
}

}  // namespace

GreedyResult rules_dispatch(const Instance& instance, const DispatchOptions& options) {
    PlantTimeline calendar(instance);
    if (std::string why = place_calendar_blocks(calendar, options.should_stop); !why.empty()) {
        GreedyResult result;
        result.failure = why;
        result.stopped = why == "stopped";
        return result;
    }
    Dispatched best = dispatch_once(calendar, options, true);
    if ((best.result.schedule && best.result.shortfall == 0) || best.result.stopped) return best.result;
    Dispatched in_time = dispatch_once(calendar, options, false);
    if (!best.result.schedule || (in_time.result.schedule && in_time.rank.better_than(best.rank))) best = std::move(in_time);
    if (best.result.schedule || best.result.stopped || !(storage_excess(calendar) > 0)) return best.result;
    // Fixed rows (or initial stock) break the tote limit and both passes broke
    // it too: once more, the stocked SKU that can start first at the time its
    // paste allows, max_hold counted (the third sweep's fix001b: a review's
    // fixed rows under max_hold 0 and soft demand; the lines waited for the
    // paste of the last fixed row while the one made at 24 aged out).
    for (const bool campaigns : {true, false}) {
        Dispatched ready = dispatch_once(calendar, options, campaigns, true);
        if (ready.result.schedule || ready.result.stopped) return ready.result;
    }
    return best.result;
}

}  // namespace makepack
