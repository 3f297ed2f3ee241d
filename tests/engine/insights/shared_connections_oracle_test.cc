// Differential test of shared_connections against the Boost.Graph oracle on
// 100+ random graphs (sparse, power-law, a 30,000-connection hub, dense
// cores with bitset containers, consecutive-id blocks with run containers,
// mixtures; small and sparse 64-bit member ids), random consent, every
// vertex order, and the single, page and batch (1, 2, 4 threads) entry
// points. One graph per test so ctest can run them in parallel.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/insights/oracle_pairs.h"
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

struct GraphCase {
  std::string name;
  std::function<RandomGraph()> make;
};

std::vector<GraphCase> graph_cases() {
  std::vector<GraphCase> c;
  std::uint64_t seed = 1000;
  auto ids = [](int i) { return i % 2 == 0 ? IdStyle::kSmall : IdStyle::kSparse64; };
  int i = 0;
  for (std::uint32_t n : {30u, 200u, 1000u, 5000u}) {
    for (double d : {1.5, 4.0, 12.0, 40.0}) {
      for (int k = 0; k < 2; ++k, ++i, ++seed) {
        c.push_back({"er", [n, d, seed, s = ids(i)] { return testing::erdos_renyi(n, d, seed, s); }});
      }
    }
  }
  for (std::uint32_t n : {300u, 2000u, 10000u}) {
    for (double d : {3.0, 10.0}) {
      for (double e : {2.1, 2.5}) {
        for (int k = 0; k < 2; ++k, ++i, ++seed) {
          c.push_back({"powerlaw", [n, d, e, seed, s = ids(i)] { return testing::power_law(n, d, e, n / 4, seed, s); }});
        }
      }
    }
  }
  // The 30,000-connection hub: its bitmap spans two 65536-id blocks under
  // the identity order, each container a bitset.
  c.push_back({"hub30000", [] { return testing::hub_graph(70000, 30000, 3, 77, IdStyle::kSmall); }});
  c.push_back({"hub30000sparse", [] { return testing::hub_graph(40000, 30000, 2, 78, IdStyle::kSparse64); }});
  c.push_back({"hub5000", [] { return testing::hub_graph(8000, 5000, 6, 79, IdStyle::kSmall); }});
  for (std::uint32_t n : {5000u, 9000u, 100000u}) {
    for (std::uint32_t core : {3u, 8u}) {
      ++seed;
      c.push_back({"dense", [n, core, seed, s = ids(i++)] {
                     return testing::dense_core(n, core, 4200 + core * 200, 2, seed, s);
                   }});
    }
  }
  for (std::uint32_t blocks : {1u, 3u, 6u}) {
    for (std::uint32_t size : {40u, 300u}) {
      for (MemberId first : {MemberId{0}, MemberId{1} << 40, ~MemberId{0} - 20000}) {
        ++seed;
        c.push_back({"runs", [blocks, size, first, seed] {
                       return testing::id_runs(blocks, size, size / 4, first, seed);
                     }});
      }
    }
  }
  for (int k = 0; k < 12; ++k) c.push_back({"mixed", [s = ++seed] { return testing::mixed(s); }});
  // Member ids at both ends of the 64-bit range (0, 1, ... and 2^64-1, 2^64-2, ...).
  for (int k = 0; k < 4; ++k) {
    c.push_back({"extremeids", [s = ++seed, k] {
                   RandomGraph g = testing::erdos_renyi(400 + 300 * k, 3 + 3 * k, s, IdStyle::kSmall);
                   auto remap = [](MemberId m) { return m % 2 == 0 ? m / 2 : ~MemberId{0} - m / 2; };
                   for (MemberEdge& e : g.edges) e = {remap(e.a), remap(e.b)};
                   g.members = testing::members_of(g.edges);
                   return g;
                 }});
  }
  // A few more sparse graphs of random shape.
  for (int k = 0; k < 6; ++k) {
    ++seed;
    c.push_back({"er", [seed, k] { return testing::erdos_renyi(100 + 700 * k, 2 + 5 * k, seed, IdStyle::kSparse64); }});
  }
  return c;
}

const std::vector<GraphCase>& cases() {
  static const std::vector<GraphCase> all = graph_cases();
  return all;
}

