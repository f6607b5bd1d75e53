#include "heuristics/mixer_resequence.hpp"

#include <algorithm>
#include <cmath>

namespace makepack {

bool MixerResequencer::applicable(const Instance& in) {
    if (in.storage || in.weights.holding != 0 || in.weights.changes != 0) return false;
    if (in.frozen_until > 0 || !in.fixed_rows.empty() || !in.fixed_blocks.empty()) return false;
    for (int p = 0; p < in.num_pastes; ++p)
        if (in.products[p].max_hold) return false;
    return true;
}

MixerResequencer::MixerResequencer(const SearchState& state)
    : in_(state.instance()), needs_(static_cast<std::size_t>(in_.num_pastes)),
      plan_(static_cast<std::size_t>(in_.num_mixers)), timed_(static_cast<std::size_t>(in_.num_mixers)) {
    const PlantTimeline& tl = state.timeline();
    std::vector<Row> rows;
    for (int r = in_.num_mixers; r < static_cast<int>(in_.resources.size()); ++r) {
        tl.rows_on(r, rows);
        for (const Row& row : rows) needs_[in_.products[row.product].paste].push_back({row.start, in_.lbs(row)});
    }
    for (auto& needs : needs_) {
        std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) { return a.time < b.time; });
        double sum = 0;
        for (Need& n : needs) n.cumulative_lbs = sum += n.cumulative_lbs;
    }
    for (int m = 0; m < in_.num_mixers; ++m) {
        tl.rows_on(m, rows);
        for (const Row& row : rows) plan_[m].push_back({row.product, row.amount});
    }
    feasible_ = true;
    for (int m = 0; m < in_.num_mixers && feasible_; ++m) feasible_ = retime(m);
    for (int p = 0; p < in_.num_pastes && feasible_; ++p) feasible_ = paste_supplied(p);
    start_cost_ = best_cost_ = total_cost();
    best_plan_ = plan_;
    best_timed_ = timed_;
}

bool MixerResequencer::retime(int mixer) { return time_mixer_forward(in_, mixer, plan_[mixer], timed_[mixer]); }

double MixerResequencer::total_cost() const {
    double sum = 0;
    for (const TimedMixer& t : timed_) sum += t.cost;
    return sum;
}

bool MixerResequencer::paste_supplied(int paste) {
    const auto& needs = needs_[paste];
    if (needs.empty()) return true;
    lots_.clear();
    for (int m = 0; m < in_.num_mixers; ++m)
        for (std::size_t i = 0; i < plan_[m].size(); ++i)
            if (plan_[m][i].paste == paste)
                lots_.emplace_back(timed_[m].ends[i], static_cast<double>(plan_[m][i].batches) * in_.resources[m].batch_size);
    std::sort(lots_.begin(), lots_.end());
    double stock = in_.products[paste].initial_stock;
    std::size_t k = 0;
    for (const Need& need : needs) {
        while (k < lots_.size() && lots_[k].first <= need.time) stock += lots_[k++].second;  // MODEL.md 9.6
        if (stock < need.cumulative_lbs * (1 - 1e-12) - 1e-6) return false;
    }
    return true;
}

bool MixerResequencer::pastes_supplied(int mixer_a, int mixer_b) {
    for (int m : {mixer_a, mixer_b}) {
        if (m < 0) continue;
        for (const SequencedRow& row : plan_[m])
            if (!paste_supplied(row.paste)) return false;
    }
    return true;
}

std::int64_t MixerResequencer::batches_on(int from, int to, std::int64_t batches) const {
    const double a = in_.resources[from].batch_size, b = in_.resources[to].batch_size;
    if (a == b) return batches;
    return static_cast<std::int64_t>(std::ceil(static_cast<double>(batches) * a / b - 1e-9));
}

bool MixerResequencer::pick_row(std::mt19937_64& rng, int& mixer, int& position) const {
    for (int attempt = 0; attempt < 8; ++attempt) {
        mixer = std::uniform_int_distribution<int>(0, in_.num_mixers - 1)(rng);
        if (plan_[mixer].empty()) continue;
        position = std::uniform_int_distribution<int>(0, static_cast<int>(plan_[mixer].size()) - 1)(rng);
        return true;
    }
    return false;
}

int MixerResequencer::pick_mixer_for(std::mt19937_64& rng, int paste) const {
    const auto& eligible = in_.products[paste].eligible;
    return eligible[std::uniform_int_distribution<std::size_t>(0, eligible.size() - 1)(rng)];
}

bool MixerResequencer::relocate(std::mt19937_64& rng) {
    int from, i;
    if (!pick_row(rng, from, i)) return false;
    const SequencedRow row = plan_[from][i];
    const int to = pick_mixer_for(rng, row.paste);
    const int j = std::uniform_int_distribution<int>(0, static_cast<int>(plan_[to].size()) - (to == from))(rng);
    if (to == from && j == i) return false;
    begin_change(from, to);
    plan_[from].erase(plan_[from].begin() + i);
    auto& target = plan_[to];
    target.insert(target.begin() + j, SequencedRow{row.paste, batches_on(from, to, row.batches)});
    return true;
}

