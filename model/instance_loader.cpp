// Instance YAML (MODEL.md 8) -> Instance, with every input mistake reported as
// an InputError at its file position and field path.
#include "model/instance_loader.hpp"

#include "model/date_time.hpp"
#include "model/input_file.hpp"
#include "model/io_rows.hpp"
#include "model/rules/storage.hpp"
#include "model/io_yaml.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>

namespace makepack {

namespace {

using io::Field;
using io::kMaxTime;
using io::kMaxUnits;

constexpr double kMaxAmount = 1e15;  // lbs, rates, weights: anything beyond is a typo
// Least batch_size, tote_capacity, rate and units_per_lb (docs/model-decisions.md,
// "Input limits"): far below any plant, and it keeps every ratio of two amounts
// (batches, totes, hours of a quantity) a finite double below 1e21.
constexpr double kMinAmount = 1e-6;
constexpr std::size_t kMaxMatrixCells = 100'000'000;  // 400 MB of changeover hours

// ---------------------------------------------------------------------------
// Calendar merging (MODEL.md 9.13). Each merged field remembers the Field it
// came from, so a bad merged value is reported where it was written.

enum CalendarKind { kShiftBreak, kMaintenance, kSpare, kNumKinds };
constexpr std::array<std::string_view, kNumKinds> kKindNames = {"shift_break", "maintenance", "spare_capacity"};

struct KindSpec {
    Field defined_at;                    // the map that last set it (for missing fields)
    std::map<std::string, Field> fields; // field name -> where its value is
};

struct CalendarSpec {
    std::array<std::optional<KindSpec>, kNumKinds> kinds;
    std::vector<Field> outages;          // outage maps without `resource` (stage or resource level)
};

// Available working hours of a resource in [0, limit): clock hours minus
// break hours minus working hours inside outages (outages may overlap).
long long available_hours(const Resource& r, int limit) {
    const WorkingTime& w = r.working;
    long long total = w.at(limit) - w.at(0);
    int covered_until = 0;  // outages are sorted by start; count each hour once
    for (const Outage& o : r.calendar.outages) {
        const int s = std::max(o.start, covered_until);
        const int e = std::min(o.end, limit);
        if (e > s) total -= w.at(e) - w.at(s);
        covered_until = std::max(covered_until, std::min(o.end, limit));
    }
    return std::max(0LL, total);
}

class Loader {
public:
    Loader(const io::Document& doc, const std::string& name, const LoadOptions& options)
        : root_(io::root_field(doc)), load_options_(options) {
        inst_.source = name;
    }

    Instance load() {
        root_.expect_map();
        root_.check_keys({"name", "start_date", "time_unit", "horizon", "objective", "mixers", "lines", "pastes",
                          "skus", "changeover", "calendar", "storage", "frozen_until", "fixed", "demand_soft",
                          "unmet_penalty", "due_hard"});
        read_header();
        read_resources();
        read_products();
        read_changeovers();
        read_calendar();
        read_objective();
        apply_allow_unmet();
        read_storage();
        read_fixed();
        check_batch_counts();
        check_initial_totes();
        check_batch_totes();
        check_capacity();
        return std::move(inst_);
    }

private:
    // --- header ------------------------------------------------------------
    void read_header() {
        if (auto f = root_.get("name")) inst_.name = f->as_string();
        else inst_.name = std::filesystem::path(inst_.source).stem().string();
        if (auto f = root_.get("start_date")) {
            inst_.start_date = f->as_string();
            if (!parse_iso_date_time(inst_.start_date))
                f->fail("not an ISO date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]), got '" +
                        inst_.start_date.substr(0, 40) + "'");
        }
        if (auto f = root_.get("time_unit")) {
            inst_.time_unit = f->as_string();
            if (!time_unit_minutes(inst_.time_unit))
                f->fail("unknown time unit '" + inst_.time_unit.substr(0, 40) + "' (expected minute, hour or day)");
        }
        inst_.horizon = root_.require("horizon").as_int(1, kMaxTime);
        if (auto f = root_.get("demand_soft")) inst_.demand_soft = f->as_bool();
        if (auto f = root_.get("due_hard")) due_hard_default_ = f->as_bool();
    }

    // --- ids -----------------------------------------------------------------
    // Ids share one namespace per kind (resources; products), so a duplicate
    // across mixers and lines (pastes and SKUs) is an error too.
    std::string read_id(const Field& item, std::unordered_map<std::string, int>& by_id,
                        std::vector<Field>& fields, int index) {
        const Field f = item.require("id");
        std::string id = f.as_string();
        if (id.empty()) f.fail("id must not be empty");
        auto [it, inserted] = by_id.emplace(id, index);
        if (!inserted)
            f.fail("duplicate id '" + id + "' (first defined at line " +
                   std::to_string(fields[static_cast<std::size_t>(it->second)].mark().line) + ")");
        fields.push_back(item);
        return id;
    }

