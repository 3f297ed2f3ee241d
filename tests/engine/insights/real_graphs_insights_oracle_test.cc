// Every insight beyond shared-connections on the real graphs of
// data-samples/ with their real attributes, against the Boost.Graph oracle:
// the eight Facebook100 schools with their schools files (the university
// with class-year periods, high schools without years), and ego-Facebook
// with its schools and employers (no years). Consent is random (seeded);
// contacts are imported by random members through durable changes, then a
// round of random consent changes follows. Queries: shared-schools (and
// shared-employers), connections-at, suggest with and without friends of
// friends, meeting and distance (Boost BFS over the whole graph), on
// sampled pairs (connected, friends of friends, sharing a school, far
// apart, unknown). Also pins each facets file's row, member and id counts
// (data-samples/README.md) and the graph's member and connection counts
// (each SOURCE.md).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/insights/insight_rounds.h"
#include "engine/insights/random_world.h"
#include "mutuals/insights.h"
#include "mutuals/loaders/edges.h"
#include "mutuals/loaders/facets.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/temp_dir.h"

namespace mutuals {
namespace {

struct FacetFile {
  const char* path;  // under data-samples/facets/
  std::uint64_t rows, members, ids;
};

struct RealWorld {
  const char* name;
  const char* edges;  // under data-samples/
  std::uint64_t members, connections;
  FacetFile schools;
  FacetFile employers;  // path nullptr when none
  bool years;           // whether the schools file has class-year periods
};

// Counts: graphs from SOURCE.md; facets files counted from the files (the
// README gives Caltech36, MIT8 and ego-Facebook's, which agree).
constexpr RealWorld kWorlds[] = {
    {"caltech36", "facebook100/Caltech36.edges.gz", 769, 16656, {"caltech36_schools.csv", 1404, 769, 501}, {}, true},
    {"haverford76", "facebook100/Haverford76.edges.gz", 1446, 59589, {"haverford76_schools.csv", 2724, 1446, 859}, {},
     true},
    {"oberlin44", "facebook100/Oberlin44.edges.gz", 2920, 89912, {"oberlin44_schools.csv", 5288, 2920, 1388}, {}, true},
    {"trinity100", "facebook100/Trinity100.edges.gz", 2613, 111996, {"trinity100_schools.csv", 4916, 2613, 990}, {},
     true},
    {"colgate88", "facebook100/Colgate88.edges.gz", 3482, 155043, {"colgate88_schools.csv", 6568, 3482, 1535}, {},
     true},
    {"johnshopkins55", "facebook100/JohnsHopkins55.edges.gz", 5180, 186586,
     {"johnshopkins55_schools.csv", 9633, 5180, 2127}, {}, true},
    {"american75", "facebook100/American75.edges.gz", 6386, 217662, {"american75_schools.csv", 11897, 6386, 2882}, {},
     true},
    {"mit8", "facebook100/MIT8.edges.gz", 6440, 251252, {"mit8_schools.csv", 11368, 6440, 2648}, {}, true},
    {"ego_facebook", "snap-ego-facebook/facebook_combined.txt.gz", 4039, 88234,
     {"ego_facebook_schools.csv", 4609, 2696, 357}, {"ego_facebook_employers.csv", 804, 638, 145}, false},
};

std::string data(const std::string& path) { return std::string(MUTUALS_DATA_SAMPLES) + "/" + path; }

std::vector<FacetRecord> load_checked(const FacetFile& f, const char* column) {
  Result<std::vector<FacetRecord>> rows = loaders::load_facets(data(std::string("facets/") + f.path), column);
  if (!rows.ok()) throw std::runtime_error(rows.status().message());
  std::set<MemberId> members;
  std::set<std::uint64_t> ids;
  for (const FacetRecord& r : *rows) {
    members.insert(r.member);
    ids.insert(r.value);
  }
  EXPECT_EQ(rows->size(), f.rows) << f.path;
  EXPECT_EQ(members.size(), f.members) << f.path;
  EXPECT_EQ(ids.size(), f.ids) << f.path;
  return std::move(*rows);
}

// Pairs of members with a value of `kind` in common whose periods for it do
// not meet (other class years): rare among sampled pairs, so drawn here.
std::vector<MemberPair> disjoint_year_pairs(const testing::Oracle& o, FacetKind kind, std::size_t count,
                                            std::mt19937_64& rng) {
  struct Held {
    MemberId member;
    int start, end;
  };
  std::map<std::uint64_t, std::vector<Held>> by_value;
  std::vector<std::pair<std::uint64_t, std::size_t>> rows;  // (value, index in by_value[value])
  for (std::uint64_t v : o.facet_values(kind)) {
    for (MemberId m : o.facet_members(kind, v)) {
      for (const FacetRecord& r : o.facet_rows(kind, m)) {
        if (r.value != v || !r.start_year || !r.end_year) continue;
        rows.emplace_back(v, by_value[v].size());
        by_value[v].push_back({m, *r.start_year, *r.end_year});
      }
    }
  }
  std::vector<MemberPair> out;
  for (std::size_t attempt = 0; attempt < 200 * count && out.size() < count && !rows.empty(); ++attempt) {
    const auto& [value, index] = rows[testing::uniform(rng, rows.size())];
    const std::vector<Held>& held = by_value[value];
    const Held& a = held[index];
    const Held& b = held[testing::uniform(rng, held.size())];
    if (a.member != b.member && (a.end < b.start || b.end < a.start)) out.push_back({a.member, b.member});
  }
  return out;
}

class RealGraphsInsightsOracleTest : public ::testing::TestWithParam<int> {};

TEST_P(RealGraphsInsightsOracleTest, EveryKindMatchesOracle) {
  const int index = GetParam();
  const RealWorld& rw = kWorlds[index];
  Result<loaders::EdgeList> list = loaders::load_edges(data(rw.edges));
  ASSERT_TRUE(list.ok()) << list.status().message();

  testing::World w;
  w.name = rw.name;
  w.edges = std::move(list->edges);
  const std::vector<MemberId> graph_members = testing::members_of(w.edges);
  testing::ConsentMix mix;
  mix.extra_members = 0;  // keep the member count the graph's
  w.consent = testing::random_consent(graph_members, 515 + index, mix);
  w.extras.schools = load_checked(rw.schools, "school");
  if (rw.employers.path != nullptr) w.extras.employers = load_checked(rw.employers, "employer");
  std::mt19937_64 rng(616 + index);
  std::set<MemberId> taken(graph_members.begin(), graph_members.end());
  for (int k = 0; k < 4; ++k) w.late.push_back(testing::fresh_id(rng, taken));

  testing::Oracle oracle(w.edges, w.consent, w.extras);
  ASSERT_EQ(oracle.members(), rw.members);  // every facet member is a graph member
  ASSERT_EQ(oracle.connections(), rw.connections);
  EXPECT_EQ(oracle.facet_values(FacetKind::kSchool).size(), rw.schools.ids);

  testing::TempDir dir;
  const std::string store_dir = dir.path() + "/store";
  Result<BuildReport> report = build_store(w.build_input(kDefaultOrder), store_dir);
  ASSERT_TRUE(report.ok()) << report.status().message();
  Result<Insights> insights = Insights::open(store_dir);
  ASSERT_TRUE(insights.ok()) << insights.status().message();
  const StoreInfo& info = insights->store().info();
  EXPECT_EQ(info.members, rw.members);
  EXPECT_EQ(info.connections, rw.connections);
  EXPECT_EQ(info.schools, rw.schools.ids);
  EXPECT_EQ(info.employers, rw.employers.path != nullptr ? rw.employers.ids : 0);

  testing::apply_in_step(*insights, testing::import_contacts(oracle, w, 717 + index));
  testing::RoundSizes sizes;
  sizes.pairs = 300;
  sizes.school_pairs = 200;
  sizes.employer_pairs = rw.employers.path != nullptr ? 100 : 0;
  sizes.random_pairs = 150;  // Facebook100: all at one university, most in other class years
  sizes.far_pairs = 60;
  sizes.connections_at = 300;
  sizes.suggest = 60;
  sizes.with_contacts = 60;
  sizes.meetings = 60;
  const std::vector<MemberPair> other_years = disjoint_year_pairs(oracle, FacetKind::kSchool, 80, rng);
  if (rw.years) {
    EXPECT_EQ(other_years.size(), 80u);
  }
  testing::Tally first;
  testing::check_round(*insights, oracle, w, 818 + index, sizes, first, other_years);

  testing::apply_in_step(*insights, testing::random_changes(oracle, w, 919 + index));
  testing::Tally second;
  testing::check_round(*insights, oracle, w, 1020 + index, sizes, second, other_years);

  for (const testing::Tally* t : {&first, &second}) {
    EXPECT_EQ(t->failures, 0);
    for (const char* kind : {"shared-school", "distance", "connections-at", "suggest", "meeting"}) {
      EXPECT_GT(t->count(kind, QueryStatus::kOk), 20) << kind;
    }
    if (rw.employers.path != nullptr) {
      EXPECT_GT(t->count("shared-employer", QueryStatus::kOk), 20);
    }
    EXPECT_GT(t->facet_items, 100);
    EXPECT_GT(t->overlap_null, 0);  // high schools (or ego-Facebook's ids) have no years
    if (rw.years) {
      // Class-year periods: classmates overlap, members five or more years apart do not.
      EXPECT_GT(t->overlap_true, 20);
      EXPECT_GT(t->overlap_false, 5);
    } else {
      EXPECT_EQ(t->overlap_true + t->overlap_false, 0);
    }
    EXPECT_GT(t->at_nonempty, 50);
    EXPECT_GT(t->suggest_scored, 20);
    EXPECT_GT(t->meeting_attendees_ok, 20);
    EXPECT_GT(t->degree(1), 0);
    EXPECT_GT(t->degree(2), 0);
    EXPECT_GT(t->degree(3) + t->degree(-1), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(DataSamples, RealGraphsInsightsOracleTest,
                         ::testing::Range(0, static_cast<int>(std::size(kWorlds))),
                         [](const ::testing::TestParamInfo<int>& info) { return std::string(kWorlds[info.param].name); });

}  // namespace
}  // namespace mutuals
