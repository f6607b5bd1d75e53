// One paste's stock over time (MODEL.md 4, 9.6-9.8): the lots made and the
// paste taken, FIFO use, max_hold scrapping. The one walk of paste stock:
// the checker's material rule, the KPIs and every heuristic that asks
// "is there paste?" replay a PasteLedger.
#pragma once

#include "model/instance.hpp"
#include "model/tolerance.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <tuple>
#include <vector>

namespace makepack {

// What a replay adds up.
struct LedgerTotals {
    double holding = 0;       // lb-hours from making to use, scrapping or horizon end
    double scrap_lbs = 0;     // lots removed by max_hold
    double short_lbs = 0;     // paste uses wanted beyond the stock (0 when supplied)
    double leftover_lbs = 0;  // in stock at the end
};

// Paste in stock over time, max_hold aside: after all events at each time.
// Answers where a new use of paste fits without leaving a later use short.
class StockProfile {
public:
    // Paste a new use at `t` can take with every later use still covered:
    // min(stock at t, every later level).
    double free_at(int t) const;
    // Earliest event time from which `lbs` is free (within kLbsSlack); -1 if never.
    int earliest_for(double lbs) const;

private:
    friend class PasteLedger;
    std::vector<int> times_;
    std::vector<double> level_;       // stock after all events at times_[k]
    std::vector<double> suffix_min_;  // min of level_[k..]
};

class PasteLedger {
public:
    struct Event {
        int time;
        std::uint8_t kind;  // 0 = lot made, 1 = use: made at t is usable at t (MODEL.md 9.6)
        double lbs;
        int tag;            // the caller's name for a use (e.g. a row index), -1 none
    };

    // Empties the ledger for `paste`: its initial stock is a lot made at 0.
    void reset(const Product& paste) {
        events_.clear();
        max_hold_ = paste.max_hold;
        if (paste.initial_stock > 0) add_lot(0, paste.initial_stock);
    }
    // Lots and uses may come in any order; equal times keep no promised order.
    void add_lot(int made, double lbs) { add({made, 0, lbs, -1}); }
    void add_use(int time, double lbs, int tag = -1) { add({time, 1, lbs, tag}); }
    bool empty() const { return events_.empty(); }

    // The FIFO walk. At each use, lots older than max_hold are scrapped first
    // (age == max_hold is usable); a use that needs more than the stock plus
    // lbs_tolerance is short and takes what there is. Lots left at the end
    // are held until `horizon`. The visitor may have any of:
    //   void scrapped(int time, double lbs)   lots scrapped at a use at `time`
    //   bool short_of(const Event& use, double need, double stock)
    //                                         false stops the walk there
    //   void level(int time, double stock)    after all events at `time`
    template <class Visitor>
    LedgerTotals replay(Visitor& visitor, int horizon = 0);
    LedgerTotals replay(int horizon = 0) {
        struct None {} none;
        return replay(none, horizon);
    }

    // The queries the heuristics ask.
    struct Shortage {
        int time = 0;
        double lbs = 0;
    };
    // Every short use, by time, with what it lacks.
    void shortages(std::vector<Shortage>& out);
    bool has_shortage();
    StockProfile profile() const;

private:
    struct Lot {
        int made;
        double lbs;
    };
    void add(const Event& event) { events_.push_back(event); }
    // By time, lots before uses. Not stable: equal events are summed in
    // whatever order the sort leaves them (the sums differ by rounding only).
    void sort_events() {
        std::sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
            return std::tie(a.time, a.kind) < std::tie(b.time, b.kind);
        });
    }

    std::vector<Event> events_;
    std::vector<Lot> lots_;  // replay's scratch, kept between fills
    std::optional<int> max_hold_;
};

template <class Visitor>
LedgerTotals PasteLedger::replay(Visitor& visitor, int horizon) {
    sort_events();
    LedgerTotals totals;
    // Lots are appended in making order, so the oldest is always at `head`.
    std::vector<Lot>& lots = lots_;
    lots.clear();
    std::size_t head = 0;
    double stock = 0;
    for (std::size_t e = 0; e < events_.size(); ++e) {
        const Event& event = events_[e];
        const int t = event.time;
        if (event.kind == 0) {
            lots.push_back({t, event.lbs});
            stock += event.lbs;
        } else {
            if (max_hold_) {
                double scrapped = 0;
                while (head < lots.size() && static_cast<long long>(t) - lots[head].made > *max_hold_) {
                    scrapped += lots[head].lbs;
                    totals.holding += lots[head].lbs * (static_cast<double>(t) - lots[head].made);
                    ++head;
                }
                if (scrapped > 0) {
                    totals.scrap_lbs += scrapped;
                    if constexpr (requires { visitor.scrapped(t, scrapped); }) visitor.scrapped(t, scrapped);
                    stock = 0;
                    for (std::size_t i = head; i < lots.size(); ++i) stock += lots[i].lbs;  // no drift from subtraction
                }
            }
            const double need = event.lbs;
            if (need > stock + lbs_tolerance(std::max(need, stock))) {
                totals.short_lbs += need - std::max(stock, 0.0);
                if constexpr (requires { visitor.short_of(event, need, stock); })
                    if (!visitor.short_of(event, need, stock)) return totals;
            }
            double remaining = need;
            while (remaining > 0 && head < lots.size()) {
                Lot& lot = lots[head];
                const double take = std::min(remaining, lot.lbs);
                totals.holding += take * (static_cast<double>(t) - lot.made);
                remaining -= take;
                stock -= take;
                if (take == lot.lbs) ++head;
                else lot.lbs -= take;
            }
            if (head == lots.size()) stock = 0;
        }
        if constexpr (requires { visitor.level(t, stock); })
            if (e + 1 == events_.size() || events_[e + 1].time != t) visitor.level(t, stock);
    }
    for (std::size_t i = head; i < lots.size(); ++i) {
        totals.leftover_lbs += lots[i].lbs;
        totals.holding += lots[i].lbs * std::max(0.0, static_cast<double>(horizon) - lots[i].made);
    }
    return totals;
}

}  // namespace makepack
