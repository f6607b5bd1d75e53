#include "heuristics/pipelined_start.hpp"

#include "heuristics/free_time.hpp"
#include "heuristics/storage_guard.hpp"
#include "model/paste_ledger.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <set>

namespace makepack {

bool pipelined_start_applies(const Instance& instance) {
    // Every rule is kept: storage (each row kept only where the totes hold),
    // max_hold (mixer rows end within it of their line rows, and every row's
    // paste is checked as the material rule takes it: shortfall), a frozen
    // past (nothing new before frozen_until, fixed rows' paste in stock and
    // their units packed). Hard demand only in the search's relaxed copy
    // (solve.cpp: where the start cannot pack it all), where a plan short of
    // units is a plan.
    return instance.unmet_allowed();
}

namespace {

// A share of one SKU's demand given to one line.
struct Piece {
    int sku = -1;
    std::int64_t units = 0;
    std::int64_t required = 0;  // of `units`, what min_fill makes hard
};

// Working hours of a resource from `from` to the horizon not taken by its items.
double free_hours(const PlantTimeline& timeline, int resource, int from = 0) {
    const Instance& in = timeline.instance();
    const WorkingTime& working = in.resources[resource].working;
    double hours = static_cast<double>(working.at(in.horizon) - working.at(from));
    for (const TimelineItem& item : timeline.items(resource))
        if (item.end > from)
            hours -= static_cast<double>(working.at(std::min(item.end, in.horizon)) - working.at(std::max(item.start, from)));
    return std::max(0.0, hours);
}

class Pipeline {
public:
    Pipeline(const PlantTimeline& calendar, const PipelineVariant& variant)
        : in_(calendar.instance()), variant_(variant), timeline_(calendar) {}

    std::optional<Schedule> build(const std::function<bool()>& should_stop) {
        lift_line_spares();
        ledgers_.assign(static_cast<std::size_t>(in_.num_pastes), {});
        lot_times_.assign(static_cast<std::size_t>(in_.num_pastes), {});
        for (int p = 0; p < in_.num_pastes; ++p) {
            ledgers_[p].reset(in_.products[p]);
            if (in_.products[p].initial_stock > 0) lot_times_[p].push_back(0);
        }
        // Fixed rows (a review's frozen past): their lots and uses, their units packed.
        packed_.assign(static_cast<std::size_t>(in_.products.size()), 0);
        for (const Row& row : in_.fixed_rows) {
            const Product& product = in_.products[row.product];
            if (in_.is_mixer(row.resource))
                add_lot(row.product, static_cast<double>(row.amount) * in_.resources[row.resource].batch_size, row.end);
            else
                consume(product.paste, static_cast<double>(row.amount) / product.units_per_lb, row.start), packed_[row.product] += row.amount;
        }
        allocate();
        storage_excess_ = in_.storage ? storage_excess(timeline_) : 0;
        // The line whose rows are placed furthest back goes next, so the
        // mixers are asked for paste in the order the lines need it.
        for (;;) {
            if (should_stop && should_stop()) break;
            int next = -1;
            for (int l = 0; l < in_.num_lines(); ++l)
                if (!lines_[l].pieces.empty() && (next < 0 || lines_[l].cursor < lines_[next].cursor)) next = l;
            if (next < 0) break;
            if (!place_next(next)) return std::nullopt;
        }
        for (int l = 0; l < in_.num_lines(); ++l)
            if (!close_spares(l, in_.horizon)) return std::nullopt;
        return timeline_.to_schedule();
    }

private:
    struct LineState {
        int cursor = 0;       // end of the last row's changeover (or block) placed here (frozen_until at first)
        int next_period = 0;  // first spare-capacity period without its block
        std::set<int> fixed_periods;  // periods whose spare block is fixed (a review's frozen past)
        std::deque<Piece> pieces;
    };

    int line_resource(int l) const { return in_.num_mixers + l; }

