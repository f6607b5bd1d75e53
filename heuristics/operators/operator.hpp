// The plug-in API of the search: destroy and repair operators (ALNS, Pisinger
// & Ropke 2010) and small moves (simulated annealing). An operator is one
// class in its own file plus one registration line (builtin.cpp, or in your
// own code: OperatorRegistry::add_*). docs/operators.md walks through one.
#pragma once

#include "heuristics/search_state.hpp"
#include "heuristics/work_unit.hpp"

#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace makepack {

using Rng = std::mt19937_64;

// Removes rows from the state and records them.
class DestroyOperator {
public:
    virtual ~DestroyOperator() = default;
    // `size`: how many rows to remove, about (the search adapts it).
    virtual void destroy(SearchState& state, Rng& rng, int size) = 0;
};

// Puts the plan back together after a destroy: all hard demand placed, every
// line row supplied with paste. False if it cannot (the iteration is dropped).
class RepairOperator {
public:
    virtual ~RepairOperator() = default;
    virtual bool repair(SearchState& state, Rng& rng) = 0;
};

// A small change of the plan (simulated annealing); false if not applicable here.
class Move {
public:
    virtual ~Move() = default;
    virtual bool apply(SearchState& state, Rng& rng) = 0;
    // A move that runs a whole sub-search costs as much as hundreds of
    // iterations; it asks for at least this many iterations of its worker
    // between two of its calls (the worker draws another move meanwhile).
    // Counted in iterations, not time, so a seeded run with an iteration
    // budget stays reproducible.
    virtual int min_iterations_between_calls() const { return 0; }
    // The work its last apply() did, in units of --work (heuristics/work_unit.hpp):
    // one for an ordinary move; a move that runs a sub-search counts its steps.
    virtual long long last_call_work() const { return 1; }
};

template <class Base>
struct OperatorInfo {
    std::string name;
    std::string description;
    std::function<std::unique_ptr<Base>()> make;
    // Whether it can do anything on an instance (empty: always); the search
    // leaves out what does not apply unless the user named it.
    std::function<bool(const Instance&)> applies;
};

// The names of a registry's operators (registry.destroys(), ...), in order.
template <class Base>
std::vector<std::string> names_of(const std::vector<OperatorInfo<Base>>& infos) {
    std::vector<std::string> names;
    for (const auto& info : infos) names.push_back(info.name);
    return names;
}

class OperatorRegistry {
public:
    // The built-in operators (heuristics/operators/builtin.cpp).
    static OperatorRegistry with_builtins();

    using Applies = std::function<bool(const Instance&)>;
    void add_destroy(std::string name, std::string description, std::function<std::unique_ptr<DestroyOperator>()> make,
                     Applies applies = {});
    void add_repair(std::string name, std::string description, std::function<std::unique_ptr<RepairOperator>()> make,
                    Applies applies = {});
    void add_move(std::string name, std::string description, std::function<std::unique_ptr<Move>()> make,
                  Applies applies = {});

    const std::vector<OperatorInfo<DestroyOperator>>& destroys() const { return destroys_; }
    const std::vector<OperatorInfo<RepairOperator>>& repairs() const { return repairs_; }
    const std::vector<OperatorInfo<Move>>& moves() const { return moves_; }

    // Keeps only the named operators of a kind (in that order); throws
    // std::invalid_argument naming an unknown one. Empty list = keep all.
    void select_destroys(const std::vector<std::string>& names);
    void select_repairs(const std::vector<std::string>& names);
    void select_moves(const std::vector<std::string>& names);
    // Drops the operators that do not apply to `instance`, of each kind whose flag is set.
    void drop_inapplicable(const Instance& instance, bool destroys, bool repairs, bool moves);

private:
    std::vector<OperatorInfo<DestroyOperator>> destroys_;
    std::vector<OperatorInfo<RepairOperator>> repairs_;
    std::vector<OperatorInfo<Move>> moves_;
};

// Shared steps operators are built from.
namespace ops {

// Removes the alive rows with these indices from the state.
void remove_rows(SearchState& state, const std::vector<int>& rows);

// Indices of the rows a destroy may remove: alive and not frozen (MODEL.md 6).
std::vector<int> movable_rows(const SearchState& state);

// Up to `count` distinct picks from `pool`, uniformly.
std::vector<int> sample(std::vector<int> pool, int count, Rng& rng);

}  // namespace ops

}  // namespace makepack