    // --- resources ------------------------------------------------------------
    void read_resources() {
        const Field mixers = root_.require("mixers");
        const Field lines = root_.require("lines");
        mixers.expect_sequence();
        lines.expect_sequence();
        for (std::size_t i = 0; i < mixers.size(); ++i) read_resource(mixers.item(i), Stage::Mixer);
        inst_.num_mixers = static_cast<int>(inst_.resources.size());
        for (std::size_t i = 0; i < lines.size(); ++i) read_resource(lines.item(i), Stage::Line);
    }

    void read_resource(const Field& item, Stage stage) {
        item.expect_map();
        const bool mixer = stage == Stage::Mixer;
        item.check_keys({"id", mixer ? "batch_size" : "rate"});
        Resource r;
        r.stage = stage;
        r.id = read_id(item, inst_.resource_by_id, resource_fields_, static_cast<int>(inst_.resources.size()));
        if (mixer) r.batch_size = item.require("batch_size").as_number(kMinAmount, kMaxAmount);
        else r.rate = item.require("rate").as_number(kMinAmount, kMaxAmount);
        inst_.resources.push_back(std::move(r));
    }

    // Resource index named by key k of `map`, which must be a resource of `stage`.
    int resource_of_stage(const Field& map, std::size_t k, Stage stage) const {
        const std::string id = map.entry_key(k);
        auto r = inst_.find_resource(id);
        if (!r) map.fail_key(id, "unknown resource '" + id + "'");
        if (inst_.resources[static_cast<std::size_t>(*r)].stage != stage)
            map.fail_key(id, "'" + id + "' is a " + (stage == Stage::Mixer ? "line, not a mixer" : "mixer, not a line"));
        return *r;
    }

    // --- products -------------------------------------------------------------
    void read_products() {
        const Field pastes = root_.require("pastes");
        const Field skus = root_.require("skus");
        pastes.expect_sequence();
        skus.expect_sequence();
        const std::size_t num_products = pastes.size() + skus.size();
        option_index_.assign(num_products * inst_.resources.size(), -1);
        inst_.products.reserve(num_products);
        for (std::size_t i = 0; i < pastes.size(); ++i) read_paste(pastes.item(i));
        inst_.num_pastes = static_cast<int>(inst_.products.size());
        for (std::size_t i = 0; i < skus.size(); ++i) read_sku(skus.item(i));
        finish_eligibility();
        inst_.set_options(std::move(options_), std::move(option_index_));
    }

    int& option_slot(int product, int resource) {
        return option_index_[static_cast<std::size_t>(product) * inst_.resources.size() + static_cast<std::size_t>(resource)];
    }

    void read_paste(const Field& item) {
        item.expect_map();
        item.check_keys({"id", "batch_hours", "downtime", "initial_stock", "max_hold"});
        Product p;
        p.stage = Stage::Mixer;
        const int index = static_cast<int>(inst_.products.size());
        p.id = read_id(item, inst_.product_by_id, product_fields_, index);
        if (auto f = item.get("initial_stock")) p.initial_stock = f->as_number(0, kMaxAmount);
        if (auto f = item.get("max_hold")) p.max_hold = f->as_int(0, kMaxTime);

        // Eligibility = a batch_hours entry; each needs its downtime rate too.
        const Field hours = item.require("batch_hours");
        hours.expect_map();
        std::optional<Field> downtime = item.get("downtime");
        if (downtime) downtime->expect_map();
        for (std::size_t k = 0; k < hours.size(); ++k) {
            const Field h = hours.entry_value(k);
            const int r = resource_of_stage(hours, k, Stage::Mixer);
            Option o;
            o.batch_hours = h.as_int(1, kMaxTime);
            if (!downtime) item.fail_missing("downtime");
            auto d = downtime->get(hours.entry_key(k));
            if (!d) downtime->fail_missing(hours.entry_key(k));
            o.downtime = d->as_number(0, 1);
            option_slot(index, r) = static_cast<int>(options_.size());
            options_.push_back(o);
        }
        // A downtime rate for a mixer without batch_hours is a typo or a lost entry.
        if (downtime)
            for (std::size_t k = 0; k < downtime->size(); ++k) {
                const int r = resource_of_stage(*downtime, k, Stage::Mixer);
                if (option_slot(index, r) < 0)
                    downtime->fail_key(downtime->entry_key(k), "downtime for a mixer without batch_hours");
            }
        inst_.products.push_back(std::move(p));
    }

