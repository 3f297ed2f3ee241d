// From an edge list of 64-bit member ids to the stored graph form: dense
// vertex ids in a locality order and one Roaring portable bitmap per vertex.
//
// Steps, each parallel with oneTBB: collect and sort member ids; map edges to
// dense ids packed (min << 32 | max) and sort/unique them (this collapses
// duplicates and reversed pairs); symmetric CSR; locality order; relabel;
// dense containers chosen under the byte budget (dense_rule.h); serialize
// bitmaps (sizes first, then bytes into one contiguous blob).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mutuals/status.h"
#include "mutuals/store.h"
#include "mutuals/types.h"

namespace mutuals::internal {

struct BuiltGraph {
  std::vector<MemberId> vertex_member;       // vertex -> member id
  std::vector<MemberId> member_sorted;       // member ids ascending
  std::vector<std::uint32_t> member_vertex;  // vertex of member_sorted[i]
  std::vector<std::uint32_t> adjacency_offsets;  // 2-byte units
  std::vector<std::uint8_t> adjacency;
  std::uint64_t connections = 0;
  std::uint64_t duplicates_dropped = 0;
  std::uint32_t dense_from = 0;  // kNeverDense when no container is dense
  std::uint64_t dense_containers = 0;

  VertexId find(MemberId m) const;
};

// `extra_members` are members known from other inputs (consent, facets).
Result<BuiltGraph> build_graph(std::span<const MemberEdge> edges, std::span<const MemberId> extra_members,
                               VertexOrder order, const DenseRule& dense = {});

}  // namespace mutuals::internal
