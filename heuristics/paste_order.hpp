// The order in which a construction inserts pastes (with all their SKUs).
#pragma once

#include "heuristics/campaign_insertion.hpp"
#include "model/instance.hpp"

#include <vector>

namespace makepack {

enum class PasteOrder {
    Regret,   // biggest cost gap between best and second-best resources first
    Johnson,  // Johnson's two-stage rule on mixer vs line load: the plant keeps flowing
};

// Pastes in insertion order. Backward insertion fills the horizon from its
// end, so the order is reversed against time; due dates always dominate
// (latest due first backward, earliest first forward). seed != 0 perturbs.
std::vector<int> paste_order(const Instance& instance, PasteOrder order, Direction direction, unsigned seed);

}  // namespace makepack