// The member with the most distinct connections (the lowest id on ties).
MemberId top_member(const std::vector<MemberEdge>& edges) {
  std::map<MemberId, std::set<MemberId>> adjacent;
  for (const MemberEdge& e : edges) {
    adjacent[e.a].insert(e.b);
    adjacent[e.b].insert(e.a);
  }
  MemberId best = 0;
  std::size_t degree = 0;
  for (const auto& [m, n] : adjacent) {
    if (n.size() > degree) {
      best = m;
      degree = n.size();
    }
  }
  return best;
}

constexpr VertexOrder kOrders[] = {VertexOrder::kNone, VertexOrder::kDegree, VertexOrder::kBfs, VertexOrder::kRcm,
                                   VertexOrder::kCommunity};

class SharedConnectionsOracleTest : public ::testing::TestWithParam<int> {};

TEST(SharedConnectionsOracleCasesTest, AtLeastOneHundredGraphs) { EXPECT_GE(cases().size(), 100u); }

TEST_P(SharedConnectionsOracleTest, MatchesOracle) {
  const int index = GetParam();
  const GraphCase& gc = cases()[index];
  const VertexOrder order = kOrders[index % 4];
  RandomGraph g = gc.make();
  SCOPED_TRACE(g.name + " order " + std::string(to_string(order)));
  testing::ConsentMix mix;
  if (index % 10 == 9) {
    // Nobody hidden: the kernels skip the visibility mask entirely.
    mix.hidden = 0;
    mix.no_record = 0;
  }
  std::vector<ConsentRecord> consent = testing::random_consent(g.members, 5000 + index, mix);
  // The best-connected member (the hub, where there is one) always asks:
  // linked, every grant, visible, rolled out.
  const MemberId top = top_member(g.edges);
  std::erase_if(consent, [&](const ConsentRecord& r) { return r.member == top; });
  consent.push_back({top, true, true, true, kAllGrants});
  const Oracle oracle(g.edges, consent);
  if (gc.name.starts_with("hub30000")) {
    ASSERT_EQ(oracle.neighbors(top).size(), 30000u) << "the hub graph must have its 30,000-connection hub";
  }

  testing::TempDir dir;
  const std::string store_dir = dir.path() + "/store";
  BuildInput in;
  in.edges = g.edges;
  in.consent = consent;
  in.order = order;
  // Every other graph keeps far more containers dense than a real build
  // would (half the adjacency again, from 16 values), so dense containers
  // meet every other kind in the kernels.
  if (index % 2 == 1) in.dense = {0.5, 16};
  in.threads = index % 3;  // 0 (all), 1, 2
  Result<BuildReport> report = build_store(std::move(in), store_dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->members, oracle.members());
  EXPECT_EQ(report->connections, oracle.connections());
  EXPECT_EQ(report->duplicates_dropped, g.edges.size() - oracle.connections());

  Result<Insights> insights = Insights::open(store_dir);
  ASSERT_TRUE(insights.ok()) << insights.status().message();
  EXPECT_EQ(insights->store().info().members, oracle.members());
  EXPECT_EQ(insights->store().info().connections, oracle.connections());
  EXPECT_EQ(insights->store().info().order, to_string(order));
  EXPECT_EQ(insights->store().info().dense_containers, report->dense_containers);

  testing::PairSampler sampler(oracle, 9000 + index);
  std::vector<MemberPair> pairs = sampler.sample(250, {});
  // The top member against its own connections, friends of friends and anyone.
  std::mt19937_64 rng(index);
  const std::vector<MemberId>& around = oracle.neighbors(top);
  for (int k = 0; k < 12 && !around.empty(); ++k) {
    MemberId b = around[rng() % around.size()];
    const std::vector<MemberId>& next = oracle.neighbors(b);
    MemberId c = next[rng() % next.size()];
    pairs.push_back({top, k % 3 == 0 ? b : k % 3 == 1 ? c : oracle.member_ids()[rng() % oracle.members()]});
    pairs.push_back({b, top});
  }

  // Single calls against the oracle, at every limit.
  std::map<QueryStatus, int> statuses;
  int ok_nonzero = 0, failures = 0;
  std::vector<SharedConnections> single5;
  for (const MemberPair& p : pairs) {
    for (std::size_t limit : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{1000}}) {
      SharedConnections got = insights->shared_connections(p.viewer, p.subject, limit);
      testing::OracleAnswer want = oracle.shared_connections(p.viewer, p.subject, limit);
      auto same = testing::same_answer(got, want, p.viewer, p.subject);
      EXPECT_TRUE(same) << "limit " << limit;
      if (!same && ++failures > 5) FAIL() << "giving up after 5 differences";
      if (limit == 0) {
        ++statuses[got.status];
        ok_nonzero += got.status == QueryStatus::kOk && got.count > 0;
      }
      if (limit == 5) single5.push_back(std::move(got));
    }
  }
  // The sample must have reached the kernels, not only the refusals.
  EXPECT_GT(statuses[QueryStatus::kOk], 25);
  EXPECT_GT(ok_nonzero, 5);
  EXPECT_GT(statuses[QueryStatus::kSubjectUnavailable], 0);  // at least the unknown subjects

  // Pages: one viewer against every subject of the sample.
  std::vector<MemberId> subjects;
  for (const MemberPair& p : pairs) subjects.push_back(p.subject);
  for (std::size_t k = 0; k < 8 && k < pairs.size(); ++k) {
    const MemberId viewer = pairs[k * (pairs.size() / 8)].viewer;
    std::vector<SharedConnections> page = insights->shared_connections_page(viewer, subjects, 5);
    ASSERT_EQ(page.size(), subjects.size());
    std::vector<SharedCount> counts(subjects.size(), SharedCount{QueryStatus::kNotYet, 99});
    ASSERT_TRUE(insights->shared_connection_counts_page(viewer, subjects, counts).ok());
    for (std::size_t j = 0; j < subjects.size(); ++j) {
      const SharedConnections single = insights->shared_connections(viewer, subjects[j], 5);
      ASSERT_TRUE(testing::same_answer(page[j], single));
      ASSERT_EQ(counts[j].status, single.status) << "subject " << j;
      ASSERT_EQ(counts[j].count, single.count) << "subject " << j;
    }
    // A page of fewer subjects than the dense expansion threshold takes the pairwise path.
    const std::vector<MemberId> few(subjects.begin(), subjects.begin() + std::min<std::size_t>(3, subjects.size()));
    std::vector<SharedCount> few_counts(few.size());
    ASSERT_TRUE(insights->shared_connection_counts_page(viewer, few, few_counts).ok());
    for (std::size_t j = 0; j < few.size(); ++j) {
      ASSERT_EQ(few_counts[j].count, insights->shared_connections(viewer, few[j]).count) << "subject " << j;
    }
    std::vector<SharedCount> wrong_size(subjects.size() + 1);
    EXPECT_FALSE(insights->shared_connection_counts_page(viewer, subjects, wrong_size).ok());
  }

  // Batches on 1, 2 and 4 threads give exactly the single answers.
  for (int threads : {1, 2, 4}) {
    std::vector<SharedConnections> batch = insights->shared_connections_batch(pairs, 5, threads);
    ASSERT_EQ(batch.size(), pairs.size());
    for (std::size_t j = 0; j < pairs.size(); ++j) {
      ASSERT_TRUE(testing::same_answer(batch[j], single5[j])) << threads << " threads, pair " << j;
    }
    std::vector<SharedConnections> counts = insights->shared_connections_batch(pairs, 0, threads);
    for (std::size_t j = 0; j < pairs.size(); ++j) {
      ASSERT_EQ(counts[j].count, single5[j].count) << threads << " threads, pair " << j;
      ASSERT_TRUE(counts[j].items.empty());
    }
    std::vector<SharedCount> only(pairs.size(), SharedCount{QueryStatus::kNotYet, 99});
    ASSERT_TRUE(insights->shared_connection_counts(pairs, only, threads).ok());
    for (std::size_t j = 0; j < pairs.size(); ++j) {
      ASSERT_EQ(only[j].status, single5[j].status) << threads << " threads, pair " << j;
      ASSERT_EQ(only[j].count, single5[j].count) << threads << " threads, pair " << j;
    }
  }
  // The caller's buffer must fit the pairs exactly; nothing is written otherwise.
  ASSERT_FALSE(pairs.empty());
  std::vector<SharedCount> short_by_one(pairs.size() - 1, SharedCount{QueryStatus::kNotYet, 99});
  EXPECT_FALSE(insights->shared_connection_counts(pairs, short_by_one, 1).ok());
  for (const SharedCount& c : short_by_one) ASSERT_EQ(c.count, 99u);
}

INSTANTIATE_TEST_SUITE_P(RandomGraphs, SharedConnectionsOracleTest,
                         ::testing::Range(0, static_cast<int>(cases().size())),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + "_" + cases()[info.param].name + "_" +
                                  std::string(to_string(kOrders[info.param % 4]));
                         });

}  // namespace
}  // namespace mutuals