    void read_sku(const Field& item) {
        item.expect_map();
        item.check_keys({"id", "paste", "units_per_lb", "demand", "downtime", "rate", "due", "due_hard",
                         "unmet_penalty", "min_fill"});
        Product s;
        s.stage = Stage::Line;
        const int index = static_cast<int>(inst_.products.size());
        s.id = read_id(item, inst_.product_by_id, product_fields_, index);

        const Field pf = item.require("paste");
        const std::string paste_id = pf.as_string();
        auto paste = inst_.find_product(paste_id);
        if (!paste) pf.fail("unknown paste '" + paste_id + "'");
        if (*paste >= inst_.num_pastes) pf.fail("'" + paste_id + "' is a SKU, not a paste");
        s.paste = *paste;
        inst_.products[static_cast<std::size_t>(*paste)].skus.push_back(index);

        s.units_per_lb = item.require("units_per_lb").as_number(kMinAmount, kMaxAmount);
        s.demand = item.require("demand").as_integer(0, kMaxUnits);
        if (auto f = item.get("due")) s.due = f->as_int(0, kMaxTime);
        s.due_hard = due_hard_default_;
        if (auto f = item.get("due_hard")) s.due_hard = f->as_bool();
        if (auto f = item.get("unmet_penalty")) s.unmet_penalty = f->as_number(0, kMaxAmount);
        if (auto f = item.get("min_fill")) s.min_fill = f->as_number(0, 1);

        read_sku_lines(item, index);
        inst_.products.push_back(std::move(s));
    }

    // Eligible lines: the `downtime` entries, or every line (downtime 0) without a list.
    void read_sku_lines(const Field& item, int index) {
        if (auto downtime = item.get("downtime")) {
            downtime->expect_map();
            for (std::size_t k = 0; k < downtime->size(); ++k) {
                const Field d = downtime->entry_value(k);
                const int r = resource_of_stage(*downtime, k, Stage::Line);
                Option o;
                o.downtime = d.as_number(0, 1);
                o.rate = inst_.resources[static_cast<std::size_t>(r)].rate;
                option_slot(index, r) = static_cast<int>(options_.size());
                options_.push_back(o);
            }
        } else {
            for (int r = inst_.num_mixers; r < static_cast<int>(inst_.resources.size()); ++r) {
                Option o;
                o.rate = inst_.resources[static_cast<std::size_t>(r)].rate;
                option_slot(index, r) = static_cast<int>(options_.size());
                options_.push_back(o);
            }
        }
        // Per-SKU rates override the line's rate on lines it may run on.
        if (auto rates = item.get("rate")) {
            rates->expect_map();
            for (std::size_t k = 0; k < rates->size(); ++k) {
                const int r = resource_of_stage(*rates, k, Stage::Line);
                const int slot = option_slot(index, r);
                if (slot < 0)
                    rates->fail_key(rates->entry_key(k), "rate for a line the SKU is not eligible on (no downtime entry)");
                options_[static_cast<std::size_t>(slot)].rate = rates->entry_value(k).as_number(kMinAmount, kMaxAmount);
            }
        }
    }

    void finish_eligibility() {
        for (int p = 0; p < static_cast<int>(inst_.products.size()); ++p) {
            Product& prod = inst_.products[static_cast<std::size_t>(p)];
            for (int r = 0; r < static_cast<int>(inst_.resources.size()); ++r)
                if (option_slot(p, r) >= 0) prod.eligible.push_back(r);
            if (!prod.eligible.empty()) continue;
            const Field& f = product_fields_[static_cast<std::size_t>(p)];
            if (prod.stage == Stage::Mixer) {
                const std::string used = prod.skus.empty() ? "" : " (SKU '" + inst_.products[static_cast<std::size_t>(prod.skus.front())].id + "' needs it)";
                f.fail("paste '" + prod.id + "' has no eligible mixer" + used);
            }
            f.fail("SKU '" + prod.id + "' has no eligible line");
        }
    }

    // --- changeovers ----------------------------------------------------------
    void read_changeovers() {
        inst_.mixer_changeover.size = inst_.num_pastes;
        inst_.line_changeover.size = inst_.num_skus();
        const auto f = root_.get("changeover");
        if (!f) return;
        f->expect_map();
        f->check_keys({"mixers", "lines"});
        if (auto m = f->get("mixers")) read_matrix(*m, Stage::Mixer, inst_.mixer_changeover);
        if (auto l = f->get("lines")) read_matrix(*l, Stage::Line, inst_.line_changeover);
    }

    // A constant, or {default, pairs: [[prev, next, hours], ...]} (directed).
    void read_matrix(const Field& f, Stage stage, ChangeoverMatrix& m) {
        if (f.node.is_scalar()) {
            m.default_hours = f.as_int(0, kMaxTime);
            return;
        }
        f.expect_map();
        f.check_keys({"default", "pairs"});
        m.default_hours = f.require("default").as_int(0, kMaxTime);
        const auto pairs = f.get("pairs");
        if (!pairs || pairs->size() == 0) {
            if (pairs) pairs->expect_sequence();
            return;
        }
        pairs->expect_sequence();
        const std::size_t n = static_cast<std::size_t>(m.size);
        // The dense matrix is n*n ints; refuse sizes that would exhaust memory.
        if (n * n > kMaxMatrixCells)
            pairs->fail("too many products (" + std::to_string(n) + ") for a dense changeover matrix");
        m.hours.assign(n * n, m.default_hours);
        std::vector<bool> seen(n * n, false);
        for (std::size_t i = 0; i < pairs->size(); ++i) {
            const Field pair = pairs->item(i);
            pair.expect_sequence();
            if (pair.size() != 3) pair.fail("expected [previous, next, hours]");
            const int a = product_of_stage(pair.item(0), stage);
            const int b = product_of_stage(pair.item(1), stage);
            const std::size_t cell = static_cast<std::size_t>(inst_.local_product(a)) * n +
                                     static_cast<std::size_t>(inst_.local_product(b));
            if (seen[cell]) pair.fail("duplicate changeover pair");
            seen[cell] = true;
            m.hours[cell] = pair.item(2).as_int(0, kMaxTime);
        }
    }

