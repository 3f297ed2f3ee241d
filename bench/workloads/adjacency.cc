#include "workloads/adjacency.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>

#include "store/store_data.h"

namespace mutuals::bench {

bool Adjacency::connected(VertexId a, VertexId b) const {
  std::span<const VertexId> n = neighbors(a);
  return std::binary_search(n.begin(), n.end(), b);
}

VertexId Adjacency::find(MemberId m) const {
  auto it = std::lower_bound(member_sorted.begin(), member_sorted.end(), m);
  if (it == member_sorted.end() || *it != m) return kNoVertex;
  return member_vertex[static_cast<std::size_t>(it - member_sorted.begin())];
}

Adjacency decode_adjacency(const Store& store, int threads) {
  const internal::StoreData& d = store.data();
  const std::uint32_t n = d.members();
  Adjacency g;
  g.vertex_member.assign(d.vertex_member.begin(), d.vertex_member.end());
  g.member_sorted.assign(d.member_sorted.begin(), d.member_sorted.end());
  g.member_vertex.assign(d.member_vertex.begin(), d.member_vertex.end());
  g.vertex_rank.resize(n);
  for (std::uint32_t rank = 0; rank < n; ++rank) g.vertex_rank[g.member_vertex[rank]] = rank;
  g.offsets.assign(std::size_t{n} + 1, 0);
  for (VertexId v = 0; v < n; ++v) g.offsets[v + 1] = g.offsets[v] + d.neighbors(v).cardinality();
  g.targets.resize(g.offsets[n]);
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 256), [&](const auto& r) {
      std::vector<VertexId> list;
      for (VertexId v = r.begin(); v != r.end(); ++v) {
        list.clear();
        d.neighbors(v).decode(list);
        std::copy(list.begin(), list.end(), g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v]));
      }
    });
  });
  return g;
}

}  // namespace mutuals::bench
