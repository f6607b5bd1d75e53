#include "solver/search/plan_merge.hpp"

#include "heuristics/resequence.hpp"

#include <algorithm>

namespace makepack {

namespace {
std::optional<SearchState> if_feasible(const RuleContext& context, PlantTimeline plan) {
    SearchState state(context, std::move(plan));
    if (!state.feasible()) return std::nullopt;
    return state;
}

// The plan with its mixers' rows in the same order, re-timed as early as they
// go for the lines' needs; nullopt where re-timing could change a cost or
// some need stays unmet.
std::optional<SearchState> with_mixers_retimed(const RuleContext& context, const PlantTimeline& plan) {
    constexpr auto kScope = Resequencer::Scope::Mixers;
    if (!Resequencer::applicable(context.instance(), kScope)) return std::nullopt;
    SearchState state(context, plan);  // may break a rule: only its rows are read
    const Resequencer retimed(state, kScope);
    if (!retimed.feasible()) return std::nullopt;
    retimed.write(state);
    return if_feasible(context, state.timeline());
}
}  // namespace

std::vector<int> changed_resources(const PlantTimeline& from, const PlantTimeline& to) {
    std::vector<int> changed;
    std::vector<Row> rows_a, rows_b;
    std::vector<Block> blocks_a, blocks_b;
    const int resources = static_cast<int>(from.instance().resources.size());
    for (int r = 0; r < resources; ++r) {
        from.rows_on(r, rows_a);
        to.rows_on(r, rows_b);
        from.solver_blocks(r, blocks_a);
        to.solver_blocks(r, blocks_b);
        if (rows_a != rows_b || blocks_a != blocks_b) changed.push_back(r);
    }
    return changed;
}

Schedule graft_resources(const PlantTimeline& onto, const PlantTimeline& donor, const std::vector<int>& resources) {
    Schedule merged;
    merged.instance_name = onto.instance().name;
    std::vector<Row> rows;
    std::vector<Block> blocks;
    const int count = static_cast<int>(onto.instance().resources.size());
    for (int r = 0; r < count; ++r) {  // by resource, then start: as PlantTimeline::to_schedule orders them
        const PlantTimeline& source = std::binary_search(resources.begin(), resources.end(), r) ? donor : onto;
        source.rows_on(r, rows);
        merged.rows.insert(merged.rows.end(), rows.begin(), rows.end());
        source.solver_blocks(r, blocks);
        merged.blocks.insert(merged.blocks.end(), blocks.begin(), blocks.end());
    }
    return merged;
}

std::optional<SearchState> graft_changes(const SearchState& best, const SearchState& mine, const std::vector<int>& changed) {
    const RuleContext& context = best.context();
    const auto graft = [&](const std::vector<int>& resources) -> std::optional<SearchState> {
        PlantTimeline plan =
            PlantTimeline::from_schedule(context.instance(), graft_resources(best.timeline(), mine.timeline(), resources));
        if (auto merged = if_feasible(context, plan)) return merged;
        return with_mixers_retimed(context, plan);
    };
    if (auto merged = graft(changed)) return merged;
    std::vector<int> lines;
    std::copy_if(changed.begin(), changed.end(), std::back_inserter(lines),
                 [&](int r) { return !context.instance().is_mixer(r); });
    if (lines.empty() || lines.size() == changed.size()) return std::nullopt;
    return graft(lines);
}

}  // namespace makepack
