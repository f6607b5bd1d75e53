#include "model/rules/calendar_blocks.hpp"

#include "model/rules/format.hpp"

#include <vector>

namespace makepack {

void check_maintenance_chain(const Instance& instance, int resource, std::span<const Block> blocks,
                             ViolationSink& sink) {
    const Resource& res = instance.resources[static_cast<std::size_t>(resource)];
    const std::optional<Maintenance>& calendar = res.calendar.maintenance;
    if (!calendar) {
        for (const Block& block : blocks)
            sink.report([&] {
                return Violation{"maintenance", res.id, block.start, block.end,
                                 "maintenance on a resource without a maintenance calendar"};
            });
        return;
    }
    // due_1 = every - since_last; each block (late or not) resets due to start + every.
    long long due = calendar->first_due();
    for (const Block& block : blocks) {
        if (sink.done()) return;
        if (static_cast<long long>(block.end) - block.start != calendar->duration)
            sink.report([&] {
                return Violation{"maintenance", res.id, block.start, block.end,
                                 "maintenance lasts " + std::to_string(static_cast<long long>(block.end) - block.start) +
                                     " h, must last exactly " + std::to_string(calendar->duration) + " h"};
            });
        if (block.start > due)
            sink.report([&] {
                return Violation{"maintenance", res.id, block.start, block.end,
                                 "maintenance starts at " + std::to_string(block.start) + ", after its due time " +
                                     std::to_string(due)};
            });
        due = static_cast<long long>(block.start) + calendar->every;
    }
    // A maintenance due before the horizon end is required (and must fit: the
    // horizon rule then enforces the start <= horizon - duration part).
    if (due < instance.horizon)
        sink.report([&] {
            const long long latest = std::min<long long>(due, static_cast<long long>(instance.horizon) - calendar->duration);
            return Violation{"maintenance", res.id, static_cast<int>(due), static_cast<int>(due + calendar->duration),
                             "maintenance due at " + std::to_string(due) + " is missing (must start by " +
                                 std::to_string(latest) + ")"};
        });
}

void check_spare_capacity(const Instance& instance, int resource, std::span<const Block> blocks,
                          ViolationSink& sink) {
    const Resource& res = instance.resources[static_cast<std::size_t>(resource)];
    const std::optional<SpareCapacity>& calendar = res.calendar.spare;
    if (!calendar || calendar->every <= 0) {
        for (const Block& block : blocks)
            sink.report([&] {
                return Violation{"spare-capacity", res.id, block.start, block.end,
                                 "spare capacity on a resource without a spare capacity calendar"};
            });
        return;
    }
    const long long every = calendar->every;
    const long long periods = instance.horizon / every;  // full periods only
    std::vector<int> count(static_cast<std::size_t>(std::max<long long>(periods, 0)), 0);
    for (const Block& block : blocks) {
        if (sink.done()) return;
        if (static_cast<long long>(block.end) - block.start != calendar->duration)
            sink.report([&] {
                return Violation{"spare-capacity", res.id, block.start, block.end,
                                 "spare capacity lasts " +
                                     std::to_string(static_cast<long long>(block.end) - block.start) +
                                     " h, must last exactly " + std::to_string(calendar->duration) + " h"};
            });
        const long long k = block.start >= 0 ? block.start / every : -1;
        if (k < 0 || k >= periods || block.end > (k + 1) * every) {
            sink.report([&] {
                return Violation{"spare-capacity", res.id, block.start, block.end,
                                 "spare capacity " + interval_text(block.start, block.end) +
                                     " is not inside one full period of " + std::to_string(every) + " h"};
            });
            continue;
        }
        ++count[static_cast<std::size_t>(k)];
    }
    for (long long k = 0; k < periods && !sink.done(); ++k) {
        const int n = count[static_cast<std::size_t>(k)];
        if (n == 1) continue;
        sink.report([&] {
            return Violation{"spare-capacity", res.id, static_cast<int>(k * every), static_cast<int>((k + 1) * every),
                             n == 0 ? "period " + interval_text(k * every, (k + 1) * every) + " has no spare capacity block"
                                    : "period " + interval_text(k * every, (k + 1) * every) + " has " +
                                          std::to_string(n) + " spare capacity blocks, must have exactly one"};
        });
    }
}

}  // namespace makepack
