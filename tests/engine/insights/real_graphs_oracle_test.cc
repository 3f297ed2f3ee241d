// Shared connections on the real graphs of data-samples/, against the
// Boost.Graph oracle: for every vertex order, 100,000 pairs a graph (half
// connected pairs, half friends of friends, a few random and unknown) with
// random consent, through shared_connections_batch with limit 5. Also pins
// the member and connection counts to the ones SOURCE.md documents.
//
// One test per graph x order, so ctest runs them in parallel. Within one
// process the loaded graph, its oracle and its answers are cached.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/insights/oracle_pairs.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

// Sanitizers slow the oracle and the engine ~10x: the largest graph then
// checks fewer pairs. Never in a normal build.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MUTUALS_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define MUTUALS_TEST_SANITIZED 1
#endif
#endif
#ifndef MUTUALS_TEST_SANITIZED
#define MUTUALS_TEST_SANITIZED 0
#endif

namespace mutuals {
namespace {

struct RealGraph {
  const char* name;
  const char* path;  // under data-samples/
  std::uint64_t members;
  std::uint64_t connections;
  std::uint64_t self_loops;
  bool largest;
};

// Counts from each directory's SOURCE.md.
constexpr RealGraph kGraphs[] = {
    {"ego_facebook", "snap-ego-facebook/facebook_combined.txt.gz", 4039, 88234, 0, false},
    {"enron", "snap-email-enron/email-Enron.txt.gz", 36692, 183831, 0, false},
    {"slashdot", "snap-soc-slashdot0902/soc-Slashdot0902.txt.gz", 82168, 504230, 78303, true},
    {"caltech36", "facebook100/Caltech36.edges.gz", 769, 16656, 0, false},
    {"mit8", "facebook100/MIT8.edges.gz", 6440, 251252, 0, false},
};

constexpr VertexOrder kOrders[] = {VertexOrder::kNone, VertexOrder::kDegree, VertexOrder::kBfs, VertexOrder::kRcm,
                                   VertexOrder::kCommunity};

std::size_t pair_count(const RealGraph& g) { return MUTUALS_TEST_SANITIZED && g.largest ? 10'000 : 100'000; }

// Everything about one graph that does not depend on the order.
struct Loaded {
  std::vector<MemberEdge> edges;
  std::uint64_t self_loops = 0;
  std::vector<ConsentRecord> consent;
  std::unique_ptr<testing::Oracle> oracle;
  std::vector<MemberPair> pairs;
  std::vector<testing::OracleAnswer> answers;
};

const Loaded& load(const RealGraph& g) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Loaded>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = cache[g.name];
  if (slot) return *slot;
  auto l = std::make_unique<Loaded>();
  Result<loaders::EdgeList> list = loaders::load_edges(std::string(MUTUALS_DATA_SAMPLES) + "/" + g.path);
  if (!list.ok()) throw std::runtime_error(list.status().message());
  l->edges = std::move(list->edges);
  l->self_loops = list->self_loops;
  testing::ConsentMix mix;
  mix.extra_members = 0;  // keep the member count the graph's
  l->consent = testing::random_consent(testing::members_of(l->edges), 424242, mix);
  l->oracle = std::make_unique<testing::Oracle>(l->edges, l->consent);
  testing::PairMix pairs;
  pairs.connected = 0.49;
  pairs.fof = 0.49;
  pairs.random = 0.01;
  pairs.unknown = 0.005;  // and 0.005 viewer == subject
  testing::PairSampler sampler(*l->oracle, 777);
  l->pairs = sampler.sample(pair_count(g), pairs);
  l->answers.reserve(l->pairs.size());
  for (const MemberPair& p : l->pairs) l->answers.push_back(l->oracle->shared_connections(p.viewer, p.subject, 5));
  slot = std::move(l);
  return *slot;
}

class RealGraphsOracleTest : public ::testing::TestWithParam<std::tuple<int, int>> {};

TEST_P(RealGraphsOracleTest, BatchMatchesOracle) {
  const RealGraph& g = kGraphs[std::get<0>(GetParam())];
  const VertexOrder order = kOrders[std::get<1>(GetParam())];
  const Loaded& l = load(g);

  // The oracle itself agrees with SOURCE.md.
  ASSERT_EQ(l.oracle->members(), g.members);
  ASSERT_EQ(l.oracle->connections(), g.connections);
  EXPECT_EQ(l.self_loops, g.self_loops);

  testing::TempDir dir;
  const std::string store_dir = dir.path() + "/store";
  BuildInput in;
  in.edges = l.edges;
  in.self_loops = l.self_loops;
  in.consent = l.consent;
  in.order = order;
  Result<BuildReport> report = build_store(std::move(in), store_dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  Result<Insights> insights = Insights::open(store_dir);
  ASSERT_TRUE(insights.ok()) << insights.status().message();
  const StoreInfo& info = insights->store().info();
  EXPECT_EQ(info.members, g.members);
  EXPECT_EQ(info.connections, g.connections);
  EXPECT_EQ(info.entries, 2 * g.connections);
  EXPECT_EQ(info.self_loops, g.self_loops);
  EXPECT_EQ(info.order, to_string(order));

  std::vector<SharedConnections> got = insights->shared_connections_batch(l.pairs, 5, 0);
  ASSERT_EQ(got.size(), l.pairs.size());
  int failures = 0;
  std::uint64_t ok = 0, ok_nonzero = 0, total_count = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    auto same = testing::same_answer(got[i], l.answers[i], l.pairs[i].viewer, l.pairs[i].subject);
    EXPECT_TRUE(same) << "pair " << i;
    if (!same && ++failures >= 10) FAIL() << "giving up after 10 differences";
    ok += got[i].status == QueryStatus::kOk;
    ok_nonzero += got[i].status == QueryStatus::kOk && got[i].count > 0;
    total_count += got[i].count;
  }
  // Most pairs reached the kernel and most of those share someone.
  EXPECT_GT(ok, got.size() / 3);
  EXPECT_GT(ok_nonzero, ok / 3);
  RecordProperty("pairs", static_cast<int>(got.size()));
  RecordProperty("total_shared", std::to_string(total_count));
}

INSTANTIATE_TEST_SUITE_P(DataSamples, RealGraphsOracleTest,
                         ::testing::Combine(::testing::Range(0, static_cast<int>(std::size(kGraphs))),
                                            ::testing::Range(0, 4)),
                         [](const ::testing::TestParamInfo<std::tuple<int, int>>& info) {
                           return std::string(kGraphs[std::get<0>(info.param)].name) + "_" +
                                  std::string(to_string(kOrders[std::get<1>(info.param)]));
                         });

}  // namespace
}  // namespace mutuals