    // The lines' spare blocks are placed with the rows (a block goes where
    // the rows leave room in its period), so a row may span a period's end.
    // A fixed spare block (a review's frozen past) stays where it is, and its
    // period needs no other.
    void lift_line_spares() {
        lines_.assign(static_cast<std::size_t>(in_.num_lines()), {});
        for (int l = 0; l < in_.num_lines(); ++l) {
            const int r = line_resource(l);
            timeline_.remove_blocks(r, BlockKind::SpareCapacity);
            std::vector<Block> fixed;
            for (const Block& block : in_.fixed_blocks)
                if (block.resource == r && block.kind == BlockKind::SpareCapacity) fixed.push_back(block);
            std::sort(fixed.begin(), fixed.end(), [](const Block& a, const Block& b) { return a.start < b.start; });
            timeline_.add_blocks(r, fixed);
            if (const auto& spare = in_.resources[r].calendar.spare; spare && spare->every > 0)
                for (const Block& block : fixed) lines_[l].fixed_periods.insert(block.start / spare->every);
            lines_[l].cursor = in_.frozen_until;
            skip_fixed_periods(l);
        }
    }

    // Moves the line's next period past those whose spare block is fixed.
    void skip_fixed_periods(int l) {
        LineState& line = lines_[l];
        while (line.fixed_periods.count(line.next_period)) ++line.next_period;
    }

