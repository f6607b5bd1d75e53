// Forward dispatch start plan driven by weighted rules (APS optimize rules,
// docs/rules.md): whenever a packaging line is free, the rules score every
// SKU it could run next; the best one gets the line (its whole remaining
// demand when a gap takes it, else the biggest piece), after the mixer rows
// that make its paste: first with a paste short in stock made as one whole
// campaign (paste_campaign.hpp; fewer mixer rows), and where that leaves
// demand short, again with only the paste each row lacks made just in time
// before it (the campaign insertion's supply; fits tight plants more often).
#pragma once

#include "heuristics/backward_greedy.hpp"
#include "heuristics/dispatch/rule_set.hpp"

#include <functional>

namespace makepack {

struct DispatchOptions {
    RuleSet rules = RuleSet::defaults();
    // Polled between decisions: true ends the dispatch (time limit, Ctrl-C).
    std::function<bool()> should_stop;
};

// The plan (checked by the checker, as every start plan) or why there is none.
// On an instance where unmet demand is allowed, what could not be placed is
// left short and counted like the backward greedy's (GreedyResult::shortfall).
GreedyResult rules_dispatch(const Instance& instance, const DispatchOptions& options = {});

}  // namespace makepack
