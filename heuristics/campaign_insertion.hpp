// Inserts a paste's campaign into a timeline, backward: its SKUs' demand on
// packaging lines as late as due dates allow (cheapest expected downtime that
// fits, split over lines when one cannot take it all), then mixer rows that
// cover every paste shortage before the line rows start, honouring max_hold.
// Used by the greedy start and by the repair operators of the search.
#pragma once

#include "heuristics/timeline.hpp"
#include "model/paste_ledger.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace makepack {

// A line-row start that the paste in stock cannot cover.
using PasteShortage = PasteLedger::Shortage;

// Backward places rows as late as they fit (the thesis's greedy); forward as
// early as they fit, for the start of the horizon where backward runs out.
enum class Direction { Backward, Forward };

// Which resource a forward insertion takes: the cheapest one that has room
// (a planner's dispatch rule), or the one that finishes first.
enum class Choice { Cheapest, Soonest };

class CampaignInsertion {
public:
    explicit CampaignInsertion(PlantTimeline& timeline, Choice choice = Choice::Cheapest, double delay_weight = 0)
        : timeline_(&timeline), choice_(choice), delay_weight_(delay_weight) {}

    // Places all missing demand of the paste's SKUs and the paste that feeds it.
    // Returns "" on success, else why it cannot (the timeline is left unchanged).
    // Backward tries the thesis's way first and falls back to forward for a
    // paste that no longer fits before its line rows; Forward goes forward only.
    std::string insert_paste(int paste, Direction direction = Direction::Backward);

    // Line rows for `units` of a SKU with start >= earliest and end <= deadline;
    // appends the new row indices; returns the units that could not be placed.
    std::int64_t insert_sku_units(int sku, std::int64_t units, int earliest, int deadline, std::vector<int>& new_rows,
                                  Direction direction = Direction::Backward);

    // Mixer rows until no line row of the paste lacks paste; "" on success.
    std::string supply_paste(int paste, std::vector<int>& new_rows);
    // The last resort where unmet demand is allowed: what fits of the paste's
    // SKUs, with the paste that can be made for it (insert_units_in_pieces).
    void insert_paste_partial(int paste, std::vector<int>& new_rows);
    // Where unmet demand is allowed: up to `units` of the SKU in pieces, each
    // placed with the paste made for it or not at all, halving the piece when
    // it does not fit; returns the units placed.
    std::int64_t insert_units_in_pieces(int sku, std::int64_t units, std::vector<int>& new_rows);

    // Where unmet demand is allowed (Instance::unmet_allowed): supply_paste,
    // and the line rows no mixer row can feed are cut to what is in stock
    // (or removed); each cut row is appended to `cut` as it was before.
    void supply_or_cut(int paste, std::vector<int>& new_rows, std::vector<Row>& cut);

    // Mixer rows making `lbs` of paste, all ending by `ready_by` (biggest
    // pieces first); false if the mixers cannot (rows placed so far stay in `new_rows`).
    bool make_paste_by(int paste, double lbs, int ready_by, std::vector<int>& new_rows);

    // The paste ledger's shortages over the timeline's rows of the paste.
    std::vector<PasteShortage> shortages(int paste) const;
    // Whether shortages(paste) would not be empty (stops at the first one).
    bool has_shortage(int paste) const { return ledger_of(paste).has_shortage(); }


private:
    // The ledger of the paste's rows in the timeline. Repairs ask it many
    // times per iteration, hence one ledger kept between calls.
    PasteLedger& ledger_of(int paste) const;

    std::string insert_paste_backward(int paste, int earliest, std::vector<int>& new_rows);
    // One supply_paste step: a mixer row for the latest shortages; false if none fits.
    bool supply_step(int paste, const std::vector<PasteShortage>& missing, std::vector<int>& new_rows);
    // Cuts the line rows of the paste starting at `time` by `lbs` of paste.
    void cut_line_rows(int paste, int time, double lbs, std::vector<Row>& cut);
    std::string insert_paste_forward(int paste, std::vector<int>& new_rows);
    int make_paste_early(int paste, double lbs, std::vector<int>& new_rows);
    int earliest_shared_ready(int paste, double lbs);
    std::string insert_skus(int paste, int earliest, std::vector<int>& new_rows, Direction direction);
    bool insert_mixer_row(int paste, double lbs, int earliest_end, int latest_end, std::vector<int>& new_rows,
                          bool allow_partial, double& placed_lbs);
    int supply_lead_time(int paste) const;

    PlantTimeline* timeline_;
    Choice choice_;
    // Forward and Cheapest: cost per hour a row starts later than it could
    // (a planner's "cheap, but not at any delay"); 0 = cost alone.
    double delay_weight_ = 0;
    mutable PasteLedger ledger_;
};

}  // namespace makepack
