// Baseline "boost-graph": what a C++ programmer reaches for first.
// boost::adjacency_list<vecS, vecS, undirectedS> with every out-edge list in
// ascending target order (edges are added in (u, v) order, u < v), and
// std::set_intersection into a counting output iterator. Vertex ids are the
// store's; the Boost types stay inside the .cc.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "mutuals/types.h"
#include "workloads/adjacency.h"

namespace mutuals::bench {

class BoostGraph {
 public:
  explicit BoostGraph(const Adjacency& g);
  ~BoostGraph();
  BoostGraph(const BoostGraph&) = delete;
  BoostGraph& operator=(const BoostGraph&) = delete;

  // Whether every out-edge list came out sorted (checked once, before timing).
  bool sorted() const;

  // |N(a) ∩ N(b)|; 0 when either is kNoVertex.
  std::uint64_t count(VertexId a, VertexId b) const;
  std::uint64_t count_page(VertexId viewer, std::span<const VertexId> subjects) const;
  // Σ over connections (u < v) of |N(u) ∩ N(v)|, on `threads` threads.
  std::uint64_t all_edges(int threads) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mutuals::bench
