// The graph as plain sorted lists, decoded once from an opened store: the
// one input every baseline of the end-to-end bench is built from, so that
// all methods answer over exactly the same connections.
//
// Vertex ids are the store's own (its locality order); `vertex_rank` gives
// each vertex's rank in ascending member-id order (the "input order" the
// unordered baseline uses).
//
//   mutuals::bench::Adjacency g = mutuals::bench::decode_adjacency(insights.store(), 2);
//   for (mutuals::VertexId u : g.neighbors(v)) ...
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "mutuals/store.h"
#include "mutuals/types.h"

namespace mutuals::bench {

struct Adjacency {
  std::vector<std::uint64_t> offsets;      // vertices() + 1
  std::vector<VertexId> targets;           // each vertex's neighbours, ascending vertex id
  std::vector<MemberId> vertex_member;     // member id of each vertex
  std::vector<std::uint32_t> vertex_rank;  // rank of that member id in ascending member-id order
  std::vector<MemberId> member_sorted;     // member ids, ascending
  std::vector<VertexId> member_vertex;     // vertex of member_sorted[i]

  std::uint32_t vertices() const { return static_cast<std::uint32_t>(vertex_member.size()); }
  std::uint64_t entries() const { return targets.size(); }
  std::uint32_t degree(VertexId v) const { return static_cast<std::uint32_t>(offsets[v + 1] - offsets[v]); }
  std::span<const VertexId> neighbors(VertexId v) const {
    return {targets.data() + offsets[v], targets.data() + offsets[v + 1]};
  }
  bool connected(VertexId a, VertexId b) const;
  // kNoVertex when the member is not in the graph.
  VertexId find(MemberId m) const;
};

// Decodes every vertex's adjacency bitmap (on `threads` threads, 0 = all).
Adjacency decode_adjacency(const Store& store, int threads);

}  // namespace mutuals::bench
