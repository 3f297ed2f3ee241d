// Baseline "croaring-unordered": CRoaring's own bitmaps (Debian's 0.2.66,
// roaring_bitmap_t), one per member, over ids in input order rather than
// the store's locality order: a member's id is its rank in ascending
// member-id order. Run-optimised; pairs are counted by
// roaring_bitmap_and_cardinality. What this isolates is the worth of the
// locality order (and of reading frozen bitmaps in place).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "workloads/adjacency.h"

struct roaring_bitmap_s;

namespace mutuals::bench {

class CroaringUnordered {
 public:
  // Ids are ranks (Adjacency::vertex_rank); kNoVertex stands for unknown.
  explicit CroaringUnordered(const Adjacency& g);
  ~CroaringUnordered();
  CroaringUnordered(const CroaringUnordered&) = delete;
  CroaringUnordered& operator=(const CroaringUnordered&) = delete;

  std::uint64_t count(std::uint32_t a, std::uint32_t b) const;
  std::uint64_t count_page(std::uint32_t viewer, std::span<const std::uint32_t> subjects) const;
  // Σ over connections (a < b by rank) of and_cardinality, on `threads` threads.
  std::uint64_t all_edges(int threads) const;

  // Σ of the bitmaps' portable serialized sizes.
  std::uint64_t bytes() const;

 private:
  std::vector<roaring_bitmap_s*> bitmaps_;  // by rank
};

}  // namespace mutuals::bench
