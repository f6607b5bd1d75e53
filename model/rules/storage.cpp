#include "model/rules/storage.hpp"

#include "model/rules/format.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace makepack {
namespace {

struct StorageEvent {
    int time;
    int paste;   // -1: a line starts/stops running
    int line;    // resource index for running changes
    double lbs;  // change of held lbs (paste events)
    int running; // +1 / -1 (line events)
};

// Every change of held paste and of running lines, in time order.
std::vector<StorageEvent> storage_events(const Instance& instance, std::span<const Row> rows,
                                         std::span<const std::vector<LbsEvent>> scraps_by_paste) {
    std::vector<StorageEvent> events;
    events.reserve(2 * rows.size() + static_cast<std::size_t>(instance.num_pastes) + 1);
    events.push_back({0, -1, -1, 0, 0});  // totes are checked at 0 even when nothing happens then
    for (int p = 0; p < instance.num_pastes; ++p) {
        const double initial = instance.products[static_cast<std::size_t>(p)].initial_stock;
        if (initial > 0) events.push_back({0, p, -1, initial, 0});
    }
    for (const Row& row : rows) {
        const int end = instance.row_end(row);
        if (instance.is_mixer(row.resource)) {
            events.push_back({end, row.product, -1, instance.lbs(row), 0});
        } else {
            const int paste = instance.products[static_cast<std::size_t>(row.product)].paste;
            events.push_back({row.start, -1, row.resource, 0, +1});
            events.push_back({end, -1, row.resource, 0, -1});
            events.push_back({end, paste, -1, -instance.lbs(row), 0});
        }
    }
    for (std::size_t p = 0; p < scraps_by_paste.size(); ++p)
        for (const LbsEvent& scrap : scraps_by_paste[p]) events.push_back({scrap.time, static_cast<int>(p), -1, -scrap.lbs, 0});
    std::sort(events.begin(), events.end(), [](const StorageEvent& a, const StorageEvent& b) { return a.time < b.time; });
    return events;
}

}  // namespace

std::int64_t totes_for(double lbs, double tote_capacity) {
    if (lbs <= lbs_tolerance(lbs)) return 0;
    // The tolerance absorbs floating residue (3.0000000001 -> 3) but stays far
    // below one tote: 1e-9 * q alone would drop 3 totes at q = 3e9.
    const double q = lbs / tote_capacity;
    // Paste held is at least one tote, however big a tote is (MODEL.md 4).
    const double totes = std::max(1.0, std::ceil(q - std::min(1e-9 * std::max(1.0, q), 1e-3)));
    // `!(<)` also saturates NaN and inf; the cast below is then always in range.
    if (!(totes < static_cast<double>(kToteCountCap))) return kToteCountCap;
    return static_cast<std::int64_t>(totes);
}

void check_storage(const Instance& instance, std::span<const Row> rows,
                   std::span<const std::vector<LbsEvent>> scraps_by_paste, ViolationSink& sink, double* excess) {
    if (excess) *excess = 0;
    if (!instance.storage) return;
    const Storage& storage = *instance.storage;

    const std::vector<StorageEvent> events = storage_events(instance, rows, scraps_by_paste);
    std::vector<double> held(static_cast<std::size_t>(instance.num_pastes), 0.0);
    std::vector<std::int64_t> paste_totes(held.size(), 0);
    std::vector<int> rows_running(instance.resources.size(), 0);
    long long totes_in_paste = 0;
    long long lines_running = 0;

    // Usage is constant between event times, so checking after the last event
    // of each time is exact. Consecutive over-limit times form one violation.
    bool over = false;
    int over_start = 0;
    long long over_peak = 0;
    bool over_saturated = false;  // a paste's count hit kToteCountCap in the run: the peak is a lower bound
    int saturated_pastes = 0;
    const auto close_run = [&](int until) {
        if (!over) return;
        over = false;
        sink.report([&] {
            return Violation{"storage", "", over_start, until,
                             std::to_string(over_peak) + (over_saturated ? " or more" : "") + " totes in use from " + std::to_string(over_start) +
                                 " (paste and running lines), only " + std::to_string(storage.totes) + " available"};
        });
    };
    // Usage over the limit since the last event time (for `excess`).
    int last_time = 0;
    double last_over = 0;
    for (std::size_t i = 0; i < events.size();) {
        const int t = events[i].time;
        for (; i < events.size() && events[i].time == t; ++i) {
            const StorageEvent& event = events[i];
            if (event.paste >= 0) {
                const std::size_t p = static_cast<std::size_t>(event.paste);
                held[p] += event.lbs;
                const std::int64_t totes = totes_for(held[p], storage.tote_capacity);
                totes_in_paste += totes - paste_totes[p];
                saturated_pastes += (totes == kToteCountCap) - (paste_totes[p] == kToteCountCap);
                paste_totes[p] = totes;
            } else if (event.line >= 0) {
                int& running = rows_running[static_cast<std::size_t>(event.line)];
                if (running == 0 && event.running > 0) ++lines_running;
                running += event.running;
                if (running == 0 && event.running < 0) --lines_running;
            }
        }
        if (t < 0) continue;
        if (t >= instance.horizon) break;
        const long long in_use = totes_in_paste + storage.static_totes_per_running_line * lines_running;
        if (excess) {
            *excess += last_over * (t - last_time);
            last_time = t;
            last_over = static_cast<double>(std::max<long long>(0, in_use - storage.totes));
        }
        if (in_use > storage.totes) {
            if (!over) {
                over = true;
                over_start = t;
                over_peak = 0;
                over_saturated = false;
            }
            over_peak = std::max(over_peak, in_use);
            over_saturated = over_saturated || saturated_pastes > 0;
        } else {
            close_run(t);
        }
        if (sink.done()) return;
    }
    if (excess) *excess += last_over * (instance.horizon - last_time);
    close_run(instance.horizon);
}

}  // namespace makepack
