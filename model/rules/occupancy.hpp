// No two things occupy one resource at once (MODEL.md 3): rows, changeovers,
// maintenance, spare capacity and outages, as half-open intervals. Shift
// breaks are not occupants: they only pause rows and changeovers.
#pragma once

#include "model/instance.hpp"
#include "model/rules/violation_sink.hpp"

#include <cstdint>
#include <vector>

namespace makepack {

enum class OccupantKind : std::uint8_t { Row, Changeover, Maintenance, SpareCapacity, Outage };

struct Occupant {
    int start = 0;
    int end = 0;
    OccupantKind kind = OccupantKind::Row;
    int product = -1;  // rows and changeovers: the row's product
};

// Sorts `occupants` and reports each one that starts before the furthest end
// seen so far (one sweep, O(n log n)). Empty intervals occupy nothing; two
// outages overlapping is the instance's business, not the schedule's. An
// overlap involving a changeover is reported as rule "changeover".
void check_no_overlap(const Instance& instance, int resource, std::vector<Occupant>& occupants, ViolationSink& sink);

}  // namespace makepack
