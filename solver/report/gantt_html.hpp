// The Gantt chart as one self-contained HTML page: the SVG of gantt_svg.hpp
// inline, a little CSS and JavaScript (no external assets, no network):
// hover tooltips, a time cursor with the date, the paste under the pointer
// highlighted on all lanes, stock level at the pointer, fit-to-width toggle.
#pragma once

#include "solver/report/gantt_svg.hpp"

#include <string>

namespace makepack::report {

std::string gantt_html(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective,
                       const GanttOptions& options = {});

}  // namespace makepack::report
