#include "heuristics/campaign_insertion.hpp"

#include "heuristics/storage_guard.hpp"
#include "heuristics/timeline_ledger.hpp"
#include "model/rules/format.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace makepack {

namespace {

struct Candidate {
    Slot slot;
    std::int64_t amount = 0;
    double cost = std::numeric_limits<double>::infinity();
};

// Lower cost wins; at equal cost the later slot (backward insertion).
bool better(const Candidate& a, const Candidate& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    return a.slot.start > b.slot.start;
}

double row_cost(const Instance& in, int product, int resource, int work, const Slot& slot) {
    return in.row_cost(product, resource, work, slot.changeover_delta);
}

}  // namespace

std::int64_t CampaignInsertion::insert_sku_units(int sku, std::int64_t units, int earliest, int deadline,
                                                 std::vector<int>& new_rows, Direction direction) {
    const Instance& in = timeline_->instance();
    const bool backward = direction == Direction::Backward;
    auto find_slot = [&](int line, int work) {
        return backward ? timeline_->latest_slot(line, sku, work, earliest, deadline)
                        : timeline_->earliest_slot(line, sku, work, earliest, deadline);
    };
    // Forward: the earliest end wins (the paste waits least); backward: cost, then latest.
    auto preferred = [&](const Candidate& a, const Candidate& b) {
        if (backward) return better(a, b);
        if (choice_ == Choice::Cheapest) {
            const double ca = a.cost + delay_weight_ * (a.slot.start - earliest);
            const double cb = b.cost + delay_weight_ * (b.slot.start - earliest);
            if (ca != cb) return ca < cb;
        }
        if (a.slot.end != b.slot.end) return a.slot.end < b.slot.end;
        return a.cost < b.cost;
    };
    while (units > 0) {
        // The whole remainder on one line if any can take it (forward and Soonest: split pieces instead).
        Candidate best;
        for (int line : in.products[sku].eligible) {
            if (!backward && choice_ == Choice::Soonest) break;
            const int work = in.work(sku, line, units);
            if (auto slot = find_slot(line, work)) {
                Candidate c{*slot, units, row_cost(in, sku, line, work, *slot)};
                if (best.amount == 0 || preferred(c, best)) best = c;
            }
        }
        if (!backward && best.amount == 0) {
            // Forward: the piece (possibly all) that ends soonest, from each line's first gap.
            for (int line : in.products[sku].eligible) {
                auto fit = timeline_->first_fit(line, sku, 1, earliest, deadline);
                if (!fit) continue;
                const double rate = in.option(sku, line)->rate;
                const std::int64_t piece =
                    std::min<std::int64_t>(units, static_cast<std::int64_t>(std::floor(fit->first * rate + kRoundingSlack)));
                if (piece <= 0) continue;
                const int work = in.work(sku, line, piece);
                auto slot = find_slot(line, work);
                if (!slot) continue;
                Candidate c{*slot, piece, row_cost(in, sku, line, work, *slot)};
                if (best.amount == 0 || c.slot.end < best.slot.end ||
                    (c.slot.end == best.slot.end && c.amount > best.amount))
                    best = c;
            }
        }
        if (best.amount == 0) {
            // Split: the largest piece any line can take.
            for (int line : in.products[sku].eligible) {
                const double rate = in.option(sku, line)->rate;
                auto fit = timeline_->largest_fit(line, sku, 1, earliest, deadline, backward);
                if (!fit) continue;
                const std::int64_t piece =
                    std::min<std::int64_t>(units, static_cast<std::int64_t>(std::floor(fit->first * rate + kRoundingSlack)));
                if (piece <= 0) continue;
                const int work = in.work(sku, line, piece);
                auto slot = find_slot(line, work);
                if (!slot) continue;
                Candidate c{*slot, piece, row_cost(in, sku, line, work, *slot) / static_cast<double>(piece)};
                if (piece > best.amount || (piece == best.amount && better(c, best))) best = c;
            }
        }
        if (best.amount == 0) break;
        new_rows.push_back(timeline_->insert_row(Row{best.slot.resource, sku, best.amount, 0, 0}, best.slot));
        units -= best.amount;
    }
    return units;
}