    int product_of_stage(const Field& f, Stage stage) const {
        const std::string id = f.as_string();
        auto p = inst_.find_product(id);
        if (!p) f.fail("unknown product '" + id + "'");
        if (inst_.products[static_cast<std::size_t>(*p)].stage != stage)
            f.fail("'" + id + "' is a " + (stage == Stage::Mixer ? "SKU, not a paste" : "paste, not a SKU"));
        return *p;
    }

    // --- calendar ---------------------------------------------------------------
    void read_calendar() {
        std::array<CalendarSpec, 2> stage_spec;  // [mixers, lines]
        std::vector<std::optional<Field>> overrides(inst_.resources.size());
        std::vector<Field> listed_outages;  // calendar.outages items, with `resource`
        if (auto cal = root_.get("calendar")) {
            cal->expect_map();
            for (std::size_t k = 0; k < cal->size(); ++k) {
                const std::string key = cal->entry_key(k);
                const Field v = cal->entry_value(k);
                if (key == "mixers" || key == "lines") {
                    if (!v.node.is_null()) merge_calendar(stage_spec[key == "mixers" ? 0 : 1], v);
                } else if (key == "outages") {
                    if (v.node.is_null()) continue;
                    v.expect_sequence();
                    for (std::size_t i = 0; i < v.size(); ++i) listed_outages.push_back(v.item(i));
                } else {
                    auto r = inst_.find_resource(key);
                    if (!r) cal->fail_key(key, "unknown resource id in calendar (expected mixers, lines, outages or a resource id)");
                    overrides[static_cast<std::size_t>(*r)] = v;
                }
            }
        }
        for (std::size_t r = 0; r < inst_.resources.size(); ++r) {
            CalendarSpec spec = stage_spec[inst_.is_mixer(static_cast<int>(r)) ? 0 : 1];
            if (overrides[r] && !overrides[r]->node.is_null()) merge_calendar(spec, *overrides[r]);
            build_calendar(static_cast<int>(r), spec);
        }
        for (const Field& o : listed_outages) add_listed_outage(o);
        for (std::size_t r = 0; r < inst_.resources.size(); ++r) finish_calendar(static_cast<int>(r));
    }

    // Field by field; `kind: null` removes the kind (MODEL.md 9.13).
    void merge_calendar(CalendarSpec& spec, const Field& cal) {
        cal.expect_map();
        cal.check_keys({"shift_break", "maintenance", "spare_capacity", "outages"});
        for (int k = 0; k < kNumKinds; ++k) {
            auto kf = cal.get_raw(kKindNames[static_cast<std::size_t>(k)]);
            if (!kf) continue;
            auto& slot = spec.kinds[static_cast<std::size_t>(k)];
            if (kf->node.is_null()) {
                slot.reset();
                continue;
            }
            kf->expect_map();
            if (k == kShiftBreak) kf->check_keys({"every", "duration", "offset"});
            if (k == kMaintenance) kf->check_keys({"every", "duration", "since_last"});
            if (k == kSpare) kf->check_keys({"every", "duration"});
            if (!slot) slot = KindSpec{*kf, {}};
            slot->defined_at = *kf;
            for (std::size_t i = 0; i < kf->size(); ++i) slot->fields.insert_or_assign(kf->entry_key(i), kf->entry_value(i));
        }
        // Outage lists add up (a stage-wide holiday plus one machine's repair).
        if (auto outs = cal.get("outages")) {
            outs->expect_sequence();
            for (std::size_t i = 0; i < outs->size(); ++i) spec.outages.push_back(outs->item(i));
        }
    }

    static std::optional<Field> spec_field(const KindSpec& k, const std::string& name) {
        auto it = k.fields.find(name);
        if (it == k.fields.end() || it->second.node.is_null()) return std::nullopt;
        return it->second;
    }
    static Field spec_require(const KindSpec& k, const std::string& name) {
        auto f = spec_field(k, name);
        if (!f) k.defined_at.fail_missing(name);
        return *f;
    }

