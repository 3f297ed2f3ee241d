#include "kernels/edge_triangles.h"

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <numeric>

#include "kernels/simd/u32_common.h"
#include "common/parallel_loop.h"

namespace mutuals::internal {

ForwardEdges count_edge_triangles(const StoreData& g) {
  const std::uint32_t n = g.members();
  ForwardEdges f;
  std::vector<std::uint32_t> degree(n);
  parallel_each<std::uint32_t>(0, n, [&](std::uint32_t v) {
    degree[v] = static_cast<std::uint32_t>(g.neighbors(v).cardinality());
  });
  f.vertex_of_rank.resize(n);
  std::iota(f.vertex_of_rank.begin(), f.vertex_of_rank.end(), 0u);
  tbb::parallel_sort(f.vertex_of_rank.begin(), f.vertex_of_rank.end(), [&](VertexId a, VertexId b) {
    return degree[a] != degree[b] ? degree[a] < degree[b] : a < b;
  });
  std::vector<std::uint32_t> rank(n);
  for (std::uint32_t r = 0; r < n; ++r) rank[f.vertex_of_rank[r]] = r;

  // Forward lists, indexed by rank, holding ranks.
  f.offsets.assign(std::size_t(n) + 1, 0);
  // One decode buffer a range, not an allocation a vertex (malloc and free
  // were a twentieth of all-edges on soc-Slashdot0902).
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& range) {
    std::vector<VertexId> all;
    for (std::uint32_t r = range.begin(); r != range.end(); ++r) {
      all.clear();
      g.neighbors(f.vertex_of_rank[r]).decode(all);
      std::uint64_t k = 0;
      for (VertexId w : all) k += rank[w] > r;
      f.offsets[r + 1] = k;
    }
  });
  for (std::uint32_t r = 0; r < n; ++r) f.offsets[r + 1] += f.offsets[r];
  f.targets.resize(f.offsets[n]);
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& range) {
    std::vector<VertexId> all;
    for (std::uint32_t r = range.begin(); r != range.end(); ++r) {
      all.clear();
      g.neighbors(f.vertex_of_rank[r]).decode(all);
      VertexId* out = f.targets.data() + f.offsets[r];
      std::size_t k = 0;
      for (VertexId w : all) {
        if (rank[w] > r) out[k++] = rank[w];
      }
      std::sort(out, out + k);
    }
  });

  f.shared.assign(f.targets.size(), 0);
  auto credit = [&](std::uint64_t e, std::uint32_t k) {
    std::atomic_ref<std::uint32_t>(f.shared[e]).fetch_add(k, std::memory_order_relaxed);
  };
  parallel_ranges<std::uint32_t>(0, n, 64, [&](const auto& range) {
    for (std::uint32_t r = range.begin(); r != range.end(); ++r) {
      const std::uint64_t a0 = f.offsets[r], a1 = f.offsets[r + 1];
      for (std::uint64_t p = a0; p < a1; ++p) {
        const VertexId v = f.targets[p];
        const std::uint64_t i0 = p + 1, j0 = f.offsets[v];
        // Connection p's triangles are all found here: one add for them.
        std::uint32_t on_p = 0;
        for_each_common_u32(f.targets.data() + i0, static_cast<std::uint32_t>(a1 - i0), f.targets.data() + j0,
                            static_cast<std::uint32_t>(f.offsets[v + 1] - j0), [&](std::uint32_t i, std::uint32_t j) {
                              ++on_p;
                              credit(i0 + i, 1);
                              credit(j0 + j, 1);
                            });
        if (on_p != 0) credit(p, on_p);
      }
    }
  });
  return f;
}

}  // namespace mutuals::internal
