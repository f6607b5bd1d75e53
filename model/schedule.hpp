// A schedule: production rows and solver-placed calendar blocks (MODEL.md 8).
// Changeovers and shift breaks are derived from the rows and the calendar.
#pragma once

#include "model/instance.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

// Values a schedule file states; the checker recomputes and compares them.
struct StatedObjective {
    std::optional<double> total;
    std::map<std::string, double> components;  // unweighted, by MODEL.md 7 name
};

struct Schedule {
    std::string instance_name;
    std::vector<Row> rows;      // Row::end is derived (or, read from a file, as stated)
    std::vector<Block> blocks;  // maintenance and spare capacity; derived kinds only when listed
    std::optional<StatedObjective> stated;  // only for schedules read from a file
};

}  // namespace makepack
