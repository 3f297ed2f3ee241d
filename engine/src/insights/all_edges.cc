// all-edges (DESIGN §4 `batch --all-edges`): per-connection shared counts.
// Each connection is counted once, from its lower-member-id side; vertices
// are split among threads and results merged in member id order.
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>

#include "insights/insights_state.h"
#include "kernels/intersect.h"
#include "kernels/shared_connections.h"

namespace mutuals {
using namespace internal;

void Insights::all_edges_shared(const std::function<void(MemberId, MemberId, std::uint64_t)>& emit,
                                int threads) const {
  const StoreData& g = state_->graph();
  const std::uint32_t n = g.members();
  struct Row {
    MemberId connection;
    std::uint64_t shared;
  };
  // Rows per member, indexed by the member's rank in member id order.
  std::vector<std::vector<Row>> rows(n);
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 64), [&](const auto& r) {
      std::vector<VertexId> neighbours;
      for (std::uint32_t rank = r.begin(); rank != r.end(); ++rank) {
        const VertexId v = g.member_vertex[rank];
        const MemberId m = g.member_sorted[rank];
        const BitmapView nv = g.neighbors(v);
        neighbours.clear();
        nv.decode(neighbours);
        std::vector<Row>& out = rows[rank];
        for (VertexId u : neighbours) {
          if (g.vertex_member[u] <= m) continue;
          out.push_back({g.vertex_member[u], count_all(nv, g.neighbors(u))});
        }
        std::sort(out.begin(), out.end(), [](const Row& a, const Row& b) { return a.connection < b.connection; });
      }
    });
  });
  for (std::uint32_t rank = 0; rank < n; ++rank) {
    for (const Row& row : rows[rank]) emit(g.member_sorted[rank], row.connection, row.shared);
  }
}

}  // namespace mutuals
