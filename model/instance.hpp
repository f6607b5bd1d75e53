// Immutable plant data: resources, products, calendars, demand and objective
// weights of MODEL.md. Built once by the loader; every other module reads it.
#pragma once

#include "model/tolerance.hpp"
#include "model/working_time.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace makepack {

enum class Stage : std::uint8_t { Mixer, Line };

struct Maintenance {
    int every = 0;
    int duration = 0;
    int since_last = 0;
    int first_due() const { return every - since_last; }
};

struct SpareCapacity {
    int every = 0;
    int duration = 0;
};

struct Outage {
    int start = 0;
    int end = 0;
    std::string reason;
};

// The calendar of one resource after the per-resource override was merged onto
// its stage's calendar (MODEL.md 9.13).
struct ResourceCalendar {
    std::optional<ShiftBreaks> breaks;
    std::optional<Maintenance> maintenance;
    std::optional<SpareCapacity> spare;
    std::vector<Outage> outages;  // sorted by start
};

struct Resource {
    std::string id;
    Stage stage = Stage::Mixer;
    double batch_size = 0;  // mixers: lbs per batch
    double rate = 0;        // lines: units per hour (a SKU may override it)
    ResourceCalendar calendar;
    WorkingTime working;    // derived from calendar.breaks
};

// How a product runs on one eligible resource.
struct Option {
    int batch_hours = 0;   // mixers: hours per batch
    double rate = 0;       // lines: units per hour (SKU override or line rate)
    double downtime = 0;   // expected downtime rate in [0, 1]
};

struct Product {
    std::string id;
    Stage stage = Stage::Mixer;
    // pastes (stage Mixer)
    double initial_stock = 0;        // lbs available at time 0
    std::optional<int> max_hold;     // hours
    std::vector<int> skus;           // product indices of the SKUs filled with this paste
    // SKUs (stage Line)
    int paste = -1;                  // product index of the paste
    double units_per_lb = 1;
    std::int64_t demand = 0;         // units
    std::optional<int> due;
    bool due_hard = false;
    // Soft demand (docs/unmet-demand.md): the SKU's own price of an unmet unit
    // (else the instance's) and the share of its demand that stays hard.
    std::optional<double> unmet_penalty;
    double min_fill = 0;
    // both
    std::vector<int> eligible;       // resource indices, ascending
};

struct Storage {
    int totes = 0;
    double tote_capacity = 0;
    int static_totes_per_running_line = 1;
};

struct ObjectiveWeights {
    double downtime = 1;
    double changeover = 1;
    double lateness = 0;
    double unmet = 0;  // resolved: objective.unmet, else unmet_penalty (MODEL.md 9.10)
    double holding = 0;
    double overproduction = 0;
    double changes = 0;
};

// Changeover durations of one stage: `default` plus directed pairs.
struct ChangeoverMatrix {
    int default_hours = 0;
    int size = 0;                // products of the stage
    std::vector<int> hours;      // size*size, row = previous, column = next; empty = all default
    int between(int prev_local, int next_local) const {
        return hours.empty() ? default_hours : hours[static_cast<std::size_t>(prev_local) * size + next_local];
    }
};

enum class BlockKind : std::uint8_t { Maintenance, SpareCapacity, Outage, Changeover, ShiftBreak };
const char* to_string(BlockKind kind);
std::optional<BlockKind> block_kind_from_string(const std::string& text);

// A scheduled production row: `amount` is batches on a mixer, units on a line.
struct Row {
    int resource = -1;
    int product = -1;
    std::int64_t amount = 0;
    int start = 0;
    int end = 0;  // derived: instance.row_end(*this)
    bool operator==(const Row&) const = default;
};

struct Block {
    int resource = -1;
    BlockKind kind = BlockKind::Maintenance;
    int start = 0;
    int end = 0;
    bool operator==(const Block&) const = default;
};

class Instance {
public:
    std::string name;
    std::string source;       // file the instance was read from (for messages)
    std::string start_date;   // ISO date-time, only for printing
    std::string time_unit = "hour";
    int horizon = 0;
    ObjectiveWeights weights;
    bool demand_soft = false;
    // Set only by the search on its own copy (never by the loader): a shortfall
    // of hard demand is counted (ObjectiveBreakdown::shortfall) instead of
    // reported, so a plan that cannot place everything yet is still a plan to
    // improve (docs/unmet-demand.md).
    bool relax_hard_demand = false;
    std::optional<Storage> storage;

    // Resources: mixers occupy [0, num_mixers), lines [num_mixers, size).
    std::vector<Resource> resources;
    int num_mixers = 0;
    // Products: pastes occupy [0, num_pastes), SKUs [num_pastes, size).
    std::vector<Product> products;
    int num_pastes = 0;

    ChangeoverMatrix mixer_changeover;  // indexed by paste index
    ChangeoverMatrix line_changeover;   // indexed by SKU index - num_pastes

    // Rolling review (MODEL.md 6): fixed items and the time before which
    // nothing else may start.
    int frozen_until = 0;
    std::vector<Row> fixed_rows;
    std::vector<Block> fixed_blocks;
    // The previous plan's rows that start at or after frozen_until, for the
    // `changes` objective (MODEL.md 7, 9.15). Set by `makepack review`, never
    // by the loader (an instance file has no previous plan). Unset = unknown:
    // the checker then takes a schedule's stated `changes` as given.
    std::optional<std::vector<Row>> previous_rows;

