#include "tests/support/differential.hpp"

#include "model/checker.hpp"
#include "model/input_error.hpp"
#include "model/instance_loader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace makepack::fixtures {

namespace {

// Reads the fuzz bytes; zeros once they run out (so every input is a case).
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    unsigned byte() { return pos_ < size_ ? data_[pos_++] : 0u; }
    int below(int n) { return static_cast<int>((byte() << 8 | byte()) % static_cast<unsigned>(n)); }
    template <class T, std::size_t N>
    T pick(const T (&options)[N]) { return options[static_cast<std::size_t>(below(static_cast<int>(N)))]; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

std::string num(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

struct Plant {
    int horizon = 0;
    std::vector<double> batch_size;         // per mixer
    std::vector<double> rate;               // per line
    std::vector<int> batch_hours;           // per paste (same on every mixer)
    std::vector<double> initial;            // per paste
    std::vector<int> sku_paste;             // per SKU
    std::vector<double> units_per_lb;       // per SKU
    std::vector<long long> demand;          // per SKU
    int break_every = 0, break_duration = 0;  // lines; 0 = no breaks
    bool storage = false;
    long long totes = 0;
    double tote_capacity = 0;
    int static_totes = 0;
};

struct RefRow {
    bool mixer = false;
    int resource = 0;  // index within its stage
    int product = 0;   // paste index or SKU index
    long long amount = 0;
    int start = 0, end = 0;
    long double lbs = 0;
};

std::string yaml_of(const Plant& p) {
    std::string y = "name: diff\nhorizon: " + std::to_string(p.horizon) + "\nmixers:\n";
    for (std::size_t m = 0; m < p.batch_size.size(); ++m)
        y += "  - {id: M" + std::to_string(m) + ", batch_size: " + num(p.batch_size[m]) + "}\n";
    y += "lines:\n";
    for (std::size_t l = 0; l < p.rate.size(); ++l) y += "  - {id: L" + std::to_string(l) + ", rate: " + num(p.rate[l]) + "}\n";
    y += "pastes:\n";
    for (std::size_t q = 0; q < p.batch_hours.size(); ++q) {
        std::string hours, downtime;
        for (std::size_t m = 0; m < p.batch_size.size(); ++m) {
            hours += (m ? ", " : "") + ("M" + std::to_string(m)) + ": " + std::to_string(p.batch_hours[q]);
            downtime += (m ? ", " : "") + ("M" + std::to_string(m)) + ": 0";
        }
        y += "  - {id: P" + std::to_string(q) + ", batch_hours: {" + hours + "}, downtime: {" + downtime +
             "}, initial_stock: " + num(p.initial[q]) + "}\n";
    }
    y += "skus:\n";
    for (std::size_t s = 0; s < p.sku_paste.size(); ++s)
        y += "  - {id: S" + std::to_string(s) + ", paste: P" + std::to_string(p.sku_paste[s]) +
             ", units_per_lb: " + num(p.units_per_lb[s]) + ", demand: " + std::to_string(p.demand[s]) + "}\n";
    y += "changeover: {mixers: 1, lines: 1}\n";
    if (p.break_every > 0)
        y += "calendar:\n  lines: {shift_break: {every: " + std::to_string(p.break_every) +
             ", duration: " + std::to_string(p.break_duration) + "}}\n";
    if (p.storage)
        y += "storage: {totes: " + std::to_string(p.totes) + ", tote_capacity: " + num(p.tote_capacity) +
             ", static_totes_per_running_line: " + std::to_string(p.static_totes) + "}\n";
    return y;
}

bool line_break(const Plant& p, long long h) {
    return p.break_every > 0 && ((h % p.break_every) + p.break_every) % p.break_every < p.break_duration;
}

// End of `work` hours from `start`, hour by hour (MODEL.md 3: work pauses over breaks).
int slow_end(const Plant& p, bool line, int start, long long work) {
    long long t = start;
    for (long long done = 0; done < work; ++t)
        if (!line || !line_break(p, t)) ++done;
    return static_cast<int>(t);
}

// ceil(q) of a tote count, with 2^32 standing for "more than any storage".
long long capped_ceil(long double q) {
    if (!(q < 4294967296.0L)) return 4294967296LL;
    return static_cast<long long>(std::ceil(q));
}

}  // namespace

DifferentialOutcome run_differential(const std::uint8_t* data, std::size_t size) {
    Bytes in(data, size);
    DifferentialOutcome outcome;
    Plant p;
    p.horizon = 1 + in.below(120);
    const double kBatchSizes[] = {1, 1000, 0.25, 5e9, 1e15, 1e-6, 3, 123456.5};
    const double kRates[] = {1, 100, 1e6, 1e12, 7, 0.5};
    const double kStocks[] = {0, 0, 1, 5e9, 1e15, 2.5, 1e-7, 999999.75};
    const double kUnitsPerLb[] = {1, 2, 0.5, 1e-6, 1e6, 3, 1e15};
    const double kToteCapacities[] = {1e-6, 1, 250, 1e15, 0.3, 5e9};
    const long long kTotes[] = {1, 3, 1000, 1'000'000'000, 50};
    const int mixers = 1 + in.below(2), lines = 1 + in.below(2), pastes = 1 + in.below(2), skus = 1 + in.below(3);
    for (int m = 0; m < mixers; ++m) p.batch_size.push_back(in.pick(kBatchSizes));
    for (int l = 0; l < lines; ++l) p.rate.push_back(in.pick(kRates));
    for (int q = 0; q < pastes; ++q) {
        p.batch_hours.push_back(1 + in.below(5));
        p.initial.push_back(in.pick(kStocks));
    }
    for (int s = 0; s < skus; ++s) {
        p.sku_paste.push_back(in.below(pastes));
        p.units_per_lb.push_back(in.pick(kUnitsPerLb));
        p.demand.push_back(in.below(4) == 0 ? in.below(1000) : 0);
    }
    if (in.below(2)) {
        p.break_every = 2 + in.below(11);
        p.break_duration = 1 + in.below(p.break_every - 1);
    }
    p.storage = in.below(4) != 0;
    p.totes = in.pick(kTotes);
    p.tote_capacity = in.pick(kToteCapacities);
    p.static_totes = in.below(3);

    // The last plant is kept: fuzzed bytes often change only the rows, and
    // parsing is most of a run's time (parse_instance is pure).
    static std::string cached_yaml;
    static std::optional<Instance> cached;
    const std::string yaml = yaml_of(p);
    if (yaml != cached_yaml) {
        cached_yaml = yaml;
        cached.reset();
        try {
            cached = parse_instance(yaml, "diff.yaml");
        } catch (const InputError&) {
            // e.g. initial stock beyond the totes: the loader's business
        }
    }
    if (!cached) return outcome;
    const Instance& instance = *cached;

    // Rows: amounts from small to 1e15, work at most 5000 h (no row is out of range).
    const long long kQuantities[] = {1, 1000, 999999, 1'000'000'000'000LL, 1'000'000'000'000'000LL, 37};
    std::vector<RefRow> rows;
    const int n = in.below(9);
    for (int i = 0; i < n; ++i) {
        RefRow r;
        r.mixer = in.below(2) == 0;
        r.start = in.below(p.horizon + 5) - 2;
        if (r.mixer) {
            r.resource = in.below(mixers);
            r.product = in.below(pastes);
            r.amount = 1 + in.below(in.below(2) ? 3 : 1000);
            const long long work = r.amount * p.batch_hours[static_cast<std::size_t>(r.product)];
            r.end = slow_end(p, false, r.start, work);
            r.lbs = static_cast<long double>(r.amount) * p.batch_size[static_cast<std::size_t>(r.resource)];
        } else {
            r.resource = in.below(lines);
            r.product = in.below(skus);
            const double rate = p.rate[static_cast<std::size_t>(r.resource)];
            r.amount = in.pick(kQuantities);
            r.amount = std::max<long long>(1, std::min<long long>(r.amount, static_cast<long long>(rate * 5000)));
            // MODEL.md 2: a row works at least one hour, however fast the line.
            const long long work = std::max<long long>(1, static_cast<long long>(std::ceil(static_cast<long double>(r.amount) / rate - 1e-9L)));
            r.end = slow_end(p, true, r.start, work);
            r.lbs = static_cast<long double>(r.amount) / p.units_per_lb[static_cast<std::size_t>(r.product)];
        }
        rows.push_back(r);
    }

    Schedule schedule;
    for (const RefRow& r : rows) {
        Row row;
        row.resource = *instance.find_resource((r.mixer ? "M" : "L") + std::to_string(r.resource));
        row.product = *instance.find_product((r.mixer ? "P" : "S") + std::to_string(r.product));
        row.amount = r.amount;
        row.start = r.start;
        row.end = r.end;
        schedule.rows.push_back(row);
    }
    const CheckResult result = check_schedule(instance, schedule);
    std::set<std::string> rules;
    for (const Violation& v : result.violations) rules.insert(v.rule);
    for (const std::string& r : rules) outcome.rules += (outcome.rules.empty() ? "" : ",") + r;
    outcome.skipped = false;
    auto disagree = [&](const std::string& what) {
        if (outcome.disagreement.empty()) outcome.disagreement = what + "\n--- instance\n" + yaml_of(p) + "--- rows\n";
    };
    if (result.violation_count > result.violations.size()) return outcome;  // cannot see every rule

    // Rounding scale of the checker's double sums of lbs: a few ulps of the
    // largest amount it adds up, per event; `total` bounds any stock or need.
    long double largest = 0, total = 0;
    for (double v : p.initial) largest = std::max<long double>(largest, v), total += v;
    for (const RefRow& r : rows) largest = std::max(largest, r.lbs), total += r.lbs;
    const long double rounding = (rows.size() + 4) * 4 * 2.3e-16L * largest;
    const long double slack = rounding + 2e-6L;

    // --- material, one event time after another. The checker judges each
    // consumption alone (need > stock + 1e-9 * max(need, stock) + 1e-6) and a
    // short one empties the stock; so k consumptions at one time forgive at
    // most k tolerances, and a deficit below one tolerance is never flagged.
    bool shortage_sure = false, shortage_possible = false;
    const long double tolerance = 1e-6L + 1e-9L * total + rounding;
    for (int q = 0; q < pastes; ++q) {
        struct At {
            long double made = 0, taken = 0;
            int takes = 0;
        };
        std::map<int, At> at;
        at[0].made += p.initial[static_cast<std::size_t>(q)];
        for (const RefRow& r : rows) {
            if (r.mixer && r.product == q) at[r.end].made += r.lbs;
            if (!r.mixer && p.sku_paste[static_cast<std::size_t>(r.product)] == q) {
                at[r.start].taken += r.lbs;
                ++at[r.start].takes;
            }
        }
        long double stock = 0;
        for (const auto& [t, e] : at) {
            const long double deficit = e.taken - (stock + e.made);
            if (deficit > e.takes * tolerance) shortage_sure = true;
            if (deficit > 1e-6L - rounding) shortage_possible = true;
            stock = std::max<long double>(0, -deficit);
        }
    }
    const bool checker_shortage = rules.count("material") > 0;
    if (shortage_sure && !checker_shortage) disagree("the reference finds a paste shortage, the checker does not");
    if (!shortage_possible && checker_shortage) disagree("the checker reports a shortage the reference does not see");

    // --- demand: exact integer sums.
    for (int s = 0; s < skus; ++s) {
        __int128 produced = 0;
        for (const RefRow& r : rows)
            if (!r.mixer && r.product == s) produced += r.amount;
        const bool short_of_demand = produced < p.demand[static_cast<std::size_t>(s)];
        bool checker_says = false;
        for (const Violation& v : result.violations)
            checker_says = checker_says || (v.rule == "demand" && v.subject == "S" + std::to_string(s));
        if (short_of_demand != checker_says) disagree("demand of S" + std::to_string(s) + " judged differently");
    }

    // --- storage, hour by hour (only without a shortage: held stock is then well defined).
    if (p.storage && !shortage_possible && !checker_shortage) {
        bool over_sure = false, ok_sure = true;
        for (int h = 0; h < p.horizon; ++h) {
            long long lo = 0, hi = 0;
            for (int q = 0; q < pastes; ++q) {
                long double held = p.initial[static_cast<std::size_t>(q)];
                for (const RefRow& r : rows) {
                    if (r.mixer && r.product == q && r.end <= h) held += r.lbs;
                    if (!r.mixer && p.sku_paste[static_cast<std::size_t>(r.product)] == q && r.end <= h) held -= r.lbs;
                }
                const long double cap = p.tote_capacity;
                const long double low = held - slack - 1e-9L * std::fabs(held) - 1e-6L;
                const long double high = held + slack;
                lo += low <= 0 ? 0 : capped_ceil(low / cap - std::min<long double>(2e-9L * std::max<long double>(1, low / cap), 2e-3L));
                hi += high <= 0 ? 0 : capped_ceil(high / cap);
            }
            std::set<int> running;
            for (const RefRow& r : rows)
                if (!r.mixer && r.start <= h && h < r.end) running.insert(r.resource);
            const long long fixed = static_cast<long long>(running.size()) * p.static_totes;
            if (lo + fixed > p.totes) over_sure = true;
            if (hi + fixed > p.totes) ok_sure = false;
        }
        const bool checker_over = rules.count("storage") > 0;
        if (over_sure && !checker_over) disagree("the reference counts more totes than storage.totes, the checker does not");
        if (ok_sure && checker_over) disagree("the checker reports a storage violation the reference does not see");
    }

    // --- holding (lb-hours of [0, horizon)), when every row lies inside the horizon.
    const bool inside = std::all_of(rows.begin(), rows.end(), [&](const RefRow& r) { return r.start >= 0 && r.end <= p.horizon; });
    if (inside && !shortage_possible && !checker_shortage) {
        long double holding = 0;
        for (int q = 0; q < pastes; ++q)
            for (int h = 0; h < p.horizon; ++h) {
                long double held = p.initial[static_cast<std::size_t>(q)];
                for (const RefRow& r : rows) {
                    if (r.mixer && r.product == q && r.end <= h) held += r.lbs;
                    if (!r.mixer && p.sku_paste[static_cast<std::size_t>(r.product)] == q && r.start <= h) held -= r.lbs;
                }
                holding += held;
            }
        const long double error = std::fabs(holding - static_cast<long double>(result.objective.holding));
        if (error > 1e-6L * std::fabs(holding) + slack * p.horizon * 4)
            disagree("holding " + num(static_cast<double>(holding)) + " lb-hours, the checker says " +
                     num(result.objective.holding));
    }

    if (!outcome.disagreement.empty()) {
        for (const RefRow& r : rows)
            outcome.disagreement += std::string("  ") + (r.mixer ? "M" : "L") + std::to_string(r.resource) + " " +
                                    (r.mixer ? "P" : "S") + std::to_string(r.product) + " x" + std::to_string(r.amount) +
                                    " [" + std::to_string(r.start) + "," + std::to_string(r.end) + ")\n";
        outcome.disagreement += "--- checker\n";
        for (const Violation& v : result.violations) outcome.disagreement += to_string(v) + "\n";
    }
    return outcome;
}

}  // namespace makepack::fixtures
