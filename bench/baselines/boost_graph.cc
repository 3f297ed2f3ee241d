#include "baselines/boost_graph.h"

#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <iterator>

namespace mutuals::bench {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// An output iterator that only counts what is written through it.
struct CountingIterator {
  using iterator_category = std::output_iterator_tag;
  using value_type = void;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = void;

  std::uint64_t* count;
  CountingIterator& operator*() { return *this; }
  CountingIterator& operator++() { return *this; }
  CountingIterator operator++(int) { return *this; }
  template <typename T>
  CountingIterator& operator=(const T&) {
    ++*count;
    return *this;
  }
};

std::uint64_t intersect_count(const Graph& g, Graph::vertex_descriptor a, Graph::vertex_descriptor b) {
  std::uint64_t c = 0;
  auto [ai, ae] = boost::adjacent_vertices(a, g);
  auto [bi, be] = boost::adjacent_vertices(b, g);
  std::set_intersection(ai, ae, bi, be, CountingIterator{&c});
  return c;
}

}  // namespace

struct BoostGraph::Impl {
  Graph graph;
};

BoostGraph::BoostGraph(const Adjacency& g) : impl_(std::make_unique<Impl>()) {
  impl_->graph = Graph(g.vertices());
  // Ascending (u, v) with u < v: u's list receives its lower neighbours
  // (while they are processed) before its higher ones, each run ascending.
  for (VertexId u = 0; u < g.vertices(); ++u) {
    for (VertexId v : g.neighbors(u)) {
      if (u < v) boost::add_edge(u, v, impl_->graph);
    }
  }
}

BoostGraph::~BoostGraph() = default;

bool BoostGraph::sorted() const {
  const Graph& g = impl_->graph;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    auto [i, e] = boost::adjacent_vertices(v, g);
    if (!std::is_sorted(i, e)) return false;
  }
  return true;
}

// 64-byte aligned like csr_merge.cc's, for the same reason.
__attribute__((aligned(64))) std::uint64_t BoostGraph::count(VertexId a, VertexId b) const {
  if (a == kNoVertex || b == kNoVertex) return 0;
  return intersect_count(impl_->graph, a, b);
}

__attribute__((aligned(64))) std::uint64_t BoostGraph::count_page(VertexId viewer,
                                                                  std::span<const VertexId> subjects) const {
  if (viewer == kNoVertex) return 0;
  std::uint64_t sum = 0;
  for (VertexId s : subjects) {
    if (s != kNoVertex) sum += intersect_count(impl_->graph, viewer, s);
  }
  return sum;
}

std::uint64_t BoostGraph::all_edges(int threads) const {
  const Graph& g = impl_->graph;
  const auto n = static_cast<VertexId>(boost::num_vertices(g));
  tbb::combinable<std::uint64_t> sums([] { return std::uint64_t{0}; });
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<VertexId>(0, n, 64), [&](const auto& r) {
      std::uint64_t local = 0;
      for (VertexId u = r.begin(); u != r.end(); ++u) {
        for (auto v : boost::make_iterator_range(boost::adjacent_vertices(u, g))) {
          if (u < v) local += intersect_count(g, u, v);
        }
      }
      sums.local() += local;
    });
  });
  return sums.combine(std::plus<>{});
}

}  // namespace mutuals::bench
