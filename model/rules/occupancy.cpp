#include "model/rules/occupancy.hpp"

#include "model/rules/format.hpp"

#include <algorithm>
#include <tuple>

namespace makepack {
namespace {

std::string describe(const Instance& instance, const Occupant& item) {
    const auto product = [&] { return instance.products[static_cast<std::size_t>(item.product)].id; };
    switch (item.kind) {
        case OccupantKind::Row: return "row " + product();
        case OccupantKind::Changeover: return "changeover after " + product();
        case OccupantKind::Maintenance: return "maintenance";
        case OccupantKind::SpareCapacity: return "spare capacity";
        case OccupantKind::Outage: return "outage";
    }
    return "?";
}

}  // namespace

void check_no_overlap(const Instance& instance, int resource, std::vector<Occupant>& occupants, ViolationSink& sink) {
    std::sort(occupants.begin(), occupants.end(), [](const Occupant& a, const Occupant& b) {
        return std::tie(a.start, a.end) < std::tie(b.start, b.end);
    });
    const Occupant* reach = nullptr;  // the occupant with the furthest end so far
    for (const Occupant& item : occupants) {
        if (item.end <= item.start) continue;
        if (reach != nullptr && item.start < reach->end &&
            !(item.kind == OccupantKind::Outage && reach->kind == OccupantKind::Outage)) {
            if (sink.done()) return;
            const bool changeover = item.kind == OccupantKind::Changeover || reach->kind == OccupantKind::Changeover;
            sink.report([&] {
                return Violation{changeover ? "changeover" : "overlap",
                                 instance.resources[static_cast<std::size_t>(resource)].id, item.start, item.end,
                                 describe(instance, item) + " overlaps " + describe(instance, *reach) + " " +
                                     interval_text(reach->start, reach->end)};
            });
        }
        if (reach == nullptr || item.end > reach->end) reach = &item;
    }
}

}  // namespace makepack
