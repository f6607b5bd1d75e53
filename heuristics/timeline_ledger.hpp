// A paste's ledger (model/paste_ledger.hpp) from a timeline's rows: its
// initial stock, a lot at each of its mixer rows' ends, a use at each of its
// SKUs' line rows' starts. The heuristics ask every paste question of it.
#pragma once

#include "heuristics/timeline.hpp"
#include "model/paste_ledger.hpp"

namespace makepack {

void fill_ledger(const PlantTimeline& timeline, int paste, PasteLedger& ledger);

}  // namespace makepack
