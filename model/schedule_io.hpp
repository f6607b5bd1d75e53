// Reads and writes the schedule YAML of MODEL.md 8.
#pragma once

#include "model/output_file.hpp"  // write_file_atomically
#include "model/input_error.hpp"
#include "model/schedule.hpp"

#include <string>

namespace makepack {

struct ObjectiveBreakdown;

// Throws InputError on malformed YAML, unknown resource/product ids, missing
// fields or a row with batches on a line (quantity on a mixer).
Schedule load_schedule(const Instance& instance, const std::string& path);
Schedule parse_schedule(const Instance& instance, const std::string& yaml_text, const std::string& name);

// YAML text of the schedule with derived ends, changeover blocks for display,
// and the objective breakdown (unweighted components + weighted total).
std::string schedule_to_yaml(const Instance& instance, const Schedule& schedule, const ObjectiveBreakdown& objective);

// One row or block as the schedule writes it, "{resource: M1, product: P1,
// batches: 2, start: 0, end: 30}" (row.end as given): also review's frozen rows.
std::string row_flow_map(const Instance& instance, const Row& row);
std::string block_flow_map(const Instance& instance, const Block& block);


}  // namespace makepack
