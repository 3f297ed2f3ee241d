// Differential test of every insight beyond shared-connections against the
// Boost.Graph oracle (support/oracle.h), on random worlds (random_world.h):
// shared-schools and shared-employers (single and batch on 1 and 2
// threads), connections-at, suggest (contacts only and with friends of
// friends), meeting and distance, each compared field by field (status,
// count, items, years_overlap, shared counts, degree).
//
// Each world is checked twice: after late members arrive and contacts are
// imported (round 1), and after random consent changes by a tenth of the
// members (round 2). Graph shapes: sparse, power-law, a 5,000-connection
// hub, dense cores, consecutive-id blocks, mixtures, ids at both ends of
// the 64-bit range; small and sparse member ids and value ids; every vertex
// order; consent mixes with many hidden members, nobody hidden, and many
// members not rolled out. One world per test so ctest runs them in parallel.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/insights/insight_rounds.h"
#include "engine/insights/random_world.h"
#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

namespace mutuals {
namespace {

using testing::ConsentMix;
using testing::IdStyle;
using testing::Oracle;
using testing::RandomGraph;

struct WorldCase {
  std::string name;
  std::function<RandomGraph()> make;
  ConsentMix mix;
  bool sparse_values = false;
};

ConsentMix many_hidden() {
  ConsentMix m;
  m.hidden = 0.5;
  return m;
}
ConsentMix nobody_hidden() {
  ConsentMix m;
  m.hidden = 0;
  m.no_record = 0;
  return m;
}
ConsentMix few_rolled_out() {
  ConsentMix m;
  m.not_rolled_out = 0.3;
  m.linked = 0.9;
  return m;
}

std::vector<WorldCase> world_cases() {
  std::vector<WorldCase> c;
  c.push_back({"er300", [] { return testing::erdos_renyi(300, 3, 11, IdStyle::kSmall); }, {}, false});
  c.push_back({"er200sparse", [] { return testing::erdos_renyi(200, 1.5, 12, IdStyle::kSparse64); }, {}, true});
  c.push_back({"er1000", [] { return testing::erdos_renyi(1000, 6, 13, IdStyle::kSparse64); }, many_hidden(), false});
  c.push_back({"er3000", [] { return testing::erdos_renyi(3000, 10, 14, IdStyle::kSmall); }, nobody_hidden(), true});
  c.push_back({"er2000dense", [] { return testing::erdos_renyi(2000, 25, 15, IdStyle::kSparse64); }, {}, false});
  c.push_back({"powerlaw500", [] { return testing::power_law(500, 4, 2.1, 125, 16, IdStyle::kSmall); }, {}, false});
  c.push_back({"powerlaw2000", [] { return testing::power_law(2000, 8, 2.2, 500, 17, IdStyle::kSmall); },
               few_rolled_out(), true});
  c.push_back({"powerlaw5000", [] { return testing::power_law(5000, 10, 2.5, 1250, 18, IdStyle::kSparse64); },
               many_hidden(), false});
  c.push_back({"hub5000", [] { return testing::hub_graph(8000, 5000, 4, 19, IdStyle::kSmall); }, {}, false});
  c.push_back({"hub4500sparse", [] { return testing::hub_graph(6000, 4500, 2, 20, IdStyle::kSparse64); },
               many_hidden(), true});
  c.push_back({"dense5000", [] { return testing::dense_core(5000, 3, 4400, 2, 21, IdStyle::kSmall); }, {}, false});
  c.push_back({"dense9000sparse", [] { return testing::dense_core(9000, 2, 4300, 2, 22, IdStyle::kSparse64); },
               nobody_hidden(), false});
  c.push_back({"runs3x300", [] { return testing::id_runs(3, 300, 75, 0, 23); }, {}, false});
  c.push_back({"runs2x40high", [] { return testing::id_runs(2, 40, 10, MemberId{1} << 40, 24); }, many_hidden(), true});
  c.push_back({"runs1x300top", [] { return testing::id_runs(1, 300, 75, ~MemberId{0} - 20000, 25); }, {}, false});
  c.push_back({"mixed", [] { return testing::mixed(26); }, {}, true});
  c.push_back({"mixed", [] { return testing::mixed(27); }, few_rolled_out(), false});
  for (int k = 0; k < 2; ++k) {
    c.push_back({"extremeids",
                 [k] {
                   RandomGraph g = testing::erdos_renyi(500 + 400 * k, 4 + 4 * k, 28 + k, IdStyle::kSmall);
                   auto remap = [](MemberId m) { return m % 2 == 0 ? m / 2 : ~MemberId{0} - m / 2; };
                   for (MemberEdge& e : g.edges) e = {remap(e.a), remap(e.b)};
                   g.members = testing::members_of(g.edges);
                   return g;
                 },
                 k == 0 ? ConsentMix{} : many_hidden(), k == 1});
  }
  return c;
}

const std::vector<WorldCase>& cases() {
  static const std::vector<WorldCase> all = world_cases();
  return all;
}

constexpr VertexOrder kOrders[] = {VertexOrder::kNone, VertexOrder::kDegree, VertexOrder::kBfs, VertexOrder::kRcm,
                                   VertexOrder::kCommunity};

class InsightsOracleTest : public ::testing::TestWithParam<int> {};

TEST_P(InsightsOracleTest, EveryKindMatchesOracle) {
  const int index = GetParam();
  const WorldCase& wc = cases()[index];
  const VertexOrder order = kOrders[index % 4];
  testing::World w = testing::make_world(wc.make(), 7000 + index, wc.mix, wc.sparse_values);
  SCOPED_TRACE(w.name + " order " + std::string(to_string(order)));
  Oracle oracle(w.edges, w.consent, w.extras);

  testing::TempDir dir;
  const std::string store_dir = dir.path() + "/store";
  Result<BuildReport> report = build_store(w.build_input(order), store_dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->members, oracle.members());
  Result<Insights> insights = Insights::open(store_dir);
  ASSERT_TRUE(insights.ok()) << insights.status().message();

  // Round 1: late members and contact imports (each status as the oracle says).
  const std::vector<testing::Step> imports = testing::import_contacts(oracle, w, 8000 + index);
  apply_in_step(*insights, imports);
  int refused = 0;
  for (const testing::Step& s : imports) refused += s.expected == QueryStatus::kConsentMissing;
  EXPECT_GT(refused, 0) << "some imports must be refused (no ms.contacts)";
  EXPECT_LT(refused, static_cast<int>(imports.size()) * 3 / 4);
  testing::Tally first;
  testing::check_round(*insights, oracle, w, 9000 + index, {}, first);

  // Round 2: random changes.
  apply_in_step(*insights, testing::random_changes(oracle, w, 10000 + index));
  testing::Tally second;
  testing::check_round(*insights, oracle, w, 11000 + index, {}, second);

  for (const testing::Tally* t : {&first, &second}) {
    EXPECT_EQ(t->failures, 0);
    // The samples reached the answers, not only the refusals.
    for (const char* kind : {"shared-school", "shared-employer", "distance", "connections-at", "suggest", "meeting"}) {
      EXPECT_GT(t->count(kind, QueryStatus::kOk), 5) << kind;
    }
    EXPECT_GT(t->count("distance", QueryStatus::kSubjectUnavailable), 0);
    EXPECT_GT(t->facet_items, 20);
    EXPECT_GT(t->overlap_true, 0);
    EXPECT_GT(t->overlap_false, 0);
    EXPECT_GT(t->overlap_null, 0);
    EXPECT_GT(t->at_nonempty, 3);
    EXPECT_GT(t->suggest_nonempty, 10);
    EXPECT_GT(t->suggest_scored, 3);
    EXPECT_GT(t->meeting_attendees_ok, 5);
    EXPECT_GT(t->degrees.count(1) + t->degrees.count(2), 1u) << "degrees 1 and 2";
    EXPECT_GT(t->degrees.count(3) + t->degrees.count(-1), 0u) << "degree 3 or out of network";
  }
}

INSTANTIATE_TEST_SUITE_P(RandomWorlds, InsightsOracleTest, ::testing::Range(0, static_cast<int>(cases().size())),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + "_" + cases()[info.param].name + "_" +
                                  std::string(to_string(kOrders[info.param % 4]));
                         });

}  // namespace
}  // namespace mutuals
