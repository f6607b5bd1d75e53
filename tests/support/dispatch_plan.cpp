#include "tests/support/dispatch_plan.hpp"

#include "model/checker.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <tuple>
#include <vector>

namespace makepack::dispatch {

namespace {

constexpr double kEps = 1e-6;  // lbs
constexpr int kRetryStepHours = 24;   // a group that breaks material or storage: its mixers start a day later
constexpr int kMinChunkHours = 4;     // a split SKU row packs at least this long (or the rest)

struct Span {
    int start = 0;
    int end = 0;
};

// Busy clock time of one resource: calendar blocks, outages, rows with room
// for their changeover. Never overlapping, so sorted by start is sorted by end.
class Timeline {
public:
    void add(int start, int end) {
        auto at = std::lower_bound(spans_.begin(), spans_.end(), start,
                                   [](const Span& s, int t) { return s.start < t; });
        spans_.insert(at, Span{start, end});
    }
    // The earliest interval overlapping [start, end), or nullptr.
    const Span* overlap(int start, int end) const {
        for (const Span& s : spans_) {
            if (s.start >= end) break;
            if (s.end > start) return &s;
        }
        return nullptr;
    }

private:
    std::vector<Span> spans_;
};

std::optional<int> latest_free(const Timeline& busy, int lo, int latest, int duration) {
    for (int s = latest; s >= lo;) {
        const Span* o = busy.overlap(s, s + duration);
        if (!o) return s;
        s = o->start - duration;
    }
    return std::nullopt;
}

std::optional<int> earliest_free(const Timeline& busy, int earliest, int hi, int duration) {
    for (int s = earliest; s <= hi;) {
        const Span* o = busy.overlap(s, s + duration);
        if (!o) return s;
        s = o->end;
    }
    return std::nullopt;
}

// MODEL.md 3: maintenance chains (each as late as its due time allows, so the
// fewest are needed) and one spare block per full period (end of even periods,
// start of odd ones, so two spare blocks sit together and leave long gaps).
bool place_calendar(const Instance& in, std::vector<Timeline>& busy, std::vector<Block>& blocks, std::string& why) {
    const int H = in.horizon;
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r) {
        const Resource& res = in.resources[static_cast<std::size_t>(r)];
        Timeline& t = busy[static_cast<std::size_t>(r)];
        for (const Outage& o : res.calendar.outages) t.add(o.start, o.end);
        if (const auto& m = res.calendar.maintenance; m && m->every > 0 && m->duration > 0) {
            int due = m->first_due();
            for (int guard = 0; due < H && guard <= H; ++guard) {
                const auto s = latest_free(t, 0, std::min(due, H - m->duration), m->duration);
                if (!s) {
                    why = "no room for the maintenance of " + res.id + " due at " + std::to_string(due);
                    return false;
                }
                t.add(*s, *s + m->duration);
                blocks.push_back(Block{r, BlockKind::Maintenance, *s, *s + m->duration});
                due = *s + m->every;
            }
        }
        if (const auto& sp = res.calendar.spare; sp && sp->every > 0 && sp->duration > 0) {
            for (int k = 0; (k + 1) * sp->every <= H; ++k) {
                const int lo = k * sp->every, hi = (k + 1) * sp->every - sp->duration;
                auto s = k % 2 ? earliest_free(t, lo, hi, sp->duration) : latest_free(t, lo, hi, sp->duration);
                if (!s) s = k % 2 ? latest_free(t, lo, hi, sp->duration) : earliest_free(t, lo, hi, sp->duration);
                if (!s) {
                    why = "no room for the spare capacity of " + res.id + " in [" + std::to_string(lo) + ", " +
                          std::to_string(hi + sp->duration) + ")";
                    return false;
                }
                t.add(*s, *s + sp->duration);
                blocks.push_back(Block{r, BlockKind::SpareCapacity, *s, *s + sp->duration});
            }
        }
    }
    return true;
}

struct Fit {
    int start = 0;
    int work = 0;
};

// The earliest start >= lb at which at least min_work hours of work, then
// `co` hours of changeover, fit on r with the work ending by `deadline` and
// everything by the horizon; at that start, the most work (a multiple of
// `step`, at most max_work) that still fits.
std::optional<Fit> fit_chunk(const Instance& in, const Timeline& busy, int r, int lb, int min_work, int max_work,
                             int step, int co, int deadline) {
    const int H = in.horizon;
    auto fits = [&](int t, int work) {
        const int end = in.end_after(r, t, work);
        const int co_end = in.end_after(r, end, co);
        return end <= deadline && co_end <= H && !busy.overlap(t, co_end);
    };
    for (int t = std::max(0, lb); t < H;) {
        const int end = in.end_after(r, t, min_work);
        if (end > deadline) return std::nullopt;
        const int co_end = in.end_after(r, end, co);
        if (co_end > H) return std::nullopt;
        if (const Span* o = busy.overlap(t, co_end)) {
            t = o->end;
            continue;
        }
        int lo = min_work / step, hi = max_work / step;
        while (lo < hi) {
            const int mid = (lo + hi + 1) / 2;
            if (fits(t, mid * step)) lo = mid;
            else hi = mid - 1;
        }
        return Fit{t, lo * step};
    }
    return std::nullopt;
}

struct Lot {
    int time = 0;
    double lbs = 0;
};

struct Use {
    int start = 0;
    int end = 0;
    double lbs = 0;
};

// FIFO replay of one paste (MODEL.md 4, 9.6, 9.7): lots enter at their time,
// a use takes the oldest lots at its start after scrapping those older than
// max_hold. False on a shortage; scraps are returned for the storage count.
bool replay(const Instance& in, int paste, std::vector<Lot> lots, std::vector<Use> uses, std::vector<Lot>& scraps) {
    const Product& p = in.products[static_cast<std::size_t>(paste)];
    if (p.initial_stock > 0) lots.push_back(Lot{0, p.initial_stock});
    std::sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) { return a.time < b.time; });
    std::sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) { return a.start < b.start; });
    std::deque<Lot> stock;
    std::size_t next = 0;
    for (const Use& use : uses) {
        while (next < lots.size() && lots[next].time <= use.start) stock.push_back(lots[next++]);
        while (p.max_hold && !stock.empty() && use.start - stock.front().time > *p.max_hold) {
            scraps.push_back(Lot{use.start, stock.front().lbs});
            stock.pop_front();
        }
        double need = use.lbs;
        while (need > kEps && !stock.empty()) {
            const double take = std::min(need, stock.front().lbs);
            need -= take;
            stock.front().lbs -= take;
            if (stock.front().lbs <= kEps) stock.pop_front();
        }
        if (need > kEps) return false;
    }
    return true;
}

