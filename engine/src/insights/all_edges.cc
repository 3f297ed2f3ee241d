// all-edges (DESIGN §4 `batch --all-edges`): per-connection shared counts
// from the oriented triangle kernel, then rows in member id order.
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>

#include "insights/insights_state.h"
#include "kernels/edge_triangles.h"
#include "common/parallel_loop.h"

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
  // Rows grouped by the lower member's rank in member id order, built in
  // parallel (the emission itself is the caller's, one thread): a count
  // pass, offsets, a fill pass with per-member cursors, a sort per member.
  std::vector<std::uint32_t> member_rank(n);
  std::vector<std::atomic<std::uint64_t>> cursor(std::size_t(n) + 1);
  std::vector<std::uint64_t> begin(std::size_t(n) + 1, 0);
  std::vector<Row> rows;
  auto lower_of = [&](VertexId u, VertexId w) { return g.vertex_member[u] < g.vertex_member[w] ? u : w; };
  arena.execute([&] {
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) { member_rank[g.member_vertex[i]] = i; });
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t r) {
      const VertexId u = f.vertex_of_rank[r];
      for (std::uint64_t e = f.offsets[r]; e < f.offsets[r + 1]; ++e) {
        const VertexId w = f.vertex_of_rank[f.targets[e]];
        cursor[member_rank[lower_of(u, w)]].fetch_add(1, std::memory_order_relaxed);
      }
    });
    for (std::uint32_t i = 0; i < n; ++i) begin[i + 1] = begin[i] + cursor[i].load(std::memory_order_relaxed);
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) { cursor[i].store(begin[i], std::memory_order_relaxed); });
    rows.resize(begin[n]);
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t r) {
      const VertexId u = f.vertex_of_rank[r];
      for (std::uint64_t e = f.offsets[r]; e < f.offsets[r + 1]; ++e) {
        const VertexId w = f.vertex_of_rank[f.targets[e]];
        const VertexId lower = lower_of(u, w), higher = lower == u ? w : u;
        rows[cursor[member_rank[lower]].fetch_add(1, std::memory_order_relaxed)] = {g.vertex_member[higher], f.shared[e]};
      }
    });
    f = ForwardEdges{};
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) {
      std::sort(rows.begin() + static_cast<std::ptrdiff_t>(begin[i]), rows.begin() + static_cast<std::ptrdiff_t>(begin[i + 1]),
                [](const Row& x, const Row& y) { return x.connection < y.connection; });
    });
  });
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint64_t k = begin[i]; k < begin[i + 1]; ++k) emit(g.member_sorted[i], rows[k].connection, rows[k].shared);
  }
}

}  // namespace mutuals
