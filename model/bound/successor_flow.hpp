// The "successors" part of the lower bound (docs/bound.md, section 5): every
// product with a need has a last row on some resource, and that row is
// followed by a row of another product on the same resource or by the
// resource's end; distinct rows have distinct successors. Choosing those
// successors is an assignment (a min-cost flow, solved with Boost.Graph)
// that prices the sequence-dependent changeover matrix beyond the shortest
// changeover after each product.
#pragma once

#include "model/instance.hpp"

#include <optional>
#include <vector>

namespace makepack {

// Lower bound on the weighted downtime + changeover of the non-fixed rows of
// one stage (Stage::Mixer: pastes, Stage::Line: SKUs), given each product's
// need (`need`, indexed by product; <= 0: no row needed). Hard demand only.
// Unset if the relaxation has no solution (then it proves nothing here) or
// `seconds` ran out before it was built. `max_arcs_per_product` caps the
// successor arcs kept per product (the rest share one arc priced at the
// cheapest of them, which keeps the relaxation valid). Unset as well, without
// solving, when a feasible assignment shows the value cannot exceed
// `worth_above` (the best bound the stage already has).
std::optional<double> successor_flow_bound(const Instance& instance, Stage stage, const std::vector<double>& need,
                                           double worth_above = 0, int max_arcs_per_product = 12);

}  // namespace makepack
