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
  // Rows grouped by the lower member's place in member id order, built in
  // parallel (the emission itself is the caller's, one thread): a count
  // pass, offsets, a fill pass with per-member cursors, a sort per member.
  // Members go by their place in member id order throughout (place_of_rank:
  // one random load an edge, where vertex ids cost four), and a row holds
  // the higher member's place, not its id, so rows are 8 bytes to sort.
  struct Row {
    std::uint32_t higher;  // place in member id order
    std::uint32_t shared;
  };
  std::vector<std::uint32_t> place_of_rank(n);
  std::vector<std::atomic<std::uint64_t>> cursor(std::size_t(n) + 1);
  std::vector<std::uint64_t> begin(std::size_t(n) + 1, 0);
  std::vector<Row> rows;
  arena.execute([&] {
    {
      std::vector<std::uint32_t> place(n);
      parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) { place[g.member_vertex[i]] = i; });
      parallel_each<std::uint32_t>(0, n, [&](std::uint32_t r) { place_of_rank[r] = place[f.vertex_of_rank[r]]; });
    }
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t r) {
      const std::uint32_t a = place_of_rank[r];
      for (std::uint64_t e = f.offsets[r]; e < f.offsets[r + 1]; ++e) {
        cursor[std::min(a, place_of_rank[f.targets[e]])].fetch_add(1, std::memory_order_relaxed);
      }
    });
    for (std::uint32_t i = 0; i < n; ++i) begin[i + 1] = begin[i] + cursor[i].load(std::memory_order_relaxed);
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) { cursor[i].store(begin[i], std::memory_order_relaxed); });
    rows.resize(begin[n]);
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t r) {
      const std::uint32_t a = place_of_rank[r];
      for (std::uint64_t e = f.offsets[r]; e < f.offsets[r + 1]; ++e) {
        const std::uint32_t b = place_of_rank[f.targets[e]];
        rows[cursor[std::min(a, b)].fetch_add(1, std::memory_order_relaxed)] = {std::max(a, b), f.shared[e]};
      }
    });
    f = ForwardEdges{};
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) {
      std::sort(rows.begin() + static_cast<std::ptrdiff_t>(begin[i]), rows.begin() + static_cast<std::ptrdiff_t>(begin[i + 1]),
                [](const Row& x, const Row& y) { return x.higher < y.higher; });
    });
  });
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint64_t k = begin[i]; k < begin[i + 1]; ++k) {
      emit(g.member_sorted[i], g.member_sorted[rows[k].higher], rows[k].shared);
    }
  }
}

}  // namespace mutuals