    void build_calendar(int r, const CalendarSpec& spec) {
        Resource& res = inst_.resources[static_cast<std::size_t>(r)];
        ResourceCalendar& cal = res.calendar;
        if (const auto& k = spec.kinds[kShiftBreak]) {
            ShiftBreaks b;
            b.every = spec_require(*k, "every").as_int(1, kMaxTime);
            const Field dur = spec_require(*k, "duration");
            b.duration = dur.as_int(1, kMaxTime);
            if (b.duration >= b.every)
                dur.fail("shift breaks leave no working time (duration " + std::to_string(b.duration) +
                         " >= every " + std::to_string(b.every) + ")");
            // Breaks repeat for every integer k (MODEL.md 9.17), so the offset
            // only matters modulo `every`; normalising keeps arithmetic small.
            const int offset = spec_field(*k, "offset") ? spec_field(*k, "offset")->as_int(-kMaxTime, kMaxTime) : 0;
            b.offset = ((offset % b.every) + b.every) % b.every;
            cal.breaks = b;
        }
        if (const auto& k = spec.kinds[kMaintenance]) {
            Maintenance m;
            m.every = spec_require(*k, "every").as_int(1, kMaxTime);
            const Field dur = spec_require(*k, "duration");
            m.duration = dur.as_int(1, kMaxTime);
            if (m.duration >= m.every)
                dur.fail("maintenance leaves no working time (duration " + std::to_string(m.duration) +
                         " >= every " + std::to_string(m.every) + ")");
            if (auto since = spec_field(*k, "since_last")) {
                m.since_last = since->as_int(0, kMaxTime);
                if (m.since_last > m.every)  // MODEL.md 9.5: already overdue
                    since->fail("since_last " + std::to_string(m.since_last) + " exceeds every " +
                                std::to_string(m.every) + " (maintenance already overdue)");
            }
            // The first maintenance, if due in the horizon, must fit in it.
            if (m.first_due() < inst_.horizon && std::min(m.first_due(), inst_.horizon - m.duration) < 0)
                dur.fail("maintenance of " + std::to_string(m.duration) + " hours cannot fit in the horizon of " +
                         std::to_string(inst_.horizon));
            cal.maintenance = m;
        }
        if (const auto& k = spec.kinds[kSpare]) {
            SpareCapacity s;
            s.every = spec_require(*k, "every").as_int(1, kMaxTime);
            const Field dur = spec_require(*k, "duration");
            s.duration = dur.as_int(1, kMaxTime);
            if (s.duration >= s.every)
                dur.fail("spare capacity leaves no working time (duration " + std::to_string(s.duration) +
                         " >= every " + std::to_string(s.every) + ")");
            cal.spare = s;
        }
        for (const Field& o : spec.outages) read_outage(r, o, false);
        res.working = WorkingTime(cal.breaks);
    }

    void add_listed_outage(const Field& o) {
        o.expect_map();
        const Field rf = o.require("resource");
        const std::string id = rf.as_string();
        auto r = inst_.find_resource(id);
        if (!r) rf.fail("unknown resource '" + id + "'");
        read_outage(*r, o, true);
    }

    // {resource?, start, end, reason?} inside [0, horizon] with end > start.
    void read_outage(int r, const Field& o, bool with_resource) {
        o.expect_map();
        o.check_keys({"resource", "start", "end", "reason"});
        if (!with_resource) {
            // Under a resource (or stage) the resource is implied; if written it must agree.
            if (auto rf = o.get("resource")) {
                const std::string& id = inst_.resources[static_cast<std::size_t>(r)].id;
                if (rf->as_string() != id) rf->fail("outage listed under '" + id + "' names another resource");
            }
        }
        Outage out;
        const Field sf = o.require("start");
        out.start = sf.as_int(-kMaxTime, kMaxTime);
        if (out.start < 0) sf.fail("outage starts before the horizon (0)");
        const Field ef = o.require("end");
        out.end = ef.as_int(-kMaxTime, kMaxTime);
        if (out.end > inst_.horizon) ef.fail("outage ends after the horizon (" + std::to_string(inst_.horizon) + ")");
        if (out.end <= out.start) ef.fail("outage must end after its start (" + std::to_string(out.start) + ")");
        if (auto rf = o.get("reason")) out.reason = rf->as_string();
        inst_.resources[static_cast<std::size_t>(r)].calendar.outages.push_back(std::move(out));
    }

    void finish_calendar(int r) {
        Resource& res = inst_.resources[static_cast<std::size_t>(r)];
        std::stable_sort(res.calendar.outages.begin(), res.calendar.outages.end(),
                         [](const Outage& a, const Outage& b) { return a.start < b.start; });
        if (available_hours(res, inst_.horizon) <= 0)
            resource_fields_[static_cast<std::size_t>(r)].fail(
                "the calendar of '" + res.id + "' leaves no working time in [0, " + std::to_string(inst_.horizon) +
                ") after shift breaks and outages");
    }

    // `--allow-unmet`: every unit of demand may stay unmet in this run (a
    // SKU's min_fill too); a hard instance prices it at PENALTY, a soft one
    // keeps its prices (docs/unmet-demand.md).
    void apply_allow_unmet() {
        if (!load_options_.allow_unmet) return;
        for (Product& p : inst_.products) p.min_fill = 0;
        if (inst_.demand_soft) return;
        inst_.demand_soft = true;
        inst_.weights.unmet = *load_options_.allow_unmet;
    }

