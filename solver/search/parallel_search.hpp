// The parallel search of the design card: workers on oneTBB (LNS-leaning and
// SA-leaning alternately) improve a start plan and share a best-solution pool;
// the answer is the best of the pool, checked in full.
#pragma once

#include "model/checker.hpp"
#include "solver/search/operator_stats.hpp"
#include "solver/search/search_config.hpp"

#include <optional>

namespace makepack {

struct SearchResult {
    Schedule best;                 // the start plan if nothing better was found
    ObjectiveBreakdown objective;
    double start_total = 0;
    double time_to_best = 0;       // seconds from the search start
    double seconds = 0;
    long long iterations = 0;      // all workers
    long long check_failures = 0;  // moves the full checker caught (must stay 0)
    StatsTable stats;
};

// `start` must be feasible. Throws std::invalid_argument for unknown operator names.
SearchResult parallel_search(const Instance& instance, const Schedule& start, const SearchConfig& config);

}  // namespace makepack