    // Which SKU units go to which line: SKUs by price per bottleneck hour,
    // each to the emptiest eligible line, split only where that line is full.
    void allocate() {
        const int lines = in_.num_lines();
        std::vector<double> left(static_cast<std::size_t>(lines));
        double line_hours = 0, mixer_hours = 0;
        for (int l = 0; l < lines; ++l) line_hours += left[l] = free_hours(timeline_, line_resource(l), in_.frozen_until);
        for (int m = 0; m < in_.num_mixers; ++m) mixer_hours += free_hours(timeline_, m, in_.frozen_until);
        // Hours per unit on each stage (averaged over the eligible resources).
        const int skus = in_.num_skus();
        std::vector<double> line_per_unit(skus, 0), mixer_per_unit(skus, 0);
        double line_need = 0, mixer_need = 0;
        for (int k = 0; k < skus; ++k) {
            const int s = in_.num_pastes + k;
            const Product& sku = in_.products[s];
            double rate = 0;
            int n = 0;
            for (int r : sku.eligible) rate += in_.option(s, r)->rate, ++n;
            line_per_unit[k] = n ? n / rate : 0;
            double per_lb = 0;
            n = 0;
            for (int m : in_.products[sku.paste].eligible)
                per_lb += in_.option(sku.paste, m)->batch_hours / in_.resources[m].batch_size, ++n;
            mixer_per_unit[k] = n ? per_lb / n / sku.units_per_lb : 0;
            line_need += line_per_unit[k] * static_cast<double>(sku.demand);
            mixer_need += mixer_per_unit[k] * static_cast<double>(sku.demand);
        }
        // A stage's hours weigh by its load (squared: the bottleneck decides).
        const double line_load = line_hours > 0 ? line_need / line_hours : 1;
        const double mixer_load = mixer_hours > 0 ? mixer_need / mixer_hours : 1;
        std::vector<int> order(skus);
        std::vector<double> score(skus);
        for (int k = 0; k < skus; ++k) {
            order[k] = k;
            const double use = line_per_unit[k] / std::max(line_hours, 1.0) * line_load * line_load +
                               mixer_per_unit[k] / std::max(mixer_hours, 1.0) * mixer_load * mixer_load;
            // Hard demand (the relaxed copy): every unit short weighs the same.
            const double price = in_.demand_soft ? in_.unmet_penalty(in_.num_pastes + k) : 1.0;
            score[k] = price / std::max(use, 1e-12);
        }

        if (variant_.by_price)
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return score[a] > score[b]; });
        double mixer_left = mixer_hours;
        // Two passes: the units that must be packed (min_fill) of every SKU
        // first, then the rest of the demand, each in the order above.
        std::vector<std::int64_t> given(static_cast<std::size_t>(skus), 0);
        for (int pass = 0; pass < 2; ++pass)
        for (int k : order) {
            const int s = in_.num_pastes + k;
            const Product& sku = in_.products[s];
            const std::int64_t wanted = pass == 0 ? in_.required_units(s) : sku.demand;
            std::int64_t units = std::max<std::int64_t>(0, wanted - packed_[s] - given[k]);
            given[k] += units;  // what this pass could not place stays unmet either way
            while (units > 0) {
                int best = -1;
                for (int r : sku.eligible) {
                    const int l = r - in_.num_mixers;
                    if (best < 0 || left[l] > left[best]) best = l;
                }
                if (best < 0) break;
                const int r = line_resource(best);
                const double rate = in_.option(s, r)->rate;
                const double hours = left[best] - in_.changeover(s, -1);
                if (hours < kMinRowHours) break;
                std::int64_t take = std::min<std::int64_t>(units, static_cast<std::int64_t>(std::floor(hours * rate)));
                if (mixer_per_unit[k] > 0)
                    take = std::min<std::int64_t>(take, static_cast<std::int64_t>(std::floor(mixer_left / mixer_per_unit[k])));
                if (take <= 0) break;
                auto& pieces = lines_[best].pieces;
                auto same = std::find_if(pieces.begin(), pieces.end(), [&](const Piece& p) { return p.sku == s; });
                const std::int64_t required = pass == 0 ? take : 0;
                if (same != pieces.end()) same->units += take, same->required += required;
                else pieces.push_back({s, take, required});
                left[best] -= in_.work(s, r, take) + in_.changeover(s, -1);
                mixer_left -= mixer_per_unit[k] * static_cast<double>(take);
                units -= take;
            }
        }
        // The rows that need the least paste per line hour first: the lines
        // start on them while the mixers build stock for the others.
        for (int l = 0; l < lines; ++l) {
            const int r = line_resource(l);
            auto intensity = [&](const Piece& p) { return in_.option(p.sku, r)->rate / in_.products[p.sku].units_per_lb; };
            auto& pieces = lines_[l].pieces;
            std::stable_sort(pieces.begin(), pieces.end(),
                             [&](const Piece& a, const Piece& b) { return intensity(a) < intensity(b); });
            // Starter: the first row packs what a few batches make, so the line starts early.
            const int starter = variant_.starter_batches;
            if (starter > 0 && !pieces.empty()) {
                Piece& first = pieces.front();
                const Product& sku = in_.products[first.sku];
                double batch = 0;
                for (int m : in_.products[sku.paste].eligible) batch = std::max(batch, in_.resources[m].batch_size);
                const auto units = static_cast<std::int64_t>(std::floor(starter * batch * sku.units_per_lb));
                if (units > 0 && units < first.units) {
                    const std::int64_t required = std::min(units, first.required);
                    Piece rest{first.sku, first.units - units, first.required - required};
                    first.units = units;
                    first.required = required;
                    pieces.insert(pieces.begin() + 1, rest);
                }
            }
        }
    }

    // Places the spare blocks of the periods whose window closes before
    // `until`, each as early as the line's rows allow, in one insertion (a
    // long horizon has ~10^5 periods); false if one cannot go.
    bool close_spares(int l, int until) {
        LineState& line = lines_[l];
        if (pending_spare_latest(l) >= std::min(until, in_.horizon)) return true;
        const int r = line_resource(l);
        const SpareCapacity& spare = *in_.resources[r].calendar.spare;
        std::vector<Interval> busy;
        for (const TimelineItem& item : timeline_.items(r)) busy.push_back({item.start, item.occupied_end});
        const FreeTime free(std::move(busy));
        std::vector<Block> blocks;
        for (int latest; (latest = pending_spare_latest(l)) < std::min(until, in_.horizon); ++line.next_period, skip_fixed_periods(l)) {
            const int period_start = std::max(line.next_period * spare.every, in_.frozen_until);
            int at = free.earliest_start(std::max(line.cursor, period_start), latest, spare.duration);
            // None after the rows: a wait between rows of the period may hold it.
            if (at < 0) at = free.earliest_start(period_start, latest, spare.duration);
            if (at < 0) return false;
            blocks.push_back(Block{r, BlockKind::SpareCapacity, at, at + spare.duration});
            line.cursor = std::max(line.cursor, at + spare.duration);
        }
        return timeline_.add_blocks(r, blocks);
    }