    // --- objective, storage -------------------------------------------------------
    void read_objective() {
        double unmet_penalty = 0;
        if (auto f = root_.get("unmet_penalty")) unmet_penalty = f->as_number(0, kMaxAmount);
        inst_.weights.unmet = unmet_penalty;  // MODEL.md 9.10: objective.unmet wins
        const auto obj = root_.get("objective");
        if (!obj) return;
        obj->expect_map();
        obj->check_keys({"downtime", "changeover", "lateness", "unmet", "holding", "overproduction", "changes"});
        ObjectiveWeights& w = inst_.weights;
        const std::pair<const char*, double*> weights[] = {
            {"downtime", &w.downtime}, {"changeover", &w.changeover}, {"lateness", &w.lateness},
            {"unmet", &w.unmet},       {"holding", &w.holding},       {"overproduction", &w.overproduction},
            {"changes", &w.changes}};
        for (auto [key, slot] : weights)
            if (auto f = obj->get(key)) *slot = f->as_number(0, kMaxAmount);
    }

    void read_storage() {
        const auto f = root_.get("storage");
        if (!f) return;
        f->expect_map();
        f->check_keys({"totes", "tote_capacity", "static_totes_per_running_line"});
        Storage s;
        s.totes = f->require("totes").as_int(1, 1'000'000'000);
        s.tote_capacity = f->require("tote_capacity").as_number(kMinAmount, kMaxAmount);
        if (auto st = f->get("static_totes_per_running_line")) s.static_totes_per_running_line = st->as_int(0, 1'000'000);
        inst_.storage = s;
    }

    // --- rolling review (MODEL.md 6) ------------------------------------------------
    void read_fixed() {
        if (auto f = root_.get("frozen_until")) inst_.frozen_until = f->as_int(0, inst_.horizon);
        const auto fixed = root_.get("fixed");
        if (!fixed) return;
        fixed->expect_map();
        fixed->check_keys({"rows", "blocks"});
        if (auto rows = fixed->get("rows")) {
            rows->expect_sequence();
            io::AmountTotal total;
            for (std::size_t i = 0; i < rows->size(); ++i) read_fixed_row(rows->item(i), total);
        }
        if (auto blocks = fixed->get("blocks")) {
            blocks->expect_sequence();
            for (std::size_t i = 0; i < blocks->size(); ++i) read_fixed_block(blocks->item(i));
        }
        check_fixed_overlaps();
    }

    void read_fixed_row(const Field& f, io::AmountTotal& total) {
        const io::RowRead read = io::read_row(inst_, f, io::RowCheck::Strict);
        const Row& row = read.row;
        total.add(inst_, f, row);
        if (row.start < 0) f.require("start").fail("fixed row starts before 0");
        if (read.stated_end && *read.stated_end != row.end)
            f.require("end").fail("stated end " + std::to_string(*read.stated_end) + " differs from the derived end " +
                                  std::to_string(row.end));
        if (row.end > inst_.horizon)
            f.fail("fixed row ends at " + std::to_string(row.end) + ", after the horizon " + std::to_string(inst_.horizon));
        check_no_outage(f, row.resource, row.start, row.end, "fixed row");
        fixed_items_.push_back({row.resource, row.start, row.end, "fixed row", f});
        inst_.fixed_rows.push_back(row);
    }

    void read_fixed_block(const Field& f) {
        const Block b = io::read_block(inst_, f);
        if (b.start < 0) f.require("start").fail("fixed block starts before 0");
        if (b.end > inst_.horizon)
            f.require("end").fail("fixed block ends after the horizon " + std::to_string(inst_.horizon));
        // Outages are instance data; changeovers and breaks are re-derived from
        // rows and calendars, so only solver decisions are kept as fixed blocks.
        if (b.kind == BlockKind::Outage) f.require("kind").fail("outages belong in calendar.outages, not in fixed blocks");
        if (b.kind == BlockKind::Changeover || b.kind == BlockKind::ShiftBreak) return;
        check_no_outage(f, b.resource, b.start, b.end, "fixed block");
        // A block its resource's calendar does not have, or of another length,
        // is in no plan (MODEL.md 3, 9.4-9.5): an input error, not an exit 3.
        const ResourceCalendar& calendar = inst_.resources[static_cast<std::size_t>(b.resource)].calendar;
        const std::string& id = inst_.resources[static_cast<std::size_t>(b.resource)].id;
        const bool maintenance = b.kind == BlockKind::Maintenance;
        const std::optional<int> duration = maintenance ? (calendar.maintenance ? std::optional(calendar.maintenance->duration) : std::nullopt)
                                                        : (calendar.spare ? std::optional(calendar.spare->duration) : std::nullopt);
        if (!duration)
            f.require("kind").fail(std::string("'") + id + "' has no " + (maintenance ? "maintenance" : "spare_capacity") +
                                   " in its calendar, so it has no such block");
        if (b.end - b.start != *duration)
            f.require("end").fail(std::string(maintenance ? "maintenance" : "spare_capacity") + " of '" + id + "' lasts " +
                                  std::to_string(*duration) + ", this block " + std::to_string(b.end - b.start));
        fixed_items_.push_back({b.resource, b.start, b.end, std::string("fixed ") + to_string(b.kind) + " block", f});
        inst_.fixed_blocks.push_back(b);
    }

    // Fixed rows and blocks are all kept as they are: two that overlap on a
    // resource are in no plan (MODEL.md 3), an input error like an outage's.
    // By resource and start, so that 10^5 fixed blocks cost a sort, not pairs.
    void check_fixed_overlaps() {
        std::stable_sort(fixed_items_.begin(), fixed_items_.end(), [](const FixedItem& a, const FixedItem& b) {
            return std::tie(a.resource, a.start) < std::tie(b.resource, b.start);
        });
        for (std::size_t k = 1; k < fixed_items_.size(); ++k) {
            const FixedItem& before = fixed_items_[k - 1];
            const FixedItem& item = fixed_items_[k];
            if (item.resource == before.resource && item.start < before.end)
                item.field.fail(item.what + " [" + std::to_string(item.start) + ", " + std::to_string(item.end) +
                                ") overlaps the " + before.what + " [" + std::to_string(before.start) + ", " +
                                std::to_string(before.end) + ") on '" +
                                inst_.resources[static_cast<std::size_t>(item.resource)].id + "'");
        }
        fixed_items_.clear();
    }

    void check_no_outage(const Field& f, int r, int start, int end, const char* what) const {
        for (const Outage& o : inst_.resources[static_cast<std::size_t>(r)].calendar.outages)
            if (o.start < end && start < o.end)
                f.fail(std::string(what) + " [" + std::to_string(start) + ", " + std::to_string(end) +
                       ") overlaps the outage [" + std::to_string(o.start) + ", " + std::to_string(o.end) + ") on '" +
                       inst_.resources[static_cast<std::size_t>(r)].id + "'");
    }

    // --- counts that must fit in 64 bits (docs/model-decisions.md, "Input limits") ---
    // A paste's whole demand, in batches of any of its mixers, is at most
    // kMaxUnits: batch counts, like unit counts, then stay far from 2^63 in
    // every sum a checker or solver forms. Soft demand too (it may be planned).
    void check_batch_counts() const {
        for (int p = 0; p < inst_.num_pastes; ++p) {
            const Product& paste = inst_.products[static_cast<std::size_t>(p)];
            double need = 0;
            for (int s : paste.skus) {
                const Product& sku = inst_.products[static_cast<std::size_t>(s)];
                need += static_cast<double>(sku.demand) / sku.units_per_lb;
            }
            for (int r : paste.eligible) {
                const Resource& mixer = inst_.resources[static_cast<std::size_t>(r)];
                const double batches = need / mixer.batch_size;
                if (batches <= static_cast<double>(kMaxUnits)) continue;
                product_fields_[static_cast<std::size_t>(p)].require("batch_hours").fail_key(
                    mixer.id, "the demand of paste '" + paste.id + "' (" + io::number_text(need) + " lbs) would take " +
                                  io::number_text(batches) + " batches of " + io::number_text(mixer.batch_size) +
                                  " lbs on '" + mixer.id + "', more than " + io::number_text(static_cast<double>(kMaxUnits)));
            }
        }
    }

    // Initial stock sits in totes from time 0 on (MODEL.md 4, 9.9): if it
    // alone needs more totes than there are, no plan can be feasible.
    void check_initial_totes() const {
        if (!inst_.storage) return;
        const Storage& storage = *inst_.storage;
        std::int64_t totes = 0;  // each term is at most kToteCountCap: no overflow
        double unrounded = 0;    // for the message when a term saturated
        for (int p = 0; p < inst_.num_pastes; ++p) {
            const Product& paste = inst_.products[static_cast<std::size_t>(p)];
            totes += totes_for(paste.initial_stock, storage.tote_capacity);
            unrounded += paste.initial_stock / storage.tote_capacity;
            if (totes <= storage.totes) continue;
            product_fields_[static_cast<std::size_t>(p)].require("initial_stock").fail(
                "the initial stock needs " +
                (totes >= kToteCountCap ? "about " + io::number_text(unrounded) : std::to_string(totes)) + " totes of " +
                io::number_text(storage.tote_capacity) +
                " lbs at time 0 (pastes up to '" + paste.id + "'), more than the " + std::to_string(storage.totes) +
                " totes of storage.totes");
        }
    }

    // A mixer row's whole output is held at its end (no line row that ends
    // by then can have taken any of it, MODEL.md 4): a paste whose every
    // mixer's single batch needs more totes than storage has is never made.
    // Demand that must be packed from it beyond its initial stock (hard
    // demand, or a soft SKU's min_fill share) then has no plan: an input error.
    void check_batch_totes() const {
        if (!inst_.storage) return;
        const Storage& storage = *inst_.storage;
        for (int p = 0; p < inst_.num_pastes; ++p) {
            const Product& paste = inst_.products[static_cast<std::size_t>(p)];
            if (paste.eligible.empty()) continue;
            double smallest_batch = std::numeric_limits<double>::infinity();
            for (int r : paste.eligible)
                smallest_batch = std::min(smallest_batch, inst_.resources[static_cast<std::size_t>(r)].batch_size);
            const std::int64_t batch_totes = totes_for(smallest_batch, storage.tote_capacity);
            if (batch_totes <= storage.totes) continue;
            double need = -paste.initial_stock;
            for (int s : paste.skus)
                need += static_cast<double>(inst_.required_units(s)) / inst_.products[static_cast<std::size_t>(s)].units_per_lb;
            if (need <= lbs_tolerance(paste.initial_stock)) continue;
            product_fields_[static_cast<std::size_t>(p)].fail(
                "one batch of any of its mixers (" + io::number_text(smallest_batch) + " lbs or more) needs " +
                std::to_string(batch_totes) + " totes of " + io::number_text(storage.tote_capacity) +
                " lbs, more than the " + std::to_string(storage.totes) + " totes of storage.totes, so paste '" +
                paste.id + "' cannot be made; its SKUs must pack " + io::number_text(std::ceil(need)) +
                " lbs of it beyond its initial stock" + (inst_.demand_soft ? " (their min_fill)" : ""));
        }
    }

    // --- demand that cannot fit ---------------------------------------------------
    // A cheap necessary condition per product, not a feasibility proof: the
    // product alone on all its eligible resources, ignoring changeovers,
    // maintenance and spare capacity. Soft demand may stay unmet, so no check.
    void check_capacity() {
        if (inst_.demand_soft) return;
        std::vector<long long> avail(inst_.resources.size());
        for (std::size_t r = 0; r < inst_.resources.size(); ++r) avail[r] = available_hours(inst_.resources[r], inst_.horizon);
        for (int s = inst_.num_pastes; s < static_cast<int>(inst_.products.size()); ++s) check_sku_capacity(s, avail);
        for (int p = 0; p < inst_.num_pastes; ++p) check_paste_capacity(p, avail);
    }

    void check_sku_capacity(int s, const std::vector<long long>& avail) const {
        const Product& sku = inst_.products[static_cast<std::size_t>(s)];
        if (sku.demand == 0) return;
        // A hard due date (MODEL.md 5) is the SKU's own horizon.
        const int limit = sku.due_hard && sku.due ? std::min(*sku.due, inst_.horizon) : inst_.horizon;
        double units = 0;
        for (int r : sku.eligible) {
            const long long h = limit == inst_.horizon ? avail[static_cast<std::size_t>(r)]
                                                       : available_hours(inst_.resources[static_cast<std::size_t>(r)], limit);
            units += static_cast<double>(h) * inst_.option(s, r)->rate;
        }
        if (static_cast<double>(sku.demand) > units * (1 + 1e-12))
            product_fields_[static_cast<std::size_t>(s)].require("demand").fail(
                "demand " + std::to_string(sku.demand) + " cannot fit: its eligible lines can pack at most " +
                io::number_text(std::floor(units)) + " units by " + std::to_string(limit));
    }

    void check_paste_capacity(int p, const std::vector<long long>& avail) const {
        const Product& paste = inst_.products[static_cast<std::size_t>(p)];
        double need = -paste.initial_stock;
        for (int s : paste.skus) {
            const Product& sku = inst_.products[static_cast<std::size_t>(s)];
            need += static_cast<double>(sku.demand) / sku.units_per_lb;
        }
        if (need <= 0) return;
        double lbs = 0;  // whole batches only: a batch needs batch_hours of working time
        for (int r : paste.eligible)
            lbs += std::floor(static_cast<double>(avail[static_cast<std::size_t>(r)]) / inst_.option(p, r)->batch_hours) *
                   inst_.resources[static_cast<std::size_t>(r)].batch_size;
        if (need > lbs * (1 + 1e-12) + 1e-6)
            product_fields_[static_cast<std::size_t>(p)].fail(
                "the demand of its SKUs needs " + io::number_text(std::ceil(need)) +
                " lbs of paste '" + paste.id + "' but its eligible mixers can make at most " +
                io::number_text(lbs) + " lbs in the horizon");
    }

    Field root_;
    LoadOptions load_options_;
    Instance inst_;
    bool due_hard_default_ = false;
    std::vector<Field> resource_fields_;  // entry of each resource, for messages
    struct FixedItem {
        int resource, start, end;
        std::string what;
        Field field;
    };
    std::vector<FixedItem> fixed_items_;  // read_fixed's rows and blocks, for check_fixed_overlaps
    std::vector<Field> product_fields_;   // entry of each product, for messages
    std::vector<Option> options_;
    std::vector<int> option_index_;
};

}  // namespace

Instance parse_instance(const std::string& yaml_text, const std::string& name, const LoadOptions& options) {
    try {
        const io::Document doc = io::Document::parse(yaml_text, name);
        return Loader(doc, name, options).load();
    } catch (const std::bad_alloc&) {
        // Only an absurdly large file gets here; it is still the input's fault.
        throw InputError(name, 0, 0, "", "out of memory while reading the instance");
    }
}

Instance load_instance(const std::string& path, const LoadOptions& options) {
    return parse_instance(read_input_file(path, "an instance"), path, options);
}

}  // namespace makepack
