// The Gantt chart of a schedule as a standalone SVG document (docs/report.md):
// one lane per resource (mixers, then lines) on a date axis, rows coloured by
// paste (SKUs in lighter/darker shades of their paste), changeovers, calendar
// blocks, shift breaks where they pause work, one stock lane per paste (the
// top N by peak stock) and a legend. Every item carries a <title> tooltip.
#pragma once

#include "model/checker.hpp"
#include "model/schedule.hpp"

#include <string>

namespace makepack::report {

struct GanttOptions {
    // Stock lanes: all pastes when there are at most stock_pastes + 4 of them,
    // else the stock_pastes pastes with the highest peak stock.
    int stock_pastes = 12;
    // Embedding in HTML: no XML prolog, and the root carries id="gantt".
    bool for_html = false;
};

// `objective`: the checker's breakdown of the schedule (for the title).
std::string gantt_svg(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective,
                      const GanttOptions& options = {});

// "oakhill-6w: objective 1436.59 (downtime 1004.59 + changeover 432)".
std::string gantt_title(const Instance& instance, const ObjectiveBreakdown& objective);

}  // namespace makepack::report
