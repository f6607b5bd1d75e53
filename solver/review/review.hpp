// The rolling weekly review (MODEL.md 6; thesis 4.3/4.4): the new horizon's
// data + the previous plan + a freeze time T. What the previous plan starts
// before T is fixed exactly; the rest of it is the warm start of a re-plan
// that the parallel search then improves. docs/review.md describes it.
#pragma once

#include "model/checker.hpp"
#include "model/schedule.hpp"
#include "solver/solve/search_options.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace makepack {

// The review's problem: the new instance frozen at T, and what the warm start
// may reuse of the previous plan.
struct ReviewInput {
    // The new instance with frozen_until = T, fixed_rows / fixed_blocks = the
    // previous plan's rows and solver blocks starting before T, and
    // previous_rows = its rows starting at or after T (the `changes` objective).
    Instance instance;
    // Solver blocks (maintenance, spare capacity) of the previous plan starting
    // at or after T: the warm start keeps those that still fit.
    std::vector<Block> previous_blocks;
};

// Builds the frozen instance. `instance` must have no frozen_until / fixed of
// its own; `previous` was read against `instance` (load_schedule: its ids
// exist there). Throws InputError naming `previous_name` and the row or block
// (`rows[i]`, `blocks[i]` of the previous plan) when a fixed item cannot stay
// as it is: ineligible or empty now, a different end under the new calendar,
// ending after the horizon, overlapping an outage (MODEL.md 6: an input error),
// or a row whose shortest possible changeover runs into an outage.
// Derived blocks of the previous plan (changeover, shift_break, outage) are
// not decisions and are dropped. Throws std::invalid_argument for T outside
// [0, horizon].
ReviewInput freeze_previous_plan(const Instance& instance, const Schedule& previous, int freeze_until,
                                 const std::string& previous_name);

// Rows of the previous plan starting at or after T compared with a new plan
// (MODEL.md 6, 9.15): `kept` = same resource, product, start and amount;
// of the others, `moved` = those the new plan still makes as a row of the same
// product elsewhere (other resource, start or amount; paired per product),
// `removed` = the rest. `added` = new plan rows from T on that are neither kept
// nor a moved counterpart. `changes` (MODEL.md 7) = moved + removed.
struct PlanStability {
    int previous = 0;  // previous rows starting at or after T
    int kept = 0;
    int moved = 0;
    int removed = 0;
    int added = 0;
    int changes() const { return moved + removed; }
};
PlanStability compare_plans(const Instance& frozen, const Schedule& plan);

// The common search options (search_options.hpp): the time limit covers the
// whole review (warm start + search); a lower bound above 0 is also the target.
struct ReviewOptions : SearchOptions {};

struct ReviewOutcome {
    std::optional<Schedule> schedule;  // feasible for the frozen instance (checked)
    std::string failure;               // why there is none
    std::string start_method;          // "warm start from the previous plan" or the greedy fallback
    std::string warm_failure;          // why the warm start was not used (empty if it was)
    int warm_rows_kept = 0;            // previous rows from T on that the warm start kept as they were
    int warm_rows_dropped = 0;         // ... that it could not keep
    double start_objective = 0;
    double seconds = 0;
    long long iterations = 0;
    unsigned threads = 1;
};

// The warm start: fixed items, the previous plan's blocks and rows from T on
// that still fit the new instance, the missing calendar blocks, then
// ops::close_plan (missing demand, paste supply, trimmed surplus); checked.
// nullopt with `why` set when it cannot be made feasible.
std::optional<Schedule> warm_start(const ReviewInput& input, std::string& why, int* rows_kept = nullptr,
                                   int* rows_dropped = nullptr);

// Warm start (or, failing that, the backward greedy on the frozen instance),
// then the parallel search for the rest of the time limit. Never throws for an
// instance that cannot be scheduled: that is a failure in the outcome.
ReviewOutcome review_plan(const ReviewInput& input, const ReviewOptions& options = {});

// A self-contained instance YAML: `instance_text` (the new instance's file)
// with `frozen_until` and `fixed: {rows, blocks}` of `frozen` added, so that
// `makepack verify` checks a review's plan alone. Appends to the text when its
// root is a block mapping, else re-emits the document. Throws
// std::invalid_argument if the text already has `frozen_until` or `fixed`.
std::string frozen_instance_yaml(const std::string& instance_text, const Instance& frozen);

}  // namespace makepack
