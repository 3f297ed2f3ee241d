#include "kernels/suggest.h"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "kernels/intersect.h"
#include "kernels/shared_connections.h"

namespace mutuals::internal {
namespace {

// Calls f(v) for each vertex in a bitmap, ascending.
template <typename F>
void for_each_vertex(const BitmapView& b, F&& f) {
  std::vector<VertexId> all;
  b.decode(all);
  for (VertexId v : all) f(v);
}

}  // namespace

std::vector<ScoredVertex> score_candidates(const StoreData& g, VertexId member, std::span<const VertexId> candidates) {
  std::vector<ScoredVertex> out(candidates.size());
  const BitmapView mine = g.neighbors(member);
  auto score = [&](std::size_t i) { out[i] = {candidates[i], count_all(mine, g.neighbors(candidates[i]))}; };
  if (candidates.size() < 256) {
    for (std::size_t i = 0; i < candidates.size(); ++i) score(i);
  } else {
    tbb::parallel_for(std::size_t{0}, candidates.size(), score);
  }
  return out;
}

std::vector<ScoredVertex> two_hop_candidates(const StoreData& g, VertexId member) {
  std::vector<std::uint32_t> counts;
  std::vector<VertexId> touched;
  std::vector<bool> direct(g.members(), false);
  const BitmapView mine = g.neighbors(member);
  std::vector<VertexId> first;
  for_each_vertex(mine, [&](VertexId u) {
    direct[u] = true;
    first.push_back(u);
  });
  counts.assign(g.members(), 0);
  for (VertexId u : first) {
    for_each_vertex(g.neighbors(u), [&](VertexId w) {
      if (w == member || direct[w]) return;
      if (counts[w]++ == 0) touched.push_back(w);
    });
  }
  std::vector<ScoredVertex> out;
  out.reserve(touched.size());
  for (VertexId w : touched) out.push_back({w, counts[w]});
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
