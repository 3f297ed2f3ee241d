// Identifiers shared by every layer.
//
// A member is known outside by a 64-bit member id. Inside, members get dense
// 32-bit vertex ids in a locality order chosen when the store is built, so
// that adjacency bitmaps compress well and intersect fast.
#pragma once

#include <cstdint>

namespace mutuals {

using MemberId = std::uint64_t;
using VertexId = std::uint32_t;

inline constexpr VertexId kNoVertex = ~VertexId{0};

// One (viewer, subject) question, as read from a pairs file.
struct MemberPair {
  MemberId viewer = 0;
  MemberId subject = 0;
};

// One undirected connection as read from an edge list (before dedup).
struct MemberEdge {
  MemberId a = 0;
  MemberId b = 0;
};

}  // namespace mutuals