std::vector<PasteShortage> CampaignInsertion::shortages(int paste) const {
    std::vector<PasteShortage> result;
    ledger_of(paste).shortages(result);
    return result;
}

PasteLedger& CampaignInsertion::ledger_of(int paste) const {
    fill_ledger(*timeline_, paste, ledger_);
    return ledger_;
}

bool CampaignInsertion::insert_mixer_row(int paste, double lbs, int earliest_end, int latest_end,
                                         std::vector<int>& new_rows, bool allow_partial, double& placed_lbs) {
    const Instance& in = timeline_->instance();
    const int earliest_start = in.frozen_until;
    Candidate best;
    for (int mixer : in.products[paste].eligible) {
        const auto batches = in.batches_for(lbs, mixer);
        const int work = in.work(paste, mixer, batches);
        auto slot = timeline_->latest_slot(mixer, paste, work, earliest_start, latest_end);
        if (!slot || slot->end < earliest_end) continue;
        Candidate c{*slot, batches, row_cost(in, paste, mixer, work, *slot)};
        if (better(c, best)) best = c;
    }
    if (best.amount == 0 && allow_partial) {
        double best_lbs = 0;
        for (int mixer : in.products[paste].eligible) {
            const Option* option = in.option(paste, mixer);
            auto fit = timeline_->largest_fit(mixer, paste, option->batch_hours, earliest_start, latest_end, true);
            if (!fit) continue;
            const auto needed = in.batches_for(lbs, mixer);
            const std::int64_t batches = std::min<std::int64_t>(needed, fit->first / option->batch_hours);
            const int work = in.work(paste, mixer, batches);
            auto slot = timeline_->latest_slot(mixer, paste, work, earliest_start, latest_end);
            if (!slot || slot->end < earliest_end) continue;
            const double made = static_cast<double>(batches) * in.resources[mixer].batch_size;
            if (made > best_lbs) { best_lbs = made; best = Candidate{*slot, batches, 0}; }
        }
    }
    if (best.amount == 0) return false;
    const int index = timeline_->insert_row(Row{best.slot.resource, paste, best.amount, 0, 0}, best.slot);
    new_rows.push_back(index);
    placed_lbs = in.lbs(timeline_->rows()[index]);
    return true;
}

bool CampaignInsertion::supply_step(int paste, const std::vector<PasteShortage>& missing, std::vector<int>& new_rows) {
    // Cover the latest shortages with one row ending before all of them
    // (backward); shrink the group from its early side until a row fits.
    const auto hold = timeline_->instance().products[paste].max_hold;
    const int last = missing.back().time;
    std::size_t first = 0;
    while (hold && last - missing[first].time > *hold) ++first;
    for (std::size_t from = first; from < missing.size(); ++from) {
        double lbs = 0;
        for (std::size_t k = from; k < missing.size(); ++k) lbs += missing[k].lbs;
        const int earliest_end = hold ? last - *hold : 0;
        double made = 0;
        const bool last_try = from + 1 == missing.size();
        if (insert_mixer_row(paste, lbs, earliest_end, missing[from].time, new_rows, last_try, made)) return true;
    }
    return false;
}

std::string CampaignInsertion::supply_paste(int paste, std::vector<int>& new_rows) {
    const Instance& in = timeline_->instance();
    const auto hold = in.products[paste].max_hold;
    for (int guard = 0; guard < 10000; ++guard) {
        const std::vector<PasteShortage> missing = shortages(paste);
        if (missing.empty()) return {};
        if (!supply_step(paste, missing, new_rows))
            return "paste " + in.products[paste].id + ": no mixer can make " +
                   number_text(std::ceil(missing.back().lbs)) + " lbs by " +
                   std::to_string(missing.back().time) +
                   (hold ? " (and no earlier than " + std::to_string(missing.back().time - *hold) + ", max_hold)"
                         : std::string());
    }
    return "paste " + in.products[paste].id + ": supply did not converge";
}

void CampaignInsertion::supply_or_cut(int paste, std::vector<int>& new_rows, std::vector<Row>& cut) {
    // Every round either adds a mixer row or cuts consumption, so the
    // shortage shrinks; the guard only bounds a pathological plant.
    for (int guard = 0; guard < 10000; ++guard) {
        const std::vector<PasteShortage> missing = shortages(paste);
        if (missing.empty()) return;
        if (supply_step(paste, missing, new_rows)) continue;
        cut_line_rows(paste, missing.back().time, missing.back().lbs, cut);
    }
    // Still short: drop every line row of the paste that lacks paste.
    for (const PasteShortage& s : shortages(paste)) cut_line_rows(paste, s.time, s.lbs, cut);
}

