// `makepack report --csv FILE`: one line per scheduled item (report/items.hpp)
// for spreadsheets, RFC 4180 (CRLF line ends, fields quoted when needed).
#pragma once

#include "model/schedule.hpp"

#include <string>

namespace makepack::report {

// Header: resource,stage,kind,product,paste,quantity,batches,lbs,start,end,
// start_datetime,end_datetime,work_hours,downtime_cost,note (docs/report.md).
std::string schedule_csv(const Instance& instance, const Schedule& schedule);

// One RFC 4180 field: quoted (with "" for ") when it holds , " CR or LF.
std::string csv_field(const std::string& text);

}  // namespace makepack::report
