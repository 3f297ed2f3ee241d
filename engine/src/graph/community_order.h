// The community order: members of one community get consecutive ids, so a
// member's neighbours (mostly in its own school, employer, region) fall into
// few 65,536-id blocks — few Roaring containers, fuller ones, runs where a
// community is a clique.
//
// Communities come from label propagation (Raghavan, Albert, Kumara 2007)
// with the Potts-model penalty of Layered Label Propagation (Boldi, Rosa,
// Santini, Vigna 2011): a vertex takes the label maximising
// k(λ) − γ·(v(λ) − k(λ)), where k(λ) counts its neighbours labelled λ and
// v(λ) is the label's size, so one giant label cannot swallow the graph.
// Updates run in deterministic sub-rounds (a quarter of the vertices at a
// time, each reading the labels as they stood when the sub-round began), so
// the order — and the store — does not depend on the thread count.
// Communities are then laid out by their first member in BFS order, and
// members within one by BFS order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "graph/csr.h"

namespace mutuals::internal {

// The visiting sequence (sequence[k] = vertex given id k) from a BFS
// sequence of g.
std::vector<std::uint32_t> community_sequence(const Csr& g, std::span<const std::uint32_t> bfs_sequence);

}  // namespace mutuals::internal