void CampaignInsertion::cut_line_rows(int paste, int time, double lbs, std::vector<Row>& cut) {
    const Instance& in = timeline_->instance();
    for (int sku : in.products[paste].skus) {
        if (lbs <= kLbsSlack) return;
        const std::vector<int> rows = timeline_->rows_of(sku);  // a copy: resize/remove change the list
        for (int k : rows) {
            if (lbs <= kLbsSlack) return;
            const Row row = timeline_->rows()[k];
            if (row.start != time || row.start < in.frozen_until) continue;
            const auto units = static_cast<std::int64_t>(ceil_count(lbs * in.products[sku].units_per_lb));
            cut.push_back(row);
            if (units >= row.amount) {
                timeline_->remove_rows({k});
                lbs -= in.lbs(row);
            } else {
                timeline_->resize(k, row.amount - units);
                lbs = 0;
            }
        }
    }
}

int CampaignInsertion::supply_lead_time(int paste) const {
    // Line rows cannot start before some mixer can have made the paste for
    // the paste's biggest SKU (smaller ones may come from other mixers).
    const Instance& in = timeline_->instance();
    const Product& p = in.products[paste];
    double lbs = 0;
    for (int sku : p.skus)
        lbs = std::max(lbs, static_cast<double>(in.products[sku].demand - timeline_->amount_of(sku)) / in.products[sku].units_per_lb);
    lbs -= p.initial_stock;
    if (lbs <= kLbsSlack) return in.frozen_until;
    int ready = in.horizon;
    for (int mixer : p.eligible) {
        const auto batches = in.batches_for(lbs, mixer);
        if (auto slot = timeline_->earliest_slot(mixer, paste, in.work(paste, mixer, batches), in.frozen_until, in.horizon))
            ready = std::min(ready, slot->end);
        else
            ready = std::min(ready, in.frozen_until + in.option(paste, mixer)->batch_hours);
    }
    return ready;
}

std::string CampaignInsertion::insert_skus(int paste, int earliest, std::vector<int>& new_rows, Direction direction) {
    const Instance& in = timeline_->instance();
    // Big SKUs first: they need the long gaps.
    std::vector<int> skus = in.products[paste].skus;
    std::stable_sort(skus.begin(), skus.end(), [&](int a, int b) {
        return in.products[a].demand / in.products[a].units_per_lb > in.products[b].demand / in.products[b].units_per_lb;
    });
    for (int sku : skus) {
        const Product& s = in.products[sku];
        const std::int64_t missing = s.demand - timeline_->amount_of(sku);
        if (missing <= 0) continue;
        const bool keep_due = s.due && (s.due_hard || in.weights.lateness > 0);
        const int deadline = keep_due ? *s.due : in.horizon;
        std::int64_t left = insert_sku_units(sku, missing, earliest, deadline, new_rows, direction);
        if (left > 0 && keep_due && !s.due_hard)
            left = insert_sku_units(sku, left, earliest, in.horizon, new_rows, direction);
        if (left > 0 && !in.demand_soft)
            return "SKU " + s.id + ": " + std::to_string(left) + " of " + std::to_string(s.demand) +
                   " units find no line time between " + std::to_string(earliest) + " and " +
                   std::to_string(in.deadline(sku));
    }
    return {};
}

std::string CampaignInsertion::insert_paste_backward(int paste, int earliest, std::vector<int>& new_rows) {
    if (std::string why = insert_skus(paste, earliest, new_rows, Direction::Backward); !why.empty()) return why;
    return supply_paste(paste, new_rows);
}

