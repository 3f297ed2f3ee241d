// The hub-grouped batch scheduler (insights/pair_schedule.h): every pair
// is answered once, at its own index, with the states and count it gets
// alone, whatever the grouping, block size and thread count; pairs with a
// hub really are answered hub by hub, through the expanded hub when the
// run is long enough.
#include "insights/pair_schedule.h"

#include <gtest/gtest.h>

#include <mutex>
#include <random>
#include <vector>

#include "insights/insights_state.h"
#include "kernels/shared_connections.h"
#include "mutuals/store.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

namespace mutuals::internal {
namespace {

struct Answered {
  int times = 0;
  MemberState viewer, subject;
  std::uint64_t count = 0;
  std::vector<VertexId> listed;
};

TEST(PairScheduleTest, EveryPairOnceWithItsOwnAnswerInAnyGrouping) {
  testing::RandomGraph rg = testing::power_law(6000, 12.0, 2.1, 3000, 41, testing::IdStyle::kSparse64);
  testing::TempDir dir;
  BuildInput in;
  in.edges = rg.edges;
  in.order = VertexOrder::kCommunity;
  ASSERT_TRUE(build_store(std::move(in), dir.path() + "/store").ok());
  Result<std::shared_ptr<const Store>> store = Store::open(dir.path() + "/store");
  ASSERT_TRUE(store.ok()) << store.status().message();
  const StoreData& g = (*store)->data();

  std::mt19937_64 rng(42);
  std::vector<MemberFlags> flags(g.members());
  for (MemberFlags& f : flags) {
    f = static_cast<MemberFlags>(kFlagRolledOut | kFlagLinked | kAllGrants);
    if (rng() % 5 != 0) f |= kFlagVisible;
  }
  auto consent = ConsentSnapshot::from_flags(flags, 1);

  // Degree-weighted members (an edge's end) against anyone, some unknown.
  std::vector<MemberPair> pairs;
  for (int i = 0; i < 5000; ++i) {
    const MemberEdge& e = rg.edges[rng() % rg.edges.size()];
    MemberId other = rg.members[rng() % rg.members.size()];
    if (i % 97 == 0) other = 0xFEEDFACEull + static_cast<MemberId>(i);  // not in the graph
    pairs.push_back(i % 2 ? MemberPair{e.a, other} : MemberPair{other, e.b});
  }
  std::vector<Answered> want(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    want[i].viewer = resolve(g, *consent, pairs[i].viewer);
    want[i].subject = resolve(g, *consent, pairs[i].subject);
    if (want[i].viewer.vertex != kNoVertex && want[i].subject.vertex != kNoVertex) {
      want[i].count = count_shared(g, *consent, want[i].viewer.vertex, want[i].subject.vertex);
      list_shared(g, *consent, want[i].viewer.vertex, want[i].subject.vertex, want[i].listed);
    }
  }

  int grouped_runs = 0;
  std::size_t expanded_answers = 0;
  // Off; every pair grouped, hubs never expanded; grouped from 64 bytes in
  // blocks of 777, every run expanded; one pair a block.
  for (const PairGrouping grouping :
       {PairGrouping{false}, PairGrouping{true, 0, 1u << 22, 1u << 30, 0}, PairGrouping{true, 64, 777, 1, 0},
        PairGrouping{true, 1024, 1}, PairGrouping{}}) {
    for (int threads : {1, 2}) {
      SCOPED_TRACE("grouping " + std::to_string(grouping.on) + " hub bytes " + std::to_string(grouping.hub_bytes) +
                   " block " + std::to_string(grouping.block) + " threads " + std::to_string(threads));
      std::vector<Answered> got(pairs.size());
      std::mutex order_mutex;
      std::vector<VertexId> hubs;  // the larger member of each pair, in answer order (one thread only)
      answer_pairs_grouped(g, *consent, pairs, threads, grouping,
                           [&](std::size_t i, const MemberPair& p, const MemberState& v, const MemberState& s,
                               std::vector<VertexId>& scratch, const GroupHub& hub) {
                             ASSERT_EQ(p.viewer, pairs[i].viewer);
                             ASSERT_EQ(p.subject, pairs[i].subject);
                             Answered& a = got[i];
                             ++a.times;
                             a.viewer = v;
                             a.subject = s;
                             if (v.vertex != kNoVertex && s.vertex != kNoVertex) {
                               a.count = hub.count(g, *consent, v.vertex, s.vertex);
                               scratch.clear();
                               hub.list(g, *consent, v.vertex, s.vertex, scratch);
                               a.listed = scratch;
                               if (hub.expanded != nullptr) {
                                 ASSERT_TRUE(hub.vertex == v.vertex || hub.vertex == s.vertex);
                                 ++expanded_answers;
                               }
                             }
                             if (threads == 1) {
                               std::lock_guard lock(order_mutex);
                               hubs.push_back(pair_hub(g, v.vertex, s.vertex, grouping.hub_bytes));
                             }
                           });
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        ASSERT_EQ(got[i].times, 1) << i;
        EXPECT_EQ(got[i].viewer.vertex, want[i].viewer.vertex) << i;
        EXPECT_EQ(got[i].viewer.flags, want[i].viewer.flags) << i;
        EXPECT_EQ(got[i].viewer.known, want[i].viewer.known) << i;
        EXPECT_EQ(got[i].subject.vertex, want[i].subject.vertex) << i;
        EXPECT_EQ(got[i].subject.flags, want[i].subject.flags) << i;
        EXPECT_EQ(got[i].count, want[i].count) << i;
        EXPECT_EQ(got[i].listed, want[i].listed) << i;
      }
      if (threads == 1 && grouping.on && grouping.block >= pairs.size()) {
        // One block on one thread: the hub-less pairs first (pass 1), then
        // the others by ascending hub.
        auto first_hub = std::find_if(hubs.begin(), hubs.end(), [](VertexId h) { return h != kNoVertex; });
        ASSERT_NE(first_hub, hubs.end()) << "no pair had a hub";
        EXPECT_TRUE(std::is_sorted(first_hub, hubs.end()));
        EXPECT_TRUE(std::all_of(first_hub, hubs.end(), [](VertexId h) { return h != kNoVertex; }));
        ++grouped_runs;
      }
    }
  }
  EXPECT_EQ(grouped_runs, 2);
  EXPECT_GT(expanded_answers, 1000u) << "the expanded-hub path must answer pairs";
}

TEST(PairScheduleTest, ReadsSysfsCacheSizes) {
  EXPECT_EQ(parse_cache_size("32K"), 32u << 10);
  EXPECT_EQ(parse_cache_size("32768K\n"), 32u << 20);
  EXPECT_EQ(parse_cache_size("2M"), 2u << 20);
  EXPECT_EQ(parse_cache_size("512"), 512u);
  EXPECT_EQ(parse_cache_size(""), 0u);
  EXPECT_EQ(parse_cache_size("K"), 0u);
  EXPECT_EQ(parse_cache_size("12Q"), 0u);
  EXPECT_GT(last_level_cache_bytes(), 0u);
}

}  // namespace
}  // namespace mutuals::internal