enum class Order {
    Due,      // earliest hard deadline, then due date (MODEL.md 5), then id
    Size,     // most paste first
    Johnson,  // Johnson's rule for a two-stage flow shop: groups that mix faster than they
              // pack first (shortest mixing first), then the rest (longest packing first)
};

struct Variant {
    const char* name;
    bool by_sku;    // a group is one SKU (its own mixer rows) instead of a paste with all its SKUs
    Order order;
    int max_rows;   // line rows per SKU (1 = never split)
    int spread;     // a paste's batches go to at most this many rows at once, so mixers make it side by side
};

constexpr Variant kVariants[] = {
    {"paste-due", false, Order::Due, 1, 3},
    {"paste-due-split", false, Order::Due, 4, 3},
    {"paste-johnson", false, Order::Johnson, 4, 2},
    {"paste-johnson-one-mixer", false, Order::Johnson, 4, 1},
    {"sku-johnson", true, Order::Johnson, 4, 1},
    {"sku-due-split", true, Order::Due, 4, 2},
    {"paste-size-split", false, Order::Size, 4, 3},
};

struct State {
    std::vector<Timeline> busy;
    std::vector<Row> rows;
    std::vector<std::vector<Lot>> lots;  // per paste
    std::vector<std::vector<Use>> uses;  // per paste
};

enum class Outcome { Placed, Retry, Fail };