    // Latest s in [from, latest] with [s, s + length) free on line resource
    // `r`; -1 if none. Only what ends after `from` matters: the items ahead of
    // the rows placed so far (items never overlap, so they end in start order).
    int latest_free_start(int r, int from, int latest, int length) const {
        std::vector<Interval> busy;
        const auto& items = timeline_.items(r);
        for (auto it = items.rbegin(); it != items.rend() && it->occupied_end > from; ++it)
            busy.push_back({it->start, it->occupied_end});
        return FreeTime(std::move(busy)).latest_start(from, latest, length);
    }

    // Places the line's next pending spare block as early as the rows allow.
    bool place_spare_now(int l) { return close_spares(l, pending_spare_latest(l) + 1); }

    // Latest start of the line's next spare block (horizon if none is pending).
    int pending_spare_latest(int l) const {
        const auto& spare = in_.resources[line_resource(l)].calendar.spare;
        if (!spare || spare->duration <= 0 || spare->every <= 0) return in_.horizon;
        const int period_end = (lines_[l].next_period + 1) * spare->every;
        return period_end > in_.horizon ? in_.horizon : period_end - spare->duration;
    }

    // Paste of `lbs` for a row that would start at `wanted`: from stock
    // (lots made or planned), else new mixer rows (make_rows). Returns the
    // earliest start from `wanted` at which the row and every row of the
    // paste placed before still find their paste, or -1.
    int make_paste(int paste, double lbs, int wanted) {
        for (int round = 0;; ++round) {
            // The row could start at `wanted` or when a later lot lands.
            std::vector<int> times{wanted};
            for (int ready : lot_times_[paste])
                if (ready > wanted) times.push_back(ready);
            std::sort(times.begin(), times.end());
            double short_lbs = 0;
            for (int t : times)
                if ((short_lbs = shortfall(paste, t, lbs)) <= 1e-6) return t;
            if (round == 3) return -1;
            const int made_ready = make_rows(paste, short_lbs, wanted);
            if (made_ready < 0) return -1;
            wanted = std::max(wanted, made_ready);
        }
    }

    // Lbs missing when the rows of the paste placed so far and a new one
    // taking `lbs` at `at` take their paste as the material rule does (the
    // paste ledger's walk: in time order, lots older than max_hold scrapped
    // at each use, the oldest lots first).
    double shortfall(int paste, int at, double lbs) const {
        PasteLedger ledger = ledgers_[paste];
        ledger.add_use(at, lbs);
        return ledger.replay().short_lbs;
    }

