// The tables `makepack report` prints on top of verify's (solver/report_tables):
// utilisation and availability per resource, stock per paste.
#pragma once

#include "model/kpi.hpp"

#include <ostream>
#include <vector>

namespace makepack::report {

// Per resource: work, available, utilisation, planned stops, loading time,
// equipment downtime parts, operating time, availability (model/kpi.hpp,
// docs/report.md); "all mixers" / "all lines" add up hours and divide the sums.
void print_availability_table(std::ostream& out, const Instance& instance, const std::vector<ResourceKpi>& kpis,
                              const std::vector<ResourceAvailability>& availability);

// Per paste: peak stock and when, left over at the horizon end, scrapped.
void print_stock_table(std::ostream& out, const Instance& instance, const std::vector<PasteStock>& stock);

}  // namespace makepack::report