class Dispatcher {
public:
    Dispatcher(const Instance& in, const Variant& v) : in_(in), v_(v), H_(in.horizon) {
        for (int p = 0; p < static_cast<int>(in.products.size()); ++p) {
            // Room for the longest changeover that can follow, so any later
            // neighbour on the resource fits (MODEL.md 9.2).
            int longest = in.changeover(p, -1);
            const int first = p < in.num_pastes ? 0 : in.num_pastes;
            const int last = p < in.num_pastes ? in.num_pastes : static_cast<int>(in.products.size());
            for (int q = first; q < last; ++q) longest = std::max(longest, in.changeover(p, q));
            max_out_.push_back(longest);
        }
    }

    std::optional<Schedule> run(std::string& why) {
        if (in_.frozen_until > 0 || !in_.fixed_rows.empty() || !in_.fixed_blocks.empty()) {
            why = "fixed rows or blocks (a rolling review) are not supported";
            return std::nullopt;
        }
        s_.busy.resize(in_.resources.size());
        s_.lots.resize(static_cast<std::size_t>(in_.num_pastes));
        s_.uses.resize(static_cast<std::size_t>(in_.num_pastes));
        if (!place_calendar(in_, s_.busy, blocks_, why)) return std::nullopt;
        if (in_.storage) {
            paste_totes_.assign(static_cast<std::size_t>(in_.num_pastes), std::vector<int>(static_cast<std::size_t>(H_), 0));
            totes_.assign(static_cast<std::size_t>(H_), 0);
        }
        for (const std::vector<int>& group : groups()) {
            if (place(group, why)) continue;
            if (!in_.demand_soft) return std::nullopt;
            // Soft demand: what does not fit stays unmet, SKU by SKU.
            if (group.size() > 1)
                for (int sku : group) place({sku}, why);
        }
        Schedule schedule;
        schedule.instance_name = in_.name;
        schedule.rows = s_.rows;
        std::sort(schedule.rows.begin(), schedule.rows.end(),
                  [](const Row& a, const Row& b) { return std::tie(a.resource, a.start) < std::tie(b.resource, b.start); });
        schedule.blocks = blocks_;
        return schedule;
    }

private:
    double sku_lbs(int sku) const {
        const Product& p = in_.products[static_cast<std::size_t>(sku)];
        return static_cast<double>(p.demand) / p.units_per_lb;
    }
    int due_key(int sku) const {
        const Product& p = in_.products[static_cast<std::size_t>(sku)];
        return p.due ? *p.due : H_;
    }

    // A group's share of each stage: its hours at the mean speed of its
    // eligible resources, over the stage's resource count.
    double mix_hours(const std::vector<int>& g) const {
        const int paste = in_.products[static_cast<std::size_t>(g.front())].paste;
        const Product& pp = in_.products[static_cast<std::size_t>(paste)];
        double lbs = 0, per_lb = 0;
        for (int s : g) lbs += sku_lbs(s);
        for (int m : pp.eligible)
            per_lb += in_.option(paste, m)->batch_hours / in_.resources[static_cast<std::size_t>(m)].batch_size;
        return lbs * per_lb / static_cast<double>(pp.eligible.size()) / in_.num_mixers;
    }
    double pack_hours(const std::vector<int>& g) const {
        double hours = 0;
        for (int s : g) {
            const Product& sku = in_.products[static_cast<std::size_t>(s)];
            double per_unit = 0;
            for (int l : sku.eligible) per_unit += 1.0 / in_.option(s, l)->rate;
            hours += static_cast<double>(sku.demand) * per_unit / static_cast<double>(sku.eligible.size());
        }
        return hours / in_.num_lines();
    }

    // Groups of SKUs (all of one paste), in the variant's order.
    std::vector<std::vector<int>> groups() const {
        std::vector<std::vector<int>> out;
        for (int p = 0; p < in_.num_pastes; ++p) {
            std::vector<int> skus;
            for (int s : in_.products[static_cast<std::size_t>(p)].skus)
                if (in_.products[static_cast<std::size_t>(s)].demand > 0) skus.push_back(s);
            std::sort(skus.begin(), skus.end(), [&](int a, int b) {
                return std::make_tuple(in_.deadline(a), due_key(a), a) < std::make_tuple(in_.deadline(b), due_key(b), b);
            });
            if (skus.empty()) continue;
            if (v_.by_sku)
                for (int s : skus) out.push_back({s});
            else
                out.push_back(skus);
        }
        auto key = [&](const std::vector<int>& g) {
            double lbs = 0;
            int deadline = H_, due = H_;
            for (int s : g) {
                lbs += sku_lbs(s);
                deadline = std::min(deadline, in_.deadline(s));
                due = std::min(due, due_key(s));
            }
            if (v_.order == Order::Size) return std::make_tuple(-lbs, 0, 0, g.front());
            if (v_.order == Order::Due) return std::make_tuple(0.0, deadline, due, g.front());
            const double mix = mix_hours(g), pack = pack_hours(g);
            return mix < pack ? std::make_tuple(mix, 0, 0, g.front()) : std::make_tuple(1e18 - pack, 0, 0, g.front());
        };
        std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
        return out;
    }

