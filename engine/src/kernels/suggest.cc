#include "kernels/suggest.h"


#include <algorithm>

#include "kernels/intersect.h"
#include "kernels/shared_connections.h"
#include "common/parallel_loop.h"

namespace mutuals::internal {
std::vector<ScoredVertex> score_candidates(const StoreData& g, VertexId member, std::span<const VertexId> candidates) {
  std::vector<ScoredVertex> out(candidates.size());
  const BitmapView mine = g.neighbors(member);
  auto score = [&](std::size_t i) { out[i] = {candidates[i], count_all(mine, g.neighbors(candidates[i]))}; };
  if (candidates.size() < 256) {
    for (std::size_t i = 0; i < candidates.size(); ++i) score(i);
  } else {
    parallel_each<std::size_t>(0, candidates.size(), score);
  }
  return out;
}

std::vector<ScoredVertex> two_hop_candidates(const StoreData& g, VertexId member) {
  // Per-thread counters sized to the graph, reset through the touched list:
  // a query costs its two-hop edges, never the member count.
  thread_local std::vector<std::uint32_t> counts;
  thread_local std::vector<std::uint8_t> direct;
  if (counts.size() < g.members()) {
    counts.assign(g.members(), 0);
    direct.assign(g.members(), 0);
  }
  std::vector<VertexId> first, second, touched;
  g.neighbors(member).decode(first);
  for (VertexId u : first) direct[u] = 1;
  for (VertexId u : first) {
    second.clear();
    g.neighbors(u).decode(second);
    for (VertexId w : second) {
      if (w == member || direct[w]) continue;
      if (counts[w]++ == 0) touched.push_back(w);
    }
  }
  std::vector<ScoredVertex> out;
  out.reserve(touched.size());
  for (VertexId w : touched) {
    out.push_back({w, counts[w]});
    counts[w] = 0;
  }
  for (VertexId u : first) direct[u] = 0;
  return out;
}

void keep_best(const StoreData& g, std::vector<ScoredVertex>& scored, std::size_t limit) {
  auto better = [&](const ScoredVertex& a, const ScoredVertex& b) {
    if (a.shared != b.shared) return a.shared > b.shared;
    return g.vertex_member[a.vertex] < g.vertex_member[b.vertex];
  };
  std::size_t k = std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(k), scored.end(), better);
  scored.resize(k);
}

}  // namespace mutuals::internal