bool MixerResequencer::swap(std::mt19937_64& rng) {
    int a, i, b, j;
    if (!pick_row(rng, a, i) || !pick_row(rng, b, j)) return false;
    SequencedRow x = plan_[a][i], y = plan_[b][j];
    if (x.paste == y.paste || !in_.eligible(x.paste, b) || !in_.eligible(y.paste, a)) return false;
    begin_change(a, b);
    plan_[a][i] = SequencedRow{y.paste, batches_on(b, a, y.batches)};
    plan_[b][j] = SequencedRow{x.paste, batches_on(a, b, x.batches)};
    return true;
}

bool MixerResequencer::merge(std::mt19937_64& rng) {
    int a, i;
    if (!pick_row(rng, a, i)) return false;
    const SequencedRow row = plan_[a][i];
    std::vector<std::pair<int, int>> siblings;
    for (int m = 0; m < in_.num_mixers; ++m)
        for (int k = 0; k < static_cast<int>(plan_[m].size()); ++k)
            if (plan_[m][k].paste == row.paste && !(m == a && k == i)) siblings.emplace_back(m, k);
    if (siblings.empty()) return false;
    const auto [b, j] = siblings[std::uniform_int_distribution<std::size_t>(0, siblings.size() - 1)(rng)];
    begin_change(a, b);
    plan_[b][j].batches += batches_on(a, b, row.batches);
    plan_[a].erase(plan_[a].begin() + i);
    return true;
}

bool MixerResequencer::split(std::mt19937_64& rng) {
    int a, i;
    if (!pick_row(rng, a, i) || plan_[a][i].batches < 2) return false;
    const int paste = plan_[a][i].paste;
    const std::int64_t part = std::uniform_int_distribution<std::int64_t>(1, plan_[a][i].batches - 1)(rng);
    const int b = pick_mixer_for(rng, paste);
    begin_change(a, b);
    plan_[a][i].batches -= part;
    auto& target = plan_[b];
    const int j = std::uniform_int_distribution<int>(0, static_cast<int>(target.size()))(rng);
    target.insert(target.begin() + j, SequencedRow{paste, batches_on(a, b, part)});
    return true;
}

void MixerResequencer::begin_change(int a, int b) {
    changed_[0] = a;
    changed_[1] = b == a ? -1 : b;
    for (int k = 0; k < 2; ++k)
        if (changed_[k] >= 0) {
            saved_plan_[k] = plan_[changed_[k]];
            saved_timed_[k] = timed_[changed_[k]];
        }
}

void MixerResequencer::undo_change() {
    for (int k = 0; k < 2; ++k)
        if (changed_[k] >= 0) {
            std::swap(plan_[changed_[k]], saved_plan_[k]);
            std::swap(timed_[changed_[k]], saved_timed_[k]);
        }
}

void MixerResequencer::improve(std::mt19937_64& rng, int iterations, double start_temperature) {
    if (!feasible_ || iterations <= 0) return;
    double cost = total_cost();
    std::uniform_real_distribution<double> unit(0, 1);
    for (int it = 0; it < iterations; ++it) {
        const double temperature = start_temperature * std::pow(0.01, static_cast<double>(it) / iterations);
        changed_[0] = changed_[1] = -1;
        const double kind = unit(rng);
        const bool changed = kind < 0.35 ? relocate(rng) : kind < 0.55 ? swap(rng) : kind < 0.8 ? merge(rng) : split(rng);
        if (!changed) continue;
        const int a = changed_[0], b = changed_[1];
        const double old_cost = saved_timed_[0].cost + (b >= 0 ? saved_timed_[1].cost : 0);
        const bool ok = retime(a) && (b < 0 || retime(b)) && pastes_supplied(a, b);
        const double delta = ok ? timed_[a].cost + (b >= 0 ? timed_[b].cost : 0) - old_cost : 0;
        if (ok && (delta <= 0 || unit(rng) < std::exp(-delta / temperature))) {
            cost += delta;
            if (cost < best_cost_ - 1e-9) {
                best_cost_ = cost;
                best_plan_ = plan_;
                best_timed_ = timed_;
            }
            continue;
        }
        undo_change();
    }
}

void MixerResequencer::write(SearchState& state) const {
    PlantTimeline& tl = state.timeline();
    std::vector<int> old_rows;
    for (int m = 0; m < in_.num_mixers; ++m)
        for (const TimelineItem& item : tl.items(m))
            if (item.row >= 0) old_rows.push_back(item.row);
    for (int k : old_rows) state.touch_row(tl.rows()[k]);
    tl.remove_rows(old_rows);
    for (int m = 0; m < in_.num_mixers; ++m) {
        for (const Block& block : tl.solver_blocks(m)) tl.remove_block(m, block.kind, block.start);
        for (const Block& block : best_timed_[m].blocks) tl.add_block(block);
        state.touch_resource(m);
        for (std::size_t i = 0; i < best_plan_[m].size(); ++i) {
            const SequencedRow& row = best_plan_[m][i];
            const int start = best_timed_[m].starts[i], end = best_timed_[m].ends[i];
            const int k = tl.insert_row(Row{m, row.paste, row.batches, start, end}, Slot{m, start, end, 0, 0});
            state.touch_row(tl.rows()[k]);
        }
    }
}

}  // namespace makepack
