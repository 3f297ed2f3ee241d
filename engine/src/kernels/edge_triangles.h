// Shared-connection counts of every connection at once (the triangle
// kernel), for offline all-edges work.
//
// Trick (as in the GAP Benchmark Suite's tc and Schank & Wagner's
// "forward" algorithm): orient every connection from the lower to the
// higher (degree, id) rank, so each vertex keeps only its forward
// neighbours — short lists even for hubs — and each triangle u < v < w is
// found exactly once, by merging N+(u) with N+(v). Each find credits its
// three connections. Counting |N(u) ∩ N(v)| per connection instead does
// three times the work over full lists.
#pragma once

#include <cstdint>
#include <vector>

#include "store/store_data.h"

namespace mutuals::internal {

struct ForwardEdges {
  std::vector<std::uint64_t> offsets;  // by source vertex, n + 1
  std::vector<VertexId> targets;       // forward neighbours, ascending rank
  std::vector<std::uint32_t> shared;   // per connection: the number of triangles on it
  std::vector<VertexId> vertex_of_rank;
};

ForwardEdges count_edge_triangles(const StoreData& g);

}  // namespace mutuals::internal
