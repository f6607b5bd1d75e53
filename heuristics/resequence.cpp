#include "heuristics/resequence.hpp"

#include <algorithm>
#include <cmath>

namespace makepack {

bool Resequencer::applicable(const Instance& in, Scope scope) {
    if (in.storage || in.weights.holding != 0 || in.weights.changes != 0) return false;
    if (in.frozen_until > 0 || !in.fixed_rows.empty() || !in.fixed_blocks.empty()) return false;
    for (int p = 0; p < in.num_pastes; ++p)
        if (in.products[p].max_hold) return false;
    if (scope == Scope::MixersAndLines)
        for (int s = in.num_pastes; s < static_cast<int>(in.products.size()); ++s)
            if (in.products[s].due) return false;
    return true;
}

double Resequencer::start_temperature(const Instance& in) {
    return 2.0 * std::max({in.weights.downtime, in.weights.changeover, kCostTolerance});
}

Resequencer::Resequencer(const SearchState& state, Scope scope, const ResequenceConfig& config)
    : in_(state.instance()), scope_(scope), config_(config), matrix_moves_(changeover_varies(in_.mixer_changeover)), place_line_spares_(scope == Scope::MixersAndLines), line_blocks_(static_cast<std::size_t>(in_.num_lines())),
      fixed_needs_(static_cast<std::size_t>(in_.num_pastes)), plan_(in_.resources.size()), timed_(in_.resources.size()),
      made_(static_cast<std::size_t>(in_.num_pastes)), taken_(static_cast<std::size_t>(in_.num_pastes)),
      fresh_(static_cast<std::size_t>(in_.num_pastes)),
      seen_(static_cast<std::size_t>(in_.num_pastes), 0) {
    const PlantTimeline& tl = state.timeline();
    std::vector<Row> rows;
    for (int r = 0; r < static_cast<int>(in_.resources.size()); ++r) {
        tl.rows_on(r, rows);
        const bool line = !in_.is_mixer(r);
        if (line && !lines_in_scope()) {
            for (const Row& row : rows) fixed_needs_[in_.products[row.product].paste].push_back({row.start, in_.lbs(row)});
            continue;
        }
        for (const Row& row : rows) plan_[r].push_back({row.product, row.amount});
        if (line)
            for (const TimelineItem& item : tl.items(r))
                if (item.row < 0 && !(place_line_spares_ && item.kind == BlockKind::SpareCapacity))
                    line_blocks_[r - in_.num_mixers].emplace_back(item.start, item.end);
    }
    feasible_ = true;
    for (int r = 0; r < static_cast<int>(plan_.size()) && feasible_; ++r)
        if (in_.is_mixer(r) || lines_in_scope()) feasible_ = retime(r);
    if (feasible_)
        for (int r = 0; r < static_cast<int>(plan_.size()); ++r) add_flows(r);
    feasible_ = feasible_ && all_supplied();
    double cost = 0;
    for (const TimedSequence& t : timed_) cost += t.cost;
    start_cost_ = best_cost_ = current_cost_ = cost;
    best_plan_ = plan_;
    best_timed_ = timed_;
}

bool Resequencer::retime(int resource) {
    if (in_.is_mixer(resource)) return time_mixer_forward(in_, resource, plan_[resource], timed_[resource]);
    return time_line_backward(in_, resource, plan_[resource], line_blocks_[resource - in_.num_mixers],
                              place_line_spares_, timed_[resource]);
}

int Resequencer::paste_of(const SequencedRow& row) const {
    const Product& product = in_.products[row.product];
    return product.stage == Stage::Mixer ? row.product : product.paste;
}

Resequencer::Flow Resequencer::flow_of(int r, std::size_t i) const {
    const SequencedRow& row = plan_[r][i];
    if (in_.is_mixer(r)) return {r, timed_[r].ends[i], static_cast<double>(row.amount) * in_.resources[r].batch_size};
    return {r, timed_[r].starts[i], static_cast<double>(row.amount) / in_.products[row.product].units_per_lb};
}

void Resequencer::add_flows(int r) {
    auto& flows = in_.is_mixer(r) ? made_ : taken_;
    for (std::size_t i = 0; i < plan_[r].size(); ++i) flows[paste_of(plan_[r][i])].push_back(flow_of(r, i));
}

bool Resequencer::supplied(const std::vector<int>& pastes, int a, int b) {
    // The flows of resources a and b (one stage) are read from fresh_, not from made_ / taken_.
    const bool mixers_changed = a >= 0 && in_.is_mixer(a);
    const bool lines_changed = a >= 0 && !mixers_changed;
    const auto kept = [a, b](const Flow& f) { return f.resource != a && f.resource != b; };
    for (int p : pastes) {
        const bool no_needs = lines_in_scope() ? taken_[p].empty() && !(lines_changed && !fresh_[p].empty())
                                               : fixed_needs_[p].empty();
        if (no_needs) continue;
        // One stage's flows of the paste, those of a and b from fresh_ if that stage changed.
        const auto collect = [&](const std::vector<Flow>& stored, bool changed, auto add) {
            for (const Flow& f : stored)
                if (!changed || kept(f)) add(f);
            if (changed)
                for (const Flow& f : fresh_[p]) add(f);
        };
        ledger_.reset(in_.products[p]);
        collect(made_[p], mixers_changed, [&](const Flow& f) { ledger_.add_lot(f.time, f.lbs); });
        if (lines_in_scope())
            collect(taken_[p], lines_changed, [&](const Flow& f) { ledger_.add_use(f.time, f.lbs); });
        else
            for (const Need& need : fixed_needs_[p]) ledger_.add_use(need.time, need.lbs);
        if (ledger_.has_shortage()) return false;
    }
    return true;
}

bool Resequencer::pastes_supplied(int a, int b) {
    // The pastes on a and b now are those they held before: a step moves rows
    // between them, or merges one into a twin, or splits one.
    ++stamp_;
    touched_.clear();
    for (int r : {a, b}) {
        if (r < 0) continue;
        for (const SequencedRow& row : plan_[r]) {
            const int paste = paste_of(row);
            if (seen_[paste] == stamp_) continue;
            seen_[paste] = stamp_;
            touched_.push_back(paste);
            fresh_[paste].clear();
        }
    }
    for (int r : {a, b})
        if (r >= 0)
            for (std::size_t i = 0; i < plan_[r].size(); ++i) fresh_[paste_of(plan_[r][i])].push_back(flow_of(r, i));
    return supplied(touched_, a, b);
}

void Resequencer::commit_flows(int a, int b) {
    auto& flows = in_.is_mixer(a) ? made_ : taken_;
    for (int p : touched_) {
        std::erase_if(flows[p], [a, b](const Flow& f) { return f.resource == a || f.resource == b; });
        flows[p].insert(flows[p].end(), fresh_[p].begin(), fresh_[p].end());
    }
}

bool Resequencer::all_supplied() {
    ++stamp_;
    touched_.clear();
    for (int p = 0; p < in_.num_pastes; ++p) {
        seen_[p] = stamp_;
        touched_.push_back(p);
    }
    return supplied(touched_, -1, -1);
}

std::int64_t Resequencer::amount_on(int from, int to, std::int64_t amount) const {
    if (!in_.is_mixer(from)) return amount;  // units are units on every line
    const double a = in_.resources[from].batch_size, b = in_.resources[to].batch_size;
    if (a == b) return amount;
    return static_cast<std::int64_t>(ceil_count(static_cast<double>(amount) * a / b));
}

bool Resequencer::pick_row(std::mt19937_64& rng, bool mixers, int& resource, int& position) const {
    const int first = mixers ? 0 : in_.num_mixers;
    const int last = mixers ? in_.num_mixers - 1 : static_cast<int>(in_.resources.size()) - 1;
    if (last < first) return false;
    for (int attempt = 0; attempt < 8; ++attempt) {
        resource = std::uniform_int_distribution<int>(first, last)(rng);
        if (plan_[resource].empty()) continue;
        position = std::uniform_int_distribution<int>(0, static_cast<int>(plan_[resource].size()) - 1)(rng);
        return true;
    }
    return false;
}

int Resequencer::pick_resource_for(std::mt19937_64& rng, int product) const {
    const auto& eligible = in_.products[product].eligible;
    return eligible[std::uniform_int_distribution<std::size_t>(0, eligible.size() - 1)(rng)];
}

void Resequencer::begin_change(int a, int b) {
    changed_[0] = a;
    changed_[1] = b == a ? -1 : b;
    for (int k = 0; k < 2; ++k)
        if (changed_[k] >= 0) {
            saved_plan_[k] = plan_[changed_[k]];
            saved_timed_[k] = timed_[changed_[k]];
        }
}

void Resequencer::undo_change() {
    for (int k = 0; k < 2; ++k)
        if (changed_[k] >= 0) {
            std::swap(plan_[changed_[k]], saved_plan_[k]);
            std::swap(timed_[changed_[k]], saved_timed_[k]);
        }
}

bool Resequencer::relocate(std::mt19937_64& rng, bool mixers, bool near_sibling) {
    int from, i;
    if (!pick_row(rng, mixers, from, i)) return false;
    const SequencedRow row = plan_[from][i];
    int to, j;
    if (near_sibling) {
        // Right before or after a row of another product of the same paste, on a resource this one may use.
        const int paste = paste_of(row);
        std::vector<std::pair<int, int>> siblings;
        for (int r : in_.products[row.product].eligible)
            for (int k = 0; k < static_cast<int>(plan_[r].size()); ++k)
                if (plan_[r][k].product != row.product && paste_of(plan_[r][k]) == paste) siblings.emplace_back(r, k);
        if (siblings.empty()) return false;
        const auto [r, k] = siblings[std::uniform_int_distribution<std::size_t>(0, siblings.size() - 1)(rng)];
        to = r;
        j = k + static_cast<int>(rng() & 1);  // before or after it
        if (to == from && j > i) --j;        // positions after removing the row
    } else {
        to = pick_resource_for(rng, row.product);
        j = std::uniform_int_distribution<int>(0, static_cast<int>(plan_[to].size()) - (to == from))(rng);
    }
    if (to == from && j == i) return false;
    begin_change(from, to);
    plan_[from].erase(plan_[from].begin() + i);
    plan_[to].insert(plan_[to].begin() + j, SequencedRow{row.product, amount_on(from, to, row.amount)});
    return true;
}

bool Resequencer::swap(std::mt19937_64& rng, bool mixers) {
    int a, i, b, j;
    if (!pick_row(rng, mixers, a, i) || !pick_row(rng, mixers, b, j)) return false;
    const SequencedRow x = plan_[a][i], y = plan_[b][j];
    if (x.product == y.product || !in_.eligible(x.product, b) || !in_.eligible(y.product, a)) return false;
    begin_change(a, b);
    plan_[a][i] = SequencedRow{y.product, amount_on(b, a, y.amount)};
    plan_[b][j] = SequencedRow{x.product, amount_on(a, b, x.amount)};
    return true;
}

bool Resequencer::merge(std::mt19937_64& rng, bool mixers) {
    int a, i;
    if (!pick_row(rng, mixers, a, i)) return false;
    const SequencedRow row = plan_[a][i];
    std::vector<std::pair<int, int>> twins;
    for (int r : in_.products[row.product].eligible)
        for (int k = 0; k < static_cast<int>(plan_[r].size()); ++k)
            if (plan_[r][k].product == row.product && !(r == a && k == i)) twins.emplace_back(r, k);
    if (twins.empty()) return false;
    const auto [b, j] = twins[std::uniform_int_distribution<std::size_t>(0, twins.size() - 1)(rng)];
    begin_change(a, b);
    plan_[b][j].amount += amount_on(a, b, row.amount);
    plan_[a].erase(plan_[a].begin() + i);
    return true;
}

bool Resequencer::split(std::mt19937_64& rng) {
    int a, i;
    if (!pick_row(rng, true, a, i) || plan_[a][i].amount < 2) return false;
    const int paste = plan_[a][i].product;
    const std::int64_t part = std::uniform_int_distribution<std::int64_t>(1, plan_[a][i].amount - 1)(rng);
    const int b = pick_resource_for(rng, paste);
    const int j = std::uniform_int_distribution<int>(0, static_cast<int>(plan_[b].size()))(rng);
    begin_change(a, b);
    plan_[a][i].amount -= part;
    plan_[b].insert(plan_[b].begin() + j, SequencedRow{paste, amount_on(a, b, part)});
    return true;
}

void Resequencer::improve(std::mt19937_64& rng, int iterations, double start_temperature, double end_temperature) {
    if (!feasible_ || iterations <= 0) return;
    double cost = current_cost_;
    std::uniform_real_distribution<double> unit(0, 1);
    const double line_share = lines_in_scope() ? config_.line_share : 0;
    const ResequenceConfig& c = config_;
    const double line_swap_below = c.line_relocate + c.line_near_sibling + c.line_swap;
    const double mixer_merge_below = c.mixer_relocate + c.mixer_swap + c.mixer_merge;
    // Geometric cooling, one factor per step (no pow() on the hot path).
    const double cooling = std::pow(end_temperature / start_temperature, 1.0 / iterations);
    double temperature = start_temperature / cooling;
    for (int it = 0; it < iterations; ++it) {
        temperature *= cooling;
        changed_[0] = changed_[1] = -1;
        const double kind = unit(rng);
        ResequenceMove move;
        if (unit(rng) < line_share)
            move = kind < c.line_relocate                         ? ResequenceMove::LineRelocate
                 : kind < c.line_relocate + c.line_near_sibling ? ResequenceMove::LineNearSibling
                 : kind < line_swap_below                        ? ResequenceMove::LineSwap
                                                                 : ResequenceMove::LineMerge;
        else if (matrix_moves_ && unit(rng) < c.mixer_matrix_share)
            move = kind < c.mixer_chain ? ResequenceMove::MixerChain : ResequenceMove::MixerTails;
        else
            move = kind < c.mixer_relocate                  ? ResequenceMove::MixerRelocate
                 : kind < c.mixer_relocate + c.mixer_swap ? ResequenceMove::MixerSwap
                 : kind < mixer_merge_below                ? ResequenceMove::MixerMerge
                                                           : ResequenceMove::MixerSplit;
        ResequenceMoveCount& count = counts_[static_cast<std::size_t>(move)];
        ++count.calls;
        bool changed = false;
        switch (move) {
            case ResequenceMove::LineRelocate: changed = relocate(rng, false, false); break;
            case ResequenceMove::LineNearSibling: changed = relocate(rng, false, true); break;
            case ResequenceMove::LineSwap: changed = swap(rng, false); break;
            case ResequenceMove::LineMerge: changed = merge(rng, false); break;
            case ResequenceMove::MixerRelocate: changed = relocate(rng, true, false); break;
            case ResequenceMove::MixerSwap: changed = swap(rng, true); break;
            case ResequenceMove::MixerMerge: changed = merge(rng, true); break;
            case ResequenceMove::MixerSplit: changed = split(rng); break;
            case ResequenceMove::MixerChain: changed = move_segment(rng); break;
            case ResequenceMove::MixerTails: changed = exchange_tails(rng); break;
        }
        if (!changed) continue;
        ++count.changed;
        const int a = changed_[0], b = changed_[1];
        const double old_cost = saved_timed_[0].cost + (b >= 0 ? saved_timed_[1].cost : 0);
        const bool ok = retime(a) && (b < 0 || retime(b)) && pastes_supplied(a, b);
        const double delta = ok ? timed_[a].cost + (b >= 0 ? timed_[b].cost : 0) - old_cost : 0;
        if (ok && (delta <= 0 || unit(rng) < std::exp(-delta / temperature))) {
            commit_flows(a, b);
            ++count.accepted;
            cost += delta;
            if (cost < best_cost_ - kCostTolerance) {
                best_cost_ = cost;
                best_plan_ = plan_;
                best_timed_ = timed_;
            }
            continue;
        }
        undo_change();
    }
    current_cost_ = cost;
}

void Resequencer::write(SearchState& state) const {
    PlantTimeline& tl = state.timeline();
    const int resources = lines_in_scope() ? static_cast<int>(in_.resources.size()) : in_.num_mixers;
    std::vector<int> old_rows;
    for (int r = 0; r < resources; ++r)
        for (const TimelineItem& item : tl.items(r))
            if (item.row >= 0) old_rows.push_back(item.row);
    tl.remove_rows(old_rows);
    for (int r = 0; r < resources; ++r) {
        if (in_.is_mixer(r) || place_line_spares_) {
            // Mixers: all their solver blocks were placed anew; lines: the spare ones.
            for (const Block& block : tl.solver_blocks(r))
                if (in_.is_mixer(r) || block.kind == BlockKind::SpareCapacity) tl.remove_block(r, block.kind, block.start);
            for (const Block& block : best_timed_[r].blocks) tl.add_block(block);
        }
        for (std::size_t i = 0; i < best_plan_[r].size(); ++i) {
            const SequencedRow& row = best_plan_[r][i];
            const int start = best_timed_[r].starts[i], end = best_timed_[r].ends[i];
            tl.insert_row(Row{r, row.product, row.amount, start, end}, Slot{r, start, end, 0, 0});
        }
    }
}

}  // namespace makepack
