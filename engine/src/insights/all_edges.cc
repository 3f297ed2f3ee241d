// all-edges (DESIGN §4 `batch --all-edges`): per-connection shared counts
// from the oriented triangle kernel, then rows in member id order.
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>

#include "insights/insights_state.h"
#include "kernels/edge_triangles.h"

namespace mutuals {
using namespace internal;

void Insights::all_edges_shared(const std::function<void(MemberId, MemberId, std::uint64_t)>& emit,
                                int threads) const {
  const StoreData& g = state_->graph();
  const std::uint32_t n = g.members();
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  ForwardEdges f;
  arena.execute([&] { f = count_edge_triangles(g); });
  struct Row {
    MemberId connection;
    std::uint32_t shared;
  };
  // Rows by the lower member's rank in member id order.
  std::vector<std::uint32_t> member_rank(n);
  for (std::uint32_t i = 0; i < n; ++i) member_rank[g.member_vertex[i]] = i;
  std::vector<std::vector<Row>> rows(n);
  for (std::uint32_t r = 0; r < n; ++r) {
    const VertexId u = f.vertex_of_rank[r];
    for (std::uint64_t e = f.offsets[r]; e < f.offsets[r + 1]; ++e) {
      const VertexId w = f.vertex_of_rank[f.targets[e]];
      const bool u_lower = g.vertex_member[u] < g.vertex_member[w];
      const VertexId lower = u_lower ? u : w, higher = u_lower ? w : u;
      rows[member_rank[lower]].push_back({g.vertex_member[higher], f.shared[e]});
    }
  }
  f = ForwardEdges{};
  arena.execute([&] {
    tbb::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t i) {
      std::sort(rows[i].begin(), rows[i].end(), [](const Row& x, const Row& y) { return x.connection < y.connection; });
    });
  });
  for (std::uint32_t i = 0; i < n; ++i) {
    for (const Row& row : rows[i]) emit(g.member_sorted[i], row.connection, row.shared);
  }
}

}  // namespace mutuals
