// Locality orders for dense vertex ids (DESIGN §1): members that share
// connections should get nearby ids so that their bitmaps share containers.
//
//   none    ids in ascending member id order
//   degree  descending degree (hubs first), ties by member id
//   bfs     breadth-first from the highest-degree vertex of each component,
//           neighbours visited in ascending current id
//   rcm     reverse Cuthill-McKee (Boost.Graph's cuthill_mckee_ordering)
//   community  label-propagation communities laid out contiguously
//           (graph/community_order.h)
#pragma once

#include <cstdint>
#include <vector>

#include "graph/csr.h"
#include "mutuals/store.h"

namespace mutuals::internal {

// new_id[v] for every vertex v of g: a permutation of [0, n).
std::vector<std::uint32_t> compute_order(const Csr& g, VertexOrder order);

}  // namespace mutuals::internal