    // Mixer rows for `lbs` of paste (one mixer, or several when that is ready
    // sooner), their lots put into stock; when the last is ready, or -1.
    int make_rows(int paste, double lbs, int wanted) {
        const std::vector<int>& mixers = in_.products[paste].eligible;
        // One mixer: the one done first.
        // A slower mixer's extra hours per batch count against it (the mixers may bind).
        int fastest = std::numeric_limits<int>::max();
        for (int m : mixers) fastest = std::min(fastest, in_.option(paste, m)->batch_hours);
        auto slowness = [&](int m) { return slow_weight() * (in_.option(paste, m)->batch_hours - fastest); };
        std::optional<Slot> single;
        std::int64_t single_batches = 0;
        double single_cost = 0;
        for (int m : mixers) {
            const std::int64_t n = in_.batches_for(lbs, m);
            auto slot = timeline_.earliest_slot(m, paste, in_.work(paste, m, n), fresh_from(paste, wanted, in_.work(paste, m, n)), in_.horizon);
            if (!slot) continue;
            const double cost = std::max(slot->end, wanted) + slowness(m) * static_cast<double>(n);
            if (!single || cost < single_cost) single = slot, single_batches = n, single_cost = cost;
        }
        // Several: batch by batch to the mixer that would end first.
        std::vector<std::int64_t> share(mixers.size(), 0);
        std::vector<std::optional<Slot>> slots(mixers.size());
        double left = lbs;
        while (left > 1e-6) {
            int pick = -1;
            std::optional<Slot> pick_slot;
            double pick_cost = 0;
            for (std::size_t i = 0; i < mixers.size(); ++i) {
                const int m = mixers[i];
                const int work = in_.work(paste, m, share[i] + 1);
                auto slot = timeline_.earliest_slot(m, paste, work, fresh_from(paste, wanted, work), in_.horizon);
                if (!slot) continue;
                // Another mixer row costs a changeover of the mixers' hours.
                const double cost = slot->end + (share[i] == 0 ? open_penalty() : 0.0) + slowness(m);
                if (!pick_slot || cost < pick_cost) pick = static_cast<int>(i), pick_slot = slot, pick_cost = cost;
            }
            if (pick < 0) break;
            ++share[pick];
            slots[pick] = pick_slot;
            left -= in_.resources[mixers[pick]].batch_size;
        }
        const bool split_ok = left <= 1e-6;
        double split_cost = 0;
        if (split_ok) {
            int split_end = wanted, rows = 0;
            for (std::size_t i = 0; i < mixers.size(); ++i) {
                if (share[i] == 0) continue;
                split_end = std::max(split_end, slots[i]->end);
                ++rows;
                split_cost += slowness(mixers[i]) * static_cast<double>(share[i]);
            }
            split_cost += split_end + open_penalty() * (rows - 1);
        }
        const bool use_single = single && (!split_ok || single_cost <= split_cost);
        if (!use_single && !split_ok) return -1;
        int made_ready = 0;
        auto add = [&](int m, std::int64_t batches, const Slot& slot) {
            timeline_.insert_row(Row{m, paste, batches, 0, 0}, slot);
            add_lot(paste, static_cast<double>(batches) * in_.resources[m].batch_size, slot.end);
            made_ready = std::max(made_ready, slot.end);
        };
        if (use_single) {
            add(single->resource, single_batches, *single);
        } else {
            for (std::size_t i = 0; i < mixers.size(); ++i)
                if (share[i] > 0) add(mixers[i], share[i], *slots[i]);
        }
        return made_ready;
    }

    // Puts a lot into stock (a mixer row's, made or fixed).
    void add_lot(int paste, double lbs, int ready) {
        if (lbs <= 1e-6) return;
        ledgers_[paste].add_lot(ready, lbs);
        lot_times_[paste].push_back(ready);
    }

    // Earliest start of a mixer row of `work` hours whose lot is still fresh
    // for a row at `wanted` (frozen_until without max_hold).
    int fresh_from(int paste, int wanted, int work) const {
        const std::optional<int>& max_hold = in_.products[paste].max_hold;
        return max_hold ? std::max(in_.frozen_until, wanted - *max_hold - work) : in_.frozen_until;
    }

    // A placed row takes its paste at its start.
    void consume(int paste, double lbs, int at) { ledgers_[paste].add_use(at, lbs); }

    // Working hours the line still has from `from` to the horizon, less the
    // spare blocks still to place and a changeover.
    double hours_left(int l, int from, int sku) const {
        const int r = line_resource(l);
        double hours = free_hours(timeline_, r, from);
        const auto& spare = in_.resources[r].calendar.spare;
        if (spare && spare->every > 0) {
            const int periods = in_.horizon / spare->every - lines_[l].next_period;
            hours -= std::max(0, periods) * std::max(0, spare->duration - 1);
        }
        return hours - in_.changeover(sku, -1);
    }

