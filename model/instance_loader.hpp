// Reads and validates an instance YAML file (MODEL.md 8) into an Instance.
#pragma once

#include "model/input_error.hpp"
#include "model/instance.hpp"

#include <optional>
#include <string>

namespace makepack {

// Throws InputError (file:line:column: field: message) on any bad input:
// malformed YAML, unknown or duplicate ids, missing fields, non-positive
// durations/rates/capacities, ineligible products, fixed items overlapping an
// outage, calendars leaving no time, demand that cannot fit the horizon.
struct LoadOptions {
    // `--allow-unmet PENALTY`: hard demand read as soft for this run (every
    // SKU's unmet unit priced at PENALTY unless it has its own unmet_penalty);
    // docs/unmet-demand.md.
    std::optional<double> allow_unmet;
};

Instance load_instance(const std::string& path, const LoadOptions& options = {});
// Same, from text; `name` stands for the file in messages.
Instance parse_instance(const std::string& yaml_text, const std::string& name, const LoadOptions& options = {});

}  // namespace makepack
