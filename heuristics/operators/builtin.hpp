// Factories of the built-in operators; each is defined in its own file and
// registered by one line in builtin.cpp.
#pragma once

#include "heuristics/operators/operator.hpp"

namespace makepack {

std::unique_ptr<DestroyOperator> make_random_rows();
std::unique_ptr<DestroyOperator> make_worst_rows();
std::unique_ptr<DestroyOperator> make_related_rows();
std::unique_ptr<DestroyOperator> make_resource_window();
std::unique_ptr<DestroyOperator> make_plant_window();
std::unique_ptr<DestroyOperator> make_paste_campaign();
std::unique_ptr<DestroyOperator> make_mixer_campaigns();
std::unique_ptr<DestroyOperator> make_misplaced_rows();
std::unique_ptr<DestroyOperator> make_block_move();
std::unique_ptr<DestroyOperator> make_unmet_demand();

std::unique_ptr<RepairOperator> make_greedy_insertion();
std::unique_ptr<RepairOperator> make_random_greedy_insertion();
std::unique_ptr<RepairOperator> make_regret2();
std::unique_ptr<RepairOperator> make_regret3();
std::unique_ptr<RepairOperator> make_backward_insertion();

std::unique_ptr<Move> make_relocate();
std::unique_ptr<Move> make_swap();
std::unique_ptr<Move> make_split();
std::unique_ptr<Move> make_merge();
std::unique_ptr<Move> make_consolidate();
std::unique_ptr<Move> make_gather();
std::unique_ptr<Move> make_shift_block();
std::unique_ptr<Move> make_mixer_replan();
std::unique_ptr<Move> make_plan_replan();
std::unique_ptr<Move> make_grow();
std::unique_ptr<Move> make_pack_held();

}  // namespace makepack
