// The two timings (mixer_forward_timing, line_backward_timing) against plans
// the greedy and the search wrote: every resource's rows, in the plan's order,
// must time, or the resequencer cannot start from that plan. Plans of large
// once failed here (a spare's room taken by a fixed block, a maintenance due
// inside an outage, a maintenance due just before a period the next row had to
// wait for).
//
// Not asserted: that every mixer row ends no later (line row starts no
// earlier) than in the plan. The forward timing puts a maintenance in only when
// a row would end past its due time, so the chain can drift earlier than a
// plan that held a row back to keep the chain late; on large that costs a few
// rows up to 8 h at the end of the horizon.
#include "heuristics/backward_greedy.hpp"
#include "heuristics/line_backward_timing.hpp"
#include "heuristics/mixer_forward_timing.hpp"
#include "heuristics/timeline.hpp"
#include "model/instance_loader.hpp"
#include "solver/search/parallel_search.hpp"
#include "tests/support/source_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace makepack;

namespace {

void check_every_resource_times(const Instance& in, const Schedule& plan) {
    const PlantTimeline tl = PlantTimeline::from_schedule(in, plan);
    std::vector<Row> rows;
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r) {
        CAPTURE(in.resources[r].id);
        tl.rows_on(r, rows);
        std::vector<SequencedRow> sequence;
        for (const Row& row : rows) sequence.push_back({row.product, row.amount});
        TimedSequence timed;
        if (in.is_mixer(r)) {
            CHECK(time_mixer_forward(in, r, sequence, timed));
        } else {
            std::vector<std::pair<int, int>> fixed;  // maintenance and outages stay; spare blocks are placed anew
            for (const TimelineItem& item : tl.items(r))
                if (item.row < 0 && item.kind != BlockKind::SpareCapacity) fixed.emplace_back(item.start, item.end);
            CHECK(time_line_backward(in, r, sequence, fixed, true, timed));
        }
    }
}

}  // namespace

TEST_CASE("timings: every resource of greedy and searched plans times") {
    for (const std::string name : {"bench/large.yaml", "bench/medium.yaml", "bench/small-tight.yaml"}) {
        CAPTURE(name);
        const Instance in = load_instance(fixtures::shipped(name));
        const GreedyResult greedy = backward_greedy(in);
        REQUIRE(greedy.schedule.has_value());
        check_every_resource_times(in, *greedy.schedule);
        for (unsigned seed : {1u, 2u, 3u}) {
            // One searched plan per instance under the sanitizers, none on large (its greedy plan is checked).
            if (fixtures::kSanitizedBuild && (seed > 1 || name == "bench/large.yaml")) {
                MESSAGE("sanitizer build: searched plans of " << name << " from seed " << seed << " on left to the Release run");
                break;
            }
            CAPTURE(seed);
            SearchConfig config;
            config.threads = 1;
            config.seed = seed;
            config.iterations = 1500;
            config.time_limit_seconds = 60;  // the iteration budget ends it
            config.moves = {"relocate", "swap", "split", "merge", "shift-block", "gather", "consolidate"};
            check_every_resource_times(in, parallel_search(in, *greedy.schedule, config).best);
        }
    }
}
