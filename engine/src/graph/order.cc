#include "graph/order.h"

#include "graph/community_order.h"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/cuthill_mckee_ordering.hpp>
#include <numeric>
#include <tbb/parallel_sort.h>

namespace mutuals::internal {
namespace {

std::vector<std::uint32_t> identity(std::uint32_t n) {
  std::vector<std::uint32_t> id(n);
  std::iota(id.begin(), id.end(), 0u);
  return id;
}

// new_id from a visiting sequence: the k-th visited vertex gets id k.
std::vector<std::uint32_t> invert(const std::vector<std::uint32_t>& sequence) {
  std::vector<std::uint32_t> new_id(sequence.size());
  for (std::uint32_t k = 0; k < sequence.size(); ++k) new_id[sequence[k]] = k;
  return new_id;
}

std::vector<std::uint32_t> by_degree(const Csr& g) {
  std::vector<std::uint32_t> seq = identity(g.vertices());
  tbb::parallel_sort(seq.begin(), seq.end(), [&](std::uint32_t a, std::uint32_t b) {
    std::uint32_t da = g.degree(a), db = g.degree(b);
    return da != db ? da > db : a < b;
  });
  return seq;
}

std::vector<std::uint32_t> by_bfs(const Csr& g) {
  const std::uint32_t n = g.vertices();
  std::vector<std::uint32_t> starts = by_degree(g);
  std::vector<bool> seen(n, false);
  std::vector<std::uint32_t> seq;
  seq.reserve(n);
  for (std::uint32_t s : starts) {
    if (seen[s]) continue;
    seen[s] = true;
    std::size_t head = seq.size();
    seq.push_back(s);
    while (head < seq.size()) {
      std::uint32_t v = seq[head++];
      for (std::uint32_t u : g.neighbors(v)) {
        if (!seen[u]) {
          seen[u] = true;
          seq.push_back(u);
        }
      }
    }
  }
  return seq;
}

std::vector<std::uint32_t> by_rcm(const Csr& g) {
  using Graph = boost::compressed_sparse_row_graph<boost::directedS>;
  const std::uint32_t n = g.vertices();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  arcs.reserve(g.targets.size());
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t u : g.neighbors(v)) arcs.emplace_back(v, u);
  }
  Graph bg(boost::edges_are_sorted, arcs.begin(), arcs.end(), n);
  arcs.clear();
  arcs.shrink_to_fit();
  std::vector<Graph::vertex_descriptor> seq(n);
  std::vector<boost::default_color_type> colors(n);
  auto index = get(boost::vertex_index, bg);
  auto color = boost::make_iterator_property_map(colors.begin(), index);
  auto degree = boost::make_out_degree_map(bg);
  boost::cuthill_mckee_ordering(bg, seq.rbegin(), color, degree);  // reversed: RCM
  return invert(std::vector<std::uint32_t>(seq.begin(), seq.end()));
}

}  // namespace

std::vector<std::uint32_t> compute_order(const Csr& g, VertexOrder order) {
  switch (order) {
    case VertexOrder::kNone: return identity(g.vertices());
    case VertexOrder::kDegree: return invert(by_degree(g));
    case VertexOrder::kBfs: return invert(by_bfs(g));
    case VertexOrder::kRcm: return by_rcm(g);
    case VertexOrder::kCommunity: return invert(community_sequence(g, by_bfs(g)));
  }
  return identity(g.vertices());
}

}  // namespace mutuals::internal