    // --- derived look-ups ---------------------------------------------------
    int num_lines() const { return static_cast<int>(resources.size()) - num_mixers; }
    int num_skus() const { return static_cast<int>(products.size()) - num_pastes; }
    bool is_mixer(int resource) const { return resource < num_mixers; }
    int local_product(int product) const { return product < num_pastes ? product : product - num_pastes; }

    // nullptr when `product` cannot run on `resource`.
    const Option* option(int product, int resource) const {
        const int k = option_index_[static_cast<std::size_t>(product) * resources.size() + resource];
        return k < 0 ? nullptr : &options_[static_cast<std::size_t>(k)];
    }
    bool eligible(int product, int resource) const { return option(product, resource) != nullptr; }

    // Nominal work hours of `amount` (batches or units) of product on resource.
    // Saturates at kMaxWork: rows the checker rejects as absurd (row_shape) may
    // ask for more, and neither the product nor the cast may overflow then.
    int work(int product, int resource, std::int64_t amount) const {
        const Option* o = option(product, resource);
        if (resources[resource].stage == Stage::Mixer)
            return static_cast<int>(std::clamp<std::int64_t>(
                std::clamp<std::int64_t>(amount, -kMaxWork, kMaxWork) * o->batch_hours, -kMaxWork, kMaxWork));
        return units_to_hours(amount, o->rate);
    }
    int work(const Row& row) const { return work(row.product, row.resource, row.amount); }

    // Clock time at which a row started at `start` with `work` ends (breaks pause it).
    int end_after(int resource, int start, int work_hours) const {
        return resources[resource].working.end_after(start, work_hours);
    }
    int row_end(const Row& row) const { return end_after(row.resource, row.start, work(row)); }

    // Batches of `mixer` that make at least `lbs` (> 0) of paste (ceil_count).
    std::int64_t batches_for(double lbs, int mixer) const {
        return static_cast<std::int64_t>(ceil_count(lbs / resources[mixer].batch_size));
    }

    // Time by which every row of the product must end: its due date if that is
    // hard (MODEL.md 5), else the horizon.
    int deadline(int product) const {
        const Product& p = products[product];
        return p.due && p.due_hard ? std::min(*p.due, horizon) : horizon;
    }

    // Units of a SKU that must be packed: all of its demand when demand is
    // hard, else its min_fill share (rounded up).
    std::int64_t required_units(int sku) const {
        const Product& p = products[sku];
        if (!demand_soft) return p.demand;
        return std::min<std::int64_t>(p.demand, static_cast<std::int64_t>(ceil_count(p.min_fill * static_cast<double>(p.demand))));
    }
    // Whether a plan may leave demand unpacked: soft demand, or the search's
    // relaxed copy of a hard instance.
    bool unmet_allowed() const { return demand_soft || relax_hard_demand; }
    // Price of one unmet unit of a SKU under soft demand (MODEL.md 9.10, per-SKU override).
    double unmet_penalty(int sku) const { return products[sku].unmet_penalty.value_or(weights.unmet); }

    // Weighted cost of `work_hours` of a product on a resource followed by
    // `changeover_hours` of changeover (the downtime and changeover terms of
    // MODEL.md 7 for one row).
    double row_cost(int product, int resource, int work_hours, int changeover_hours) const {
        return weights.downtime * work_hours * option(product, resource)->downtime + weights.changeover * changeover_hours;
    }

    // Changeover hours after a row of `prev` when `next` follows; next = -1: last row.
    int changeover(int prev, int next) const {
        const ChangeoverMatrix& m = products[prev].stage == Stage::Mixer ? mixer_changeover : line_changeover;
        if (next < 0) return m.default_hours;
        return m.between(local_product(prev), local_product(next));
    }

    // Paste lbs a row makes (mixer) or consumes (line).
    double lbs(const Row& row) const {
        if (is_mixer(row.resource)) return static_cast<double>(row.amount) * resources[row.resource].batch_size;
        return static_cast<double>(row.amount) / products[row.product].units_per_lb;
    }

    static int units_to_hours(std::int64_t units, double rate) {
        // ceil(quantity / rate), robust to binary fractions of integral ratios;
        // saturated like work() (`!(<)` also catches NaN from a zero rate).
        const double hours = ceil_count(static_cast<double>(units) / rate);
        if (!(hours < kMaxWork)) return kMaxWork;
        return hours > -kMaxWork ? static_cast<int>(hours) : -kMaxWork;
    }

    // Far beyond any horizon (io::kMaxTime), far below INT_MAX: sums of a few stay ints.
    static constexpr int kMaxWork = 1 << 30;

    // Called by the loader once resources, products and options are set.
    void set_options(std::vector<Option> options, std::vector<int> option_index) {
        options_ = std::move(options);
        option_index_ = std::move(option_index);
    }

    // id -> index, filled by the loader.
    std::unordered_map<std::string, int> resource_by_id;
    std::unordered_map<std::string, int> product_by_id;
    std::optional<int> find_resource(const std::string& id) const {
        auto it = resource_by_id.find(id);
        return it == resource_by_id.end() ? std::nullopt : std::optional<int>(it->second);
    }
    std::optional<int> find_product(const std::string& id) const {
        auto it = product_by_id.find(id);
        return it == product_by_id.end() ? std::nullopt : std::optional<int>(it->second);
    }

private:
    std::vector<Option> options_;
    std::vector<int> option_index_;  // products x resources, -1 = ineligible
};

}  // namespace makepack