    // One group, its mixer rows starting at t0, then t0 a day later while
    // material or storage fails.
    bool place(const std::vector<int>& group, std::string& why) {
        for (int t0 = 0; t0 < H_; t0 += kRetryStepHours) {
            State attempt = s_;
            const Outcome o = try_group(group, t0, attempt, why);
            if (o == Outcome::Fail) return false;
            if (o == Outcome::Placed) {
                s_ = std::move(attempt);
                return true;
            }
        }
        return false;
    }

    Outcome try_group(const std::vector<int>& group, int t0, State& st, std::string& why) {
        const int paste = in_.products[static_cast<std::size_t>(group.front())].paste;
        const Product& pp = in_.products[static_cast<std::size_t>(paste)];
        double need = 0;
        for (int s : group) need += sku_lbs(s);
        // Mixers: whole batches on the mixer free first, as many as fit there
        // (at most 1/spread of the paste per row, so several mixers share it).
        double made = 0;
        std::vector<Lot> lots;
        int cap = 0;
        for (int m : pp.eligible)
            cap = std::max(cap, static_cast<int>(std::ceil(need / in_.resources[static_cast<std::size_t>(m)].batch_size)));
        cap = std::max(1, (cap + v_.spread - 1) / v_.spread);
        while (made + kEps < need) {
            std::optional<std::tuple<int, int, int>> best;  // nominal end, start, mixer
            Fit best_fit;
            for (int m : pp.eligible) {
                const double batch = in_.resources[static_cast<std::size_t>(m)].batch_size;
                const int hours = in_.option(paste, m)->batch_hours;
                const int batches = std::min(cap, static_cast<int>(std::ceil((need - made) / batch)));
                const auto fit = fit_chunk(in_, st.busy[static_cast<std::size_t>(m)], m, t0, hours, hours * batches,
                                           hours, max_out_[static_cast<std::size_t>(paste)], H_);
                if (!fit) continue;
                // Where the wanted batches would end if they all fit: prefers
                // early and fast mixers alike.
                const auto key = std::make_tuple(fit->start + hours * batches, fit->start, m);
                if (!best || key < *best) {
                    best = key;
                    best_fit = *fit;
                }
            }
            if (!best) {
                why = "paste " + pp.id + ": no mixer has room for a batch after " + std::to_string(t0);
                return Outcome::Fail;
            }
            const int m = std::get<2>(*best);
            const int hours = in_.option(paste, m)->batch_hours;
            Row row{m, paste, best_fit.work / hours, best_fit.start, 0};
            row.end = in_.row_end(row);
            add_row(st, row);
            made += static_cast<double>(row.amount) * in_.resources[static_cast<std::size_t>(m)].batch_size;
            st.lots[static_cast<std::size_t>(paste)].push_back(Lot{row.end, in_.lbs(row)});
            lots.push_back(Lot{row.end, in_.lbs(row)});
        }
        // Lines: each SKU as early as possible once the group's lots cover it
        // and the SKUs before it (the FIFO replay below has the last word).
        std::sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) { return a.time < b.time; });
        const std::size_t first_new_row = st.rows.size();
        double covered = 0, needed = 0;
        std::size_t next = 0;
        int ready = 0;
        for (int s : group) {
            needed += sku_lbs(s);
            while (covered + kEps < needed && next < lots.size()) {
                covered += lots[next].lbs;
                ready = std::max(ready, lots[next++].time);
            }
            if (!place_sku(st, s, ready, why)) return Outcome::Fail;
        }
        std::vector<Lot> scraps;
        if (!replay(in_, paste, st.lots[static_cast<std::size_t>(paste)], st.uses[static_cast<std::size_t>(paste)], scraps)) {
            why = "paste " + pp.id + ": FIFO stock runs short (max_hold scrapping)";
            return Outcome::Retry;
        }
        if (in_.storage && !storage_fits(st, paste, scraps, first_new_row)) {
            why = "paste " + pp.id + ": storage totes run out";
            return Outcome::Retry;
        }
        return Outcome::Placed;
    }

    bool place_sku(State& st, int s, int ready, std::string& why) {
        const Product& sku = in_.products[static_cast<std::size_t>(s)];
        const int co = max_out_[static_cast<std::size_t>(s)];
        const int deadline = in_.deadline(s);
        std::int64_t remaining = sku.demand;
        for (int rows = 0; remaining > 0; ++rows) {
            // One row for the rest, on the line where it ends first.
            std::optional<std::pair<int, int>> full;  // end, line
            Fit full_fit;
            for (int l : sku.eligible) {
                const int work = in_.work(s, l, remaining);
                const auto fit = fit_chunk(in_, st.busy[static_cast<std::size_t>(l)], l, ready, work, work, 1, co, deadline);
                if (!fit) continue;
                const std::pair<int, int> key{in_.end_after(l, fit->start, work), l};
                if (!full || key < *full) {
                    full = key;
                    full_fit = *fit;
                }
            }
            if (full) {
                add_line_row(st, Row{full->second, s, remaining, full_fit.start, full->first});
                return true;
            }
            if (rows + 1 >= v_.max_rows) {
                why = "SKU " + sku.id + ": no line packs " + std::to_string(remaining) + " units in one row by " +
                      std::to_string(deadline);
                return false;
            }
            // Split: the earliest gap of kMinChunkHours or more, filled.
            std::optional<std::tuple<int, std::int64_t, int>> part;  // start, -units, line
            for (int l : sku.eligible) {
                const double rate = in_.option(s, l)->rate;
                const int work = in_.work(s, l, remaining);
                const int min_work = std::max(1, std::min(kMinChunkHours, work - 1));
                const auto fit = fit_chunk(in_, st.busy[static_cast<std::size_t>(l)], l, ready, min_work, work - 1, 1,
                                           co, deadline);
                if (!fit) continue;
                std::int64_t units = std::min<std::int64_t>(remaining, static_cast<std::int64_t>(std::floor(fit->work * rate)));
                while (units > 0 && in_.work(s, l, units) > fit->work) --units;
                if (units <= 0) continue;
                const auto key = std::make_tuple(fit->start, -units, l);
                if (!part || key < *part) part = key;
            }
            if (!part) {
                why = "SKU " + sku.id + ": no line has room for its " + std::to_string(remaining) + " units by " +
                      std::to_string(deadline);
                return false;
            }
            const auto [start, minus_units, l] = *part;
            Row row{l, s, -minus_units, start, 0};
            row.end = in_.row_end(row);
            add_line_row(st, row);
            remaining += minus_units;
        }
        return true;
    }

    void add_row(State& st, const Row& row) {
        const int co_end = in_.end_after(row.resource, row.end, max_out_[static_cast<std::size_t>(row.product)]);
        st.busy[static_cast<std::size_t>(row.resource)].add(row.start, co_end);
        st.rows.push_back(row);
    }

    void add_line_row(State& st, const Row& row) {
        add_row(st, row);
        const int paste = in_.products[static_cast<std::size_t>(row.product)].paste;
        st.uses[static_cast<std::size_t>(paste)].push_back(Use{row.start, row.end, in_.lbs(row)});
    }

    // MODEL.md 4: sum over pastes of ceil(held / tote_capacity) plus the static
    // totes of running lines, at every hour. Only `paste` and the rows from
    // first_new_row changed; on success the tote counts are committed.
    bool storage_fits(const State& st, int paste, const std::vector<Lot>& scraps, std::size_t first_new_row) {
        const Storage& storage = *in_.storage;
        std::vector<double> diff(static_cast<std::size_t>(H_) + 1, 0);
        const Product& pp = in_.products[static_cast<std::size_t>(paste)];
        if (pp.initial_stock > 0) diff[0] += pp.initial_stock;
        auto at = [&](int t) -> double& { return diff[static_cast<std::size_t>(std::clamp(t, 0, H_))]; };
        for (const Lot& lot : st.lots[static_cast<std::size_t>(paste)]) at(lot.time) += lot.lbs;
        for (const Use& use : st.uses[static_cast<std::size_t>(paste)]) at(use.end) -= use.lbs;
        for (const Lot& scrap : scraps) at(scrap.time) -= scrap.lbs;
        std::vector<int> totes(static_cast<std::size_t>(H_), 0), running(static_cast<std::size_t>(H_) + 1, 0);
        for (std::size_t i = first_new_row; i < st.rows.size(); ++i) {
            const Row& row = st.rows[i];
            if (in_.is_mixer(row.resource)) continue;
            running[static_cast<std::size_t>(std::clamp(row.start, 0, H_))] += storage.static_totes_per_running_line;
            running[static_cast<std::size_t>(std::clamp(row.end, 0, H_))] -= storage.static_totes_per_running_line;
        }
        double held = 0;
        int statics = 0;
        std::vector<int>& old = paste_totes_[static_cast<std::size_t>(paste)];
        for (int t = 0; t < H_; ++t) {
            held += diff[static_cast<std::size_t>(t)];
            statics += running[static_cast<std::size_t>(t)];
            totes[static_cast<std::size_t>(t)] =
                held > kEps ? static_cast<int>(std::ceil(held / storage.tote_capacity - 1e-9)) : 0;
            const int total = totes_[static_cast<std::size_t>(t)] - old[static_cast<std::size_t>(t)] +
                              totes[static_cast<std::size_t>(t)] + statics;
            if (total > storage.totes) return false;
        }
        statics = 0;
        for (int t = 0; t < H_; ++t) {
            statics += running[static_cast<std::size_t>(t)];
            totes_[static_cast<std::size_t>(t)] += totes[static_cast<std::size_t>(t)] - old[static_cast<std::size_t>(t)] + statics;
        }
        old = std::move(totes);
        return true;
    }

    const Instance& in_;
    const Variant& v_;
    const int H_;
    std::vector<int> max_out_;  // per product: longest changeover after it
    State s_;
    std::vector<Block> blocks_;
    std::vector<std::vector<int>> paste_totes_;  // per paste, per hour
    std::vector<int> totes_;                     // all pastes + static totes, per hour
};

