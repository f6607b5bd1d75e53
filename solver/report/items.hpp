// Everything a schedule puts on the resources, as one list: production rows,
// the derived changeover after each row, the solver's maintenance and spare
// capacity blocks and the calendar's outages (shift breaks are periodic and
// left to the renderers). The CSV export writes it, the Gantt chart draws it.
#pragma once

#include "model/schedule.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace makepack::report {

enum class ItemKind { Row, Changeover, Maintenance, SpareCapacity, Outage };
const char* to_string(ItemKind kind);  // "row", "changeover", "maintenance", "spare_capacity", "outage"

struct Item {
    ItemKind kind = ItemKind::Row;
    int resource = -1;
    int start = 0;
    int end = 0;               // derived (rows and changeovers pause over shift breaks)
    int product = -1;          // row: its product; changeover: the product of the row before
    int next_product = -1;     // changeover: the product of the next row (-1 after the last row)
    std::int64_t amount = 0;   // row: batches (mixer) or units (line)
    double lbs = 0;            // row: paste made (mixer) or consumed (line)
    int work_hours = 0;        // row: nominal work; changeover: nominal changeover hours
    double downtime_rate = 0;  // row: expected downtime rate on its resource
    double downtime_hours = 0; // row: work x rate (the `downtime` objective's share)
    std::string reason;        // outage: its reason
};

// Sorted by resource index, then start (a row before its changeover).
// Rows that name no valid eligible product/resource pair are skipped.
std::vector<Item> schedule_items(const Instance& instance, const Schedule& schedule);

// Paste of a product (itself for a paste, -1 if none).
int paste_of(const Instance& instance, int product);

}  // namespace makepack::report
