#include "baselines/croaring_unordered.h"

#include <roaring/roaring.h>
#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <functional>

namespace mutuals::bench {

CroaringUnordered::CroaringUnordered(const Adjacency& g) : bitmaps_(g.vertices(), nullptr) {
  std::vector<std::uint32_t> ranks;
  for (VertexId v = 0; v < g.vertices(); ++v) {
    ranks.clear();
    for (VertexId u : g.neighbors(v)) ranks.push_back(g.vertex_rank[u]);
    std::sort(ranks.begin(), ranks.end());
    roaring_bitmap_t* b = roaring_bitmap_of_ptr(ranks.size(), ranks.data());
    roaring_bitmap_run_optimize(b);
    roaring_bitmap_shrink_to_fit(b);
    bitmaps_[g.vertex_rank[v]] = b;
  }
}

CroaringUnordered::~CroaringUnordered() {
  for (roaring_bitmap_t* b : bitmaps_) roaring_bitmap_free(b);
}

// 64-byte aligned like csr_merge.cc's, for the same reason.
__attribute__((aligned(64))) std::uint64_t CroaringUnordered::count(std::uint32_t a, std::uint32_t b) const {
  if (a == kNoVertex || b == kNoVertex) return 0;
  return roaring_bitmap_and_cardinality(bitmaps_[a], bitmaps_[b]);
}

__attribute__((aligned(64))) std::uint64_t CroaringUnordered::count_page(
    std::uint32_t viewer, std::span<const std::uint32_t> subjects) const {
  if (viewer == kNoVertex) return 0;
  const roaring_bitmap_t* nv = bitmaps_[viewer];
  std::uint64_t sum = 0;
  for (std::uint32_t s : subjects) {
    if (s != kNoVertex) sum += roaring_bitmap_and_cardinality(nv, bitmaps_[s]);
  }
  return sum;
}

std::uint64_t CroaringUnordered::all_edges(int threads) const {
  const auto n = static_cast<std::uint32_t>(bitmaps_.size());
  tbb::combinable<std::uint64_t> sums([] { return std::uint64_t{0}; });
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 64), [&](const auto& r) {
      std::vector<std::uint32_t> members;
      std::uint64_t local = 0;
      for (std::uint32_t a = r.begin(); a != r.end(); ++a) {
        const roaring_bitmap_t* na = bitmaps_[a];
        members.resize(roaring_bitmap_get_cardinality(na));
        roaring_bitmap_to_uint32_array(na, members.data());
        for (std::uint32_t b : members) {
          if (a < b) local += roaring_bitmap_and_cardinality(na, bitmaps_[b]);
        }
      }
      sums.local() += local;
    });
  });
  return sums.combine(std::plus<>{});
}

std::uint64_t CroaringUnordered::bytes() const {
  std::uint64_t sum = 0;
  for (const roaring_bitmap_t* b : bitmaps_) sum += roaring_bitmap_portable_size_in_bytes(b);
  return sum;
}

}  // namespace mutuals::bench