std::int64_t units_packed(const Instance& in, const Schedule& schedule) {
    std::vector<std::int64_t> produced(in.products.size(), 0);
    for (const Row& row : schedule.rows)
        if (!in.is_mixer(row.resource)) produced[static_cast<std::size_t>(row.product)] += row.amount;
    std::int64_t met = 0;
    for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s)
        met += std::min(produced[static_cast<std::size_t>(s)], in.products[static_cast<std::size_t>(s)].demand);
    return met;
}

}  // namespace

DispatchResult dispatch_plan(const Instance& instance) {
    DispatchResult result;
    std::int64_t best_units = -1;
    for (const Variant& variant : kVariants) {
        std::string why;
        std::optional<Schedule> plan = Dispatcher(instance, variant).run(why);
        if (!plan) {
            result.failure += (result.failure.empty() ? "" : "; ") + std::string(variant.name) + ": " + why;
            continue;
        }
        const CheckResult check = check_schedule(instance, *plan);
        if (!check.feasible()) {  // a bug in this construction, not in the instance
            ++result.rejected;
            result.failure += (result.failure.empty() ? "" : "; ") + std::string(variant.name) + ": the checker rejects the plan: " +
                             (check.violations.empty() ? std::string("?") : to_string(check.violations.front()));
            continue;
        }
        const std::int64_t units = units_packed(instance, *plan);
        if (units > best_units) {
            best_units = units;
            result.schedule = std::move(plan);
            result.variant = variant.name;
        }
        // Hard demand: any plan meets it. Soft: keep the one packing the most.
        if (!instance.demand_soft) break;
    }
    if (result.schedule) result.failure.clear();
    return result;
}

}  // namespace makepack::dispatch
