#include "heuristics/operators/operator.hpp"

#include <algorithm>
#include <stdexcept>

namespace makepack {

void OperatorRegistry::add_destroy(std::string name, std::string description,
                                   std::function<std::unique_ptr<DestroyOperator>()> make, Applies applies) {
    destroys_.push_back({std::move(name), std::move(description), std::move(make), std::move(applies)});
}
void OperatorRegistry::add_repair(std::string name, std::string description,
                                  std::function<std::unique_ptr<RepairOperator>()> make, Applies applies) {
    repairs_.push_back({std::move(name), std::move(description), std::move(make), std::move(applies)});
}
void OperatorRegistry::add_move(std::string name, std::string description, std::function<std::unique_ptr<Move>()> make,
                                Applies applies) {
    moves_.push_back({std::move(name), std::move(description), std::move(make), std::move(applies)});
}

namespace {
template <class Base>
void keep_only(std::vector<OperatorInfo<Base>>& all, const std::vector<std::string>& names, const char* kind) {
    if (names.empty()) return;
    std::vector<OperatorInfo<Base>> kept;
    for (const std::string& name : names) {
        auto it = std::find_if(all.begin(), all.end(), [&](const auto& info) { return info.name == name; });
        if (it == all.end()) {
            std::string known;
            for (const auto& info : all) known += (known.empty() ? "" : ", ") + info.name;
            throw std::invalid_argument(std::string("unknown ") + kind + " operator '" + name + "' (known: " + known + ")");
        }
        kept.push_back(*it);
    }
    all = std::move(kept);
}
}  // namespace

void OperatorRegistry::select_destroys(const std::vector<std::string>& names) { keep_only(destroys_, names, "destroy"); }
void OperatorRegistry::select_repairs(const std::vector<std::string>& names) { keep_only(repairs_, names, "repair"); }
void OperatorRegistry::select_moves(const std::vector<std::string>& names) { keep_only(moves_, names, "move"); }

namespace {
template <class Base>
void keep_applicable(std::vector<OperatorInfo<Base>>& all, const Instance& instance) {
    std::erase_if(all, [&](const auto& info) { return info.applies && !info.applies(instance); });
}
}  // namespace

void OperatorRegistry::drop_inapplicable(const Instance& instance, bool destroys, bool repairs, bool moves) {
    if (destroys) keep_applicable(destroys_, instance);
    if (repairs) keep_applicable(repairs_, instance);
    if (moves) keep_applicable(moves_, instance);
}

namespace ops {

void remove_rows(SearchState& state, const std::vector<int>& rows) {
    state.timeline().remove_rows(rows);
}

std::vector<int> movable_rows(const SearchState& state) {
    std::vector<int> out;
    const auto& rows = state.timeline().rows();
    const int frozen = state.instance().frozen_until;
    for (int k = 0; k < static_cast<int>(rows.size()); ++k)
        if (state.timeline().alive(k) && rows[k].start >= frozen) out.push_back(k);
    return out;
}

std::vector<int> sample(std::vector<int> pool, int count, Rng& rng) {
    count = std::min<int>(count, static_cast<int>(pool.size()));
    for (int k = 0; k < count; ++k) {
        std::uniform_int_distribution<int> pick(k, static_cast<int>(pool.size()) - 1);
        std::swap(pool[k], pool[pick(rng)]);
    }
    pool.resize(count);
    return pool;
}

}  // namespace ops

}  // namespace makepack