// Makes `lbs` of paste as early as possible (one row, or the biggest pieces
// when no mixer has room for it all); returns the time it is all made, or -1.
bool CampaignInsertion::make_paste_by(int paste, double lbs, int ready_by, std::vector<int>& new_rows) {
    // Biggest pieces first (fewest rows and changeovers), each ending by `ready_by`.
    const Instance& in = timeline_->instance();
    while (lbs > kLbsSlack) {
        std::optional<Slot> best;
        std::int64_t batches = 0;
        double best_lbs = 0;
        for (int mixer : in.products[paste].eligible) {
            const int hours = in.option(paste, mixer)->batch_hours;
            const double size = in.resources[mixer].batch_size;
            auto fit = timeline_->largest_fit(mixer, paste, hours, in.frozen_until, ready_by, false);
            if (!fit) continue;
            const auto needed = in.batches_for(lbs, mixer);
            const std::int64_t n = std::min<std::int64_t>(needed, fit->first / hours);
            const double made = static_cast<double>(n) * size;
            // Enough either way: the faster mixer (less work) wins.
            const bool covers = made >= lbs - kLbsSlack, best_covers = best_lbs >= lbs - kLbsSlack;
            const bool take = !best || (covers && !best_covers) || (!covers && made > best_lbs) ||
                              (covers && best_covers && n * hours < batches * in.option(paste, best->resource)->batch_hours);
            if (!take) continue;
            auto slot = timeline_->latest_slot(mixer, paste, in.work(paste, mixer, n), in.frozen_until, ready_by);
            if (!slot) continue;
            best = slot;
            batches = n;
            best_lbs = made;
        }
        if (!best) return false;
        new_rows.push_back(timeline_->insert_row(Row{best->resource, paste, batches, 0, 0}, *best));
        lbs -= best_lbs;
    }
    return true;
}

int CampaignInsertion::make_paste_early(int paste, double lbs, std::vector<int>& new_rows) {
    // One row on the mixer that finishes it first, like a dispatcher would; the
    // campaign is shared between mixers only when that makes it much sooner
    // (every extra row costs a changeover on the bottleneck).
    const Instance& in = timeline_->instance();
    std::optional<Slot> whole;
    std::int64_t whole_batches = 0;
    double whole_cost = 0;
    for (int mixer : in.products[paste].eligible) {
        const auto n = in.batches_for(lbs, mixer);
        const int work = in.work(paste, mixer, n);
        auto slot = timeline_->earliest_slot(mixer, paste, work, in.frozen_until, in.horizon);
        if (!slot) continue;
        const double cost = row_cost(in, paste, mixer, work, *slot) + delay_weight_ * (slot->end - in.frozen_until);
        const bool take = !whole || (choice_ == Choice::Cheapest ? (cost < whole_cost || (cost == whole_cost && slot->end < whole->end))
                                                                 : slot->end < whole->end);
        if (take) { whole = slot; whole_batches = n; whole_cost = cost; }
    }
    if (whole && choice_ == Choice::Cheapest) {
        new_rows.push_back(timeline_->insert_row(Row{whole->resource, paste, whole_batches, 0, 0}, *whole));
        return whole->end;
    }
    const int split_ready = earliest_shared_ready(paste, lbs);
    if (whole && (split_ready < 0 || whole->end - split_ready <= whole->end - whole->start)) {
        new_rows.push_back(timeline_->insert_row(Row{whole->resource, paste, whole_batches, 0, 0}, *whole));
        return whole->end;
    }
    if (split_ready < 0) return -1;
    make_paste_by(paste, lbs, split_ready, new_rows);
    return split_ready;
}

int CampaignInsertion::earliest_shared_ready(int paste, double lbs) {
    // Smallest ready time by bisection when mixers share the campaign.
    const Instance& in = timeline_->instance();
    int lo = in.frozen_until, hi = in.horizon;
    {
        std::vector<int> trial;
        const bool ok = make_paste_by(paste, lbs, hi, trial);
        timeline_->remove_rows(trial);
        if (!ok) return -1;
    }
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        std::vector<int> trial;
        const bool ok = make_paste_by(paste, lbs, mid, trial);
        timeline_->remove_rows(trial);
        if (ok) hi = mid; else lo = mid + 1;
    }
    return hi;
}

