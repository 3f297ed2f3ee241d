// Baseline "csr-merge": the GAP Benchmark Suite's method. Sorted uint32
// neighbour arrays in CSR form (in the store's vertex order, so it gets the
// same locality the store has), intersected by a scalar, branchy merge.
//
// all_edges() is GAP's triangle-counting trick turned into per-edge counts:
// orient every connection from the lower (degree, id) end to the higher, so
// each out-list is short (O(sqrt(E)) for any graph) and each triangle is
// found exactly once, at its lowest member, then credit that triangle to
// its three edges. The sum over edges of |N(u) ∩ N(v)| is three times the
// triangle count, which is the checksum the other methods produce edge by edge.
#pragma once

#include <cstdint>
#include <span>

#include "mutuals/types.h"
#include "workloads/adjacency.h"

namespace mutuals::bench {

class CsrMerge {
 public:
  // Reads `g`'s arrays in place: `g` must outlive this object.
  explicit CsrMerge(const Adjacency& g) : g_(g) {}

  // |N(a) ∩ N(b)|; 0 when either is kNoVertex.
  std::uint64_t count(VertexId a, VertexId b) const;
  // Σ over subjects of |N(viewer) ∩ N(s)|.
  std::uint64_t count_page(VertexId viewer, std::span<const VertexId> subjects) const;
  // Σ over connections of their shared counts, on `threads` threads.
  std::uint64_t all_edges(int threads) const;

  std::uint64_t bytes() const { return g_.offsets.size() * 8 + g_.targets.size() * 4; }

 private:
  const Adjacency& g_;
};

// The scalar merge itself, for the micro-benchmarks.
inline std::uint64_t merge_count(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  std::uint64_t c = 0;
  const std::uint32_t *i = a.data(), *ie = i + a.size(), *j = b.data(), *je = j + b.size();
  while (i != ie && j != je) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++c;
      ++i;
      ++j;
    }
  }
  return c;
}

}  // namespace mutuals::bench
