// Per-operator statistics of a search (calls, outcomes, time), summed over workers.
#pragma once

#include <map>
#include <string>

namespace makepack {

struct OperatorStats {
    long long calls = 0;
    long long failed = 0;        // repair or move could not restore a plan, or a rule broke
    long long accepted = 0;
    long long improvements = 0;  // better than the worker's current plan
    long long new_bests = 0;     // better than every plan so far
    // The speculative chain: of the calls, candidates evaluated on a plan that
    // was no longer current by their turn (neither settled nor grafted).
    long long discarded = 0;
    long long work = 0;          // units of --work charged (heuristics/work_unit.hpp)
    double seconds = 0;
    void add(const OperatorStats& other) {
        calls += other.calls; failed += other.failed; accepted += other.accepted;
        improvements += other.improvements; new_bests += other.new_bests; discarded += other.discarded;
        work += other.work; seconds += other.seconds;
    }
};

using StatsTable = std::map<std::string, OperatorStats>;

}  // namespace makepack