    // With a storage limit, a row and the paste made for it are kept only if
    // the totes still hold (storage_guard.hpp, the checker's rule); else the
    // row is tried with half its units, the other half queued after it, and
    // dropped (unmet) below a minimum size.
    bool place_next(int l) {
        if (!in_.storage) return place_front(l);
        const PlantTimeline saved_timeline = timeline_;
        const auto saved_ledgers = ledgers_;
        const auto saved_lot_times = lot_times_;
        const auto saved_lines = lines_;
        for (int attempt = 0;; ++attempt) {
            double excess = storage_excess_;
            if (!place_front(l)) return false;
            if (storage_no_worse(timeline_, excess)) {
                storage_excess_ = excess;
                return true;
            }
            timeline_ = saved_timeline;
            ledgers_ = saved_ledgers;
            lot_times_ = saved_lot_times;
            lines_ = saved_lines;
            Piece& piece = lines_[l].pieces.front();
            const int r = line_resource(l);
            const std::int64_t half = piece.units / 2;
            if (attempt == 3 || in_.work(piece.sku, r, half) < kMinRowHours) {
                lines_[l].pieces.pop_front();
                return true;
            }
            Piece rest{piece.sku, piece.units - half, std::max<std::int64_t>(0, piece.required - half)};
            piece.units = half;
            piece.required = std::min(piece.required, half);
            lines_[l].pieces.insert(lines_[l].pieces.begin() + 1, rest);
        }
    }

    bool place_front(int l) {
        LineState& line = lines_[l];
        const int r = line_resource(l);
        Piece piece = line.pieces.front();
        line.pieces.pop_front();
        const int sku = piece.sku;
        const Product& product = in_.products[sku];
        const double rate = in_.option(sku, r)->rate;
        const int deadline = in_.deadline(sku);
        // No more than the line can still pack.
        const double room = hours_left(l, line.cursor, sku);
        if (room < kMinRowHours) return close_spares(l, in_.horizon);
        // Room for the units that must be packed (min_fill) of the line's later rows first.
        double reserve = 0;
        for (const Piece& later : line.pieces)
            if (later.required > 0) reserve += in_.work(later.sku, r, later.required) + in_.changeover(later.sku, -1);
        const auto fits = static_cast<std::int64_t>(std::floor(std::max(0.0, room - reserve) * rate));
        piece.units = std::min<std::int64_t>(piece.units, std::max(std::min(piece.units, piece.required), fits));
        if (piece.units <= 0) return true;
        const double lbs = static_cast<double>(piece.units) / product.units_per_lb;
        const int ready = make_paste(product.paste, lbs, line.cursor);
        if (ready < 0) return true;  // no mixer can make it: the units stay unmet
        int earliest = std::max(line.cursor, ready);
        // The pending spare block goes into the wait for paste when it fits there.
        for (;;) {
            const int latest = pending_spare_latest(l);
            if (latest >= in_.horizon) break;
            const auto& spare = *in_.resources[r].calendar.spare;
            const int at = std::max(line.cursor, line.next_period * spare.every);
            if (at + spare.duration <= earliest && at <= latest) {
                if (!place_spare_now(l)) return false;
                continue;
            }
            break;
        }
        int work = in_.work(sku, r, piece.units);
        for (int attempt = 0; attempt < 8; ++attempt) {
            auto fit = timeline_.first_fit(r, sku, std::min(work, kMinRowHours), earliest, deadline);
            if (!fit) break;
            Slot slot = fit->second;
            int take_work = std::min(work, fit->first);
            // The row and its changeover must leave the pending spare block room
            // in its period (a maintenance or outage ahead may take part of it).
            const int latest = pending_spare_latest(l);
            const int co_end = in_.end_after(r, slot.start, take_work + in_.changeover(sku, -1));
            const auto& spare = in_.resources[r].calendar.spare;
            const int period_start = latest < in_.horizon ? lines_[l].next_period * spare->every : 0;
            if (latest < in_.horizon && latest_free_start(r, std::max(co_end, period_start), latest, spare->duration) < 0) {
                const int before = std::max(line.cursor, period_start);
                // Block first (the line waits for its period), or cut the row at the block's latest start.
                const int block_at = latest_free_start(r, std::max(slot.start, period_start), latest, spare->duration);
                int cut_work = block_at < 0 ? 0
                                            : static_cast<int>(in_.resources[r].working.at(block_at) - in_.resources[r].working.at(slot.start)) -
                                                  in_.changeover(sku, -1);
                if (block_at < 0 || (before <= latest && (slot.start >= period_start || cut_work < kMinRowHours ||
                                                          period_start - slot.start <= in_.changeover(sku, -1)))) {
                    if (!place_spare_now(l)) return false;
                    earliest = std::max(earliest, line.cursor);
                    continue;
                }
                if (cut_work < 1) return false;
                take_work = std::min(take_work, cut_work);
            }
            std::int64_t units = std::min<std::int64_t>(piece.units, static_cast<std::int64_t>(std::floor(take_work * rate)));
            if (units <= 0) return false;
            const auto placed_slot = timeline_.earliest_slot(r, sku, in_.work(sku, r, units), slot.start, deadline);
            if (!placed_slot) break;  // cannot happen (fewer units in the same gap), but never dereference nothing
            slot = *placed_slot;
            // The row may start later than its paste was ready for (a block in the
            // way): where lots have expired by then, fresh paste, or a later start.
            const double row_lbs = static_cast<double>(units) / product.units_per_lb;
            if (const double short_lbs = shortfall(product.paste, slot.start, row_lbs); short_lbs > 1e-6) {
                const int made = make_rows(product.paste, short_lbs, slot.start);
                if (made < 0) break;
                if (made > slot.start) {
                    earliest = std::max(earliest, made);
                    continue;
                }
            }
            const int index = timeline_.insert_row(Row{r, sku, units, 0, 0}, slot);
            const Row& placed = timeline_.rows()[index];
            line.cursor = in_.end_after(r, placed.end, in_.changeover(sku, -1));
            consume(product.paste, static_cast<double>(units) / product.units_per_lb, placed.start);
            // The rest's paste stays in stock for its next row.
            if (units < piece.units) line.pieces.push_front({sku, piece.units - units, std::max<std::int64_t>(0, piece.required - units)});
            return true;
        }
        return true;
    }