std::string CampaignInsertion::insert_paste_forward(int paste, std::vector<int>& new_rows) {
    // The plant floor's dispatch order: make the whole campaign as early as the
    // mixers allow, then pack its SKUs as early as the lines allow.
    const Instance& in = timeline_->instance();
    const Product& p = in.products[paste];
    double lbs = -p.initial_stock;
    for (int sku : p.skus)
        lbs += static_cast<double>(std::max<std::int64_t>(0, in.products[sku].demand - timeline_->amount_of(sku))) /
               in.products[sku].units_per_lb;
    const int ready = lbs > kLbsSlack ? make_paste_early(paste, lbs, new_rows) : in.frozen_until;
    if (ready < 0)
        return "paste " + p.id + ": no mixer has time for " + number_text(std::ceil(lbs)) + " lbs";
    if (std::string why = insert_skus(paste, ready, new_rows, Direction::Forward); !why.empty()) return why;
    return supply_paste(paste, new_rows);
}

std::int64_t CampaignInsertion::insert_units_in_pieces(int sku, std::int64_t units, std::vector<int>& new_rows) {
    const Instance& in = timeline_->instance();
    const Product& s = in.products[sku];
    // The smallest piece worth a row: one batch of its paste, or 1/64 of the units.
    double batch_lbs = 0;
    for (int m : in.products[s.paste].eligible) batch_lbs = std::max(batch_lbs, in.resources[m].batch_size);
    const std::int64_t smallest = std::max<std::int64_t>(
        1, std::min<std::int64_t>(units / 64, static_cast<std::int64_t>(std::floor(batch_lbs * s.units_per_lb))));
    std::int64_t placed = 0, piece = units;
    double excess = storage_excess(*timeline_);  // > 0: fixed rows or initial stock alone break the tote limit
    while (units - placed > 0 && piece >= smallest) {
        piece = std::min(piece, units - placed);
        bool fits = false;
        for (Direction direction : {Direction::Backward, Direction::Forward}) {
            std::vector<int> rows;
            // A piece must come with its paste and keep the tote limit.
            if (insert_sku_units(sku, piece, in.frozen_until, in.deadline(sku), rows, direction) == 0 &&
                supply_paste(s.paste, rows).empty() && storage_no_worse(*timeline_, excess)) {
                new_rows.insert(new_rows.end(), rows.begin(), rows.end());
                fits = true;
                break;
            }
            timeline_->remove_rows(rows);
        }
        if (fits) placed += piece;
        else piece /= 2;
    }
    return placed;
}

void CampaignInsertion::insert_paste_partial(int paste, std::vector<int>& new_rows) {
    const Instance& in = timeline_->instance();
    // Big SKUs first, as insert_skus does.
    std::vector<int> skus = in.products[paste].skus;
    std::stable_sort(skus.begin(), skus.end(), [&](int a, int b) {
        return in.products[a].demand / in.products[a].units_per_lb > in.products[b].demand / in.products[b].units_per_lb;
    });
    for (int sku : skus) {
        const std::int64_t missing = in.products[sku].demand - timeline_->amount_of(sku);
        if (missing > 0) insert_units_in_pieces(sku, missing, new_rows);
    }
}

std::string CampaignInsertion::insert_paste(int paste, Direction direction) {
    const Instance& in = timeline_->instance();
    int earliest = supply_lead_time(paste);
    std::string why;
    for (int attempt = 0; direction == Direction::Backward && attempt < 3 && earliest < in.horizon; ++attempt) {
        std::vector<int> new_rows;
        why = insert_paste_backward(paste, earliest, new_rows);
        if (why.empty()) return {};
        timeline_->remove_rows(new_rows);
        earliest += std::max(12, (in.horizon - earliest) / 10);
    }
    std::vector<int> new_rows;
    std::string forward_why = insert_paste_forward(paste, new_rows);
    if (forward_why.empty()) return {};
    timeline_->remove_rows(new_rows);
    if (choice_ == Choice::Cheapest) {
        // The cheapest resources are too busy for this campaign: the soonest ones then.
        new_rows.clear();
        choice_ = Choice::Soonest;
        forward_why = insert_paste_forward(paste, new_rows);
        choice_ = Choice::Cheapest;
        if (forward_why.empty()) return {};
        timeline_->remove_rows(new_rows);
    }
    why = why.empty() ? forward_why : why + "; forward insertion: " + forward_why;
    if (in.unmet_allowed()) {
        // Place what fits (the SKUs' earlier rows of the failed attempts were undone).
        std::vector<int> rows;
        insert_paste_partial(paste, rows);
        return {};
    }
    return why;
}

}  // namespace makepack
