// The mixer side of the rules dispatch: when a line row needs paste that is
// not in stock, the paste's whole remaining campaign is made as early as the
// mixers allow, on the mixer the rule weights prefer (need-date: the one that
// finishes first; downtime: the lowest downtime rate; setup: the smallest
// changeover added), so a paste's SKUs can follow it on the lines.
#pragma once

#include "heuristics/timeline.hpp"
#include "heuristics/dispatch/rule_set.hpp"

#include <vector>

namespace makepack {

// Makes `campaign_lbs` of paste in one mixer row if a mixer has room for it,
// else `needed_lbs` in one row or in pieces as early as they go; returns the
// time it is all made, or -1 (rows placed so far stay in `new_rows` for the
// caller to remove).
int place_paste_campaign(PlantTimeline& timeline, const RuleSet& rules, int paste, double campaign_lbs,
                         double needed_lbs, std::vector<int>& new_rows);

}  // namespace makepack