    static constexpr int kMinRowHours = 8;
    double slow_weight() const { return variant_.slow_batch_weight; }
    double open_penalty() const { return variant_.another_mixer_hours; }

    const Instance& in_;
    PipelineVariant variant_;
    PlantTimeline timeline_;
    std::vector<LineState> lines_;
    std::vector<PasteLedger> ledgers_;         // per paste: the lots made and the placed rows' uses
    std::vector<std::vector<int>> lot_times_;  // per paste: when its lots land (a row may wait for one)
    std::vector<std::int64_t> packed_;  // per SKU, units of fixed rows
    double storage_excess_ = 0;          // tote-hours over the limit so far (fixed rows alone may break it)
};

}  // namespace

std::vector<PipelineVariant> pipeline_variants(const Instance& instance) {
    // Measured on nine overloaded thesis-size plants (bench/feasibility/README.md):
    // no one setting is best on all, these four together are within 0.3 %
    // of the best of 27 settings on each.
    std::vector<PipelineVariant> variants = {{1, 12, 1}, {1, 6, 0}, {2, 24, 2}, {2, 6, 0}};
    if (!instance.demand_soft)
        for (std::size_t i = 0, n = variants.size(); i < n; ++i) {
            variants.push_back(variants[i]);
            variants.back().by_price = false;
        }
    return variants;
}

std::optional<Schedule> pipelined_start(const PlantTimeline& calendar, const PipelineVariant& variant,
                                        const std::function<bool()>& should_stop) {
    if (!pipelined_start_applies(calendar.instance())) return std::nullopt;
    return Pipeline(calendar, variant).build(should_stop);
}

}  // namespace makepack
