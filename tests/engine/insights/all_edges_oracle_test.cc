// all_edges_shared against the Boost.Graph oracle: on random graphs
// (sparse, power-law, a 5,000-connection hub, small and sparse 64-bit ids),
// under every vertex order and on 1 and 2 threads, every distinct connection
// comes out exactly once, as (lower member id, higher), in ascending order,
// with |N(a) ∩ N(b)| from std::set_intersection over the oracle's lists.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

namespace mutuals {
namespace {

using testing::IdStyle;
using testing::Oracle;
using testing::RandomGraph;
using Row = std::tuple<MemberId, MemberId, std::uint64_t>;

std::vector<Row> expected_rows(const Oracle& oracle) {
  std::vector<Row> rows;
  for (const MemberEdge& e : oracle.edges()) rows.emplace_back(e.a, e.b, oracle.common_neighbors(e.a, e.b).size());
  return rows;
}

void check_graph(const RandomGraph& g) {
  const Oracle oracle(g.edges, {});
  const std::vector<Row> want = expected_rows(oracle);
  std::uint64_t triangles3 = 0;
  for (const Row& r : want) triangles3 += std::get<2>(r);
  for (VertexOrder order :
       {VertexOrder::kNone, VertexOrder::kDegree, VertexOrder::kBfs, VertexOrder::kRcm, VertexOrder::kCommunity}) {
    testing::TempDir dir;
    BuildInput in;
    in.edges = g.edges;
    in.order = order;
    const std::string store = dir.path() + "/s.store";
    ASSERT_TRUE(build_store(std::move(in), store).ok());
    Result<Insights> insights = Insights::open(store);
    ASSERT_TRUE(insights.ok()) << insights.status().message();
    for (int threads : {1, 2}) {
      std::vector<Row> got;
      insights->all_edges_shared([&](MemberId a, MemberId b, std::uint64_t s) { got.emplace_back(a, b, s); }, threads);
      ASSERT_EQ(got.size(), want.size()) << g.name << " order " << to_string(order) << " threads " << threads;
      for (std::size_t k = 0; k < want.size(); ++k) {
        ASSERT_EQ(got[k], want[k]) << g.name << " order " << to_string(order) << " threads " << threads << " row " << k;
      }
    }
  }
  EXPECT_GT(triangles3, 0u) << g.name << ": a graph without triangles checks nothing";
}

TEST(AllEdgesOracle, RandomGraphsEveryOrder) {
  check_graph(testing::erdos_renyi(300, 12.0, 501, IdStyle::kSmall));
  check_graph(testing::erdos_renyi(2000, 30.0, 502, IdStyle::kSparse64));
  check_graph(testing::power_law(3000, 10.0, 2.1, 700, 503, IdStyle::kSparse64));
  check_graph(testing::hub_graph(8000, 5000, 6, 504, IdStyle::kSmall));
}

}  // namespace
}  // namespace mutuals
