// DESIGN §3, shared-connections, on a tiny hand-drawn graph with exact
// answers: every status, the order the checks run in, the secure defaults,
// and the rule that a hidden member is never revealed, not even in a count.
// Each expectation is also checked against the test oracle, so the oracle
// used by the randomized tests is itself pinned to the hand-computed truth.
//
//            ┌── carol 3 ───┐
//            ├── dave 4* ───┤
//   alice 1 ─┼── frank 6* ──┼── bob 2 ── erin 5
//     │  │   └── grace 7 ───┘    │
//     │  └───────────────────────┘          (alice and bob are connected too)
//     │
//     └── every viewer below (8..11, 13, 15) is connected to carol 3, dave 4
//         and grace 7, so each shares with bob: carol, grace (dave is hidden)
//
//   ned 14 has a consent record and no connection; 999 appears nowhere.
//   * hidden in Microsoft apps: dave by choice, frank by default (no record)
//
//   member   linked  grants                 visible  rolled out
//   alice 1    1     all                      1         1
//   bob 2      1     all                      1         1
//   carol 3    0     none                     1         1
//   dave 4     1     all                      0         1
//   erin 5     0     none                     1         1
//   frank 6    -     (no record)              -         -
//   grace 7    1     all                      1         1
//   hank 8     0     none                     1         0      not rolled out and not linked
//   ivy 9      0     all (on file, unlinked)  1         1
//   judy 10    1     all but li.connections   1         1
//   ken 11     1     li.connections only      1         1
//   leo 12     1     all                      0         1      a hidden subject
//   mia 13     1     all                      1         0
//   ned 14     0     none                     1         1      known from consent only
//   olga 15    1     all                      0         1      a hidden viewer
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/temp_dir.h"

namespace mutuals {
namespace {

using Items = std::vector<MemberId>;

constexpr MemberId kAlice = 1, kBob = 2, kCarol = 3, kDave = 4, kErin = 5, kFrank = 6, kGrace = 7, kHank = 8,
                   kIvy = 9, kJudy = 10, kKen = 11, kLeo = 12, kMia = 13, kNed = 14, kOlga = 15, kNobody = 999;

constexpr GrantSet kLiConnections = grant_bit(Category::kLiConnections);

std::vector<MemberEdge> edges() {
  std::vector<MemberEdge> e = {{kAlice, kBob}, {kBob, kErin}};
  for (MemberId shared : {kCarol, kDave, kFrank, kGrace}) {
    e.push_back({kAlice, shared});
    e.push_back({shared, kBob});
  }
  for (MemberId viewer : {kHank, kIvy, kJudy, kKen, kMia, kOlga}) {
    for (MemberId to : {kCarol, kDave, kGrace}) e.push_back({viewer, to});
  }
  e.push_back({kLeo, kCarol});
  e.push_back({kLeo, kGrace});
  return e;
}

ConsentRecord rec(MemberId m, bool linked, GrantSet grants, bool visible, bool rolled_out = true) {
  ConsentRecord r;
  r.member = m;
  r.linked = linked;
  r.grants = grants;
  r.visible = visible;
  r.rolled_out = rolled_out;
  return r;
}

std::vector<ConsentRecord> consent() {
  return {rec(kAlice, true, kAllGrants, true),
          rec(kBob, true, kAllGrants, true),
          rec(kCarol, false, 0, true),
          rec(kDave, true, kAllGrants, false),
          rec(kErin, false, 0, true),
          rec(kGrace, true, kAllGrants, true),
          rec(kHank, false, 0, true, /*rolled_out=*/false),
          rec(kIvy, false, kAllGrants, true),
          rec(kJudy, true, GrantSet(kAllGrants & ~kLiConnections), true),
          rec(kKen, true, kLiConnections, true),
          rec(kLeo, true, kAllGrants, false),
          rec(kMia, true, kAllGrants, true, /*rolled_out=*/false),
          rec(kNed, false, 0, true),
          rec(kOlga, true, kAllGrants, false)};
}

class PolicyTest : public ::testing::TestWithParam<VertexOrder> {
 protected:
  void SetUp() override {
    BuildInput in;
    in.edges = edges();
    in.consent = consent();
    in.order = GetParam();
    Result<BuildReport> report = build_store(std::move(in), dir_.path() + "/store");
    ASSERT_TRUE(report.ok()) << report.status().message();
    ASSERT_EQ(report->members, 15u);  // 1..15: frank from his edges, ned from his record
    Result<Insights> opened = Insights::open(dir_.path() + "/store");
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    insights_ = std::make_unique<Insights>(std::move(*opened));
  }

  // Checks the engine's answer, the oracle's, and the expectation agree.
  void expect(MemberId viewer, MemberId subject, std::size_t limit, QueryStatus status, std::uint64_t count,
              const Items& items) {
    SCOPED_TRACE("viewer " + std::to_string(viewer) + " subject " + std::to_string(subject) + " limit " +
                 std::to_string(limit));
    SharedConnections got = insights_->shared_connections(viewer, subject, limit);
    EXPECT_EQ(to_string(got.status), to_string(status));
    EXPECT_EQ(got.count, count);
    EXPECT_EQ(got.items, items);
    EXPECT_EQ(got.viewer, viewer);
    EXPECT_EQ(got.subject, subject);
    testing::OracleAnswer want = oracle_.shared_connections(viewer, subject, limit);
    EXPECT_EQ(to_string(want.status), to_string(status)) << "the oracle disagrees with the design";
    EXPECT_EQ(want.count, count) << "the oracle disagrees with the design";
    EXPECT_EQ(want.items, items) << "the oracle disagrees with the design";
  }

  testing::TempDir dir_;
  std::unique_ptr<Insights> insights_;
  testing::Oracle oracle_{edges(), consent()};
};

TEST_P(PolicyTest, OkCountsAndListsOnlyVisibleSharedConnections) {
  // alice and bob share carol, dave*, frank*, grace: two are visible.
  expect(kAlice, kBob, 10, QueryStatus::kOk, 2, {kCarol, kGrace});
  expect(kAlice, kBob, 0, QueryStatus::kOk, 2, {});
  expect(kAlice, kBob, 1, QueryStatus::kOk, 2, {kCarol});
  expect(kAlice, kBob, 2, QueryStatus::kOk, 2, {kCarol, kGrace});
  expect(kBob, kAlice, 10, QueryStatus::kOk, 2, {kCarol, kGrace});
  // alice and erin share bob.
  expect(kAlice, kErin, 5, QueryStatus::kOk, 1, {kBob});
  // ken needs only li.connections; ken and bob share carol, dave*, grace.
  expect(kKen, kBob, 5, QueryStatus::kOk, 2, {kCarol, kGrace});
  // A hidden viewer may still ask: visibility is about being shown.
  expect(kOlga, kBob, 5, QueryStatus::kOk, 2, {kCarol, kGrace});
  // Oneself: every visible connection (bob, carol, grace; not dave, frank).
  expect(kAlice, kAlice, 10, QueryStatus::kOk, 3, {kBob, kCarol, kGrace});
  // A subject known only from consent: ok, nothing shared.
  expect(kAlice, kNed, 10, QueryStatus::kOk, 0, {});
}

TEST_P(PolicyTest, HiddenMembersAreNeverCountedNorListed) {
  for (MemberId viewer : {kAlice, kBob, kKen, kOlga}) {
    for (MemberId subject : {kAlice, kBob, kCarol, kErin, kGrace, kNed}) {
      SharedConnections r = insights_->shared_connections(viewer, subject, 1000);
      if (r.status != QueryStatus::kOk) continue;
      for (MemberId hidden : {kDave, kFrank, kLeo, kOlga}) {
        EXPECT_EQ(std::count(r.items.begin(), r.items.end(), hidden), 0) << viewer << "/" << subject;
      }
      EXPECT_EQ(r.count, r.items.size()) << "the count includes someone not listed";
    }
  }
  // Hiding grace later removes her from both the list and the count.
  ConsentChange hide{kGrace, ConsentChange::Kind::kHide, std::nullopt, {}};
  ASSERT_TRUE(insights_->change(hide).ok());
  SharedConnections r = insights_->shared_connections(kAlice, kBob, 10);
  EXPECT_EQ(r.status, QueryStatus::kOk);
  EXPECT_EQ(r.count, 1u);
  EXPECT_EQ(r.items, Items{kCarol});
  // Showing dave reveals him.
  ConsentChange show{kDave, ConsentChange::Kind::kShow, std::nullopt, {}};
  ASSERT_TRUE(insights_->change(show).ok());
  r = insights_->shared_connections(kAlice, kBob, 10);
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(r.items, (Items{kCarol, kDave}));
}

TEST_P(PolicyTest, ViewerRefusals) {
  expect(kHank, kBob, 5, QueryStatus::kNotRolledOut, 0, {});  // not rolled out beats not linked
  expect(kMia, kBob, 5, QueryStatus::kNotRolledOut, 0, {});   // linked, all grants, not rolled out
  expect(kIvy, kBob, 5, QueryStatus::kViewerNotLinked, 0, {});  // grants on file do not make a link
  expect(kCarol, kBob, 5, QueryStatus::kViewerNotLinked, 0, {});
  expect(kFrank, kBob, 5, QueryStatus::kViewerNotLinked, 0, {});  // no record: the secure defaults
  expect(kNobody, kBob, 5, QueryStatus::kViewerNotLinked, 0, {});  // unknown viewer: the same defaults
  expect(kJudy, kBob, 5, QueryStatus::kConsentMissing, 0, {});     // everything but li.connections
}

TEST_P(PolicyTest, ViewerChecksComeBeforeTheSubject) {
  for (MemberId subject : {kLeo, kNobody, kFrank}) {
    expect(kHank, subject, 5, QueryStatus::kNotRolledOut, 0, {});
    expect(kIvy, subject, 5, QueryStatus::kViewerNotLinked, 0, {});
    expect(kJudy, subject, 5, QueryStatus::kConsentMissing, 0, {});
    expect(kNobody, subject, 5, QueryStatus::kViewerNotLinked, 0, {});
  }
}

TEST_P(PolicyTest, HiddenSubjectIsIndistinguishableFromUnknown) {
  expect(kAlice, kLeo, 5, QueryStatus::kSubjectUnavailable, 0, {});    // hidden by choice
  expect(kAlice, kFrank, 5, QueryStatus::kSubjectUnavailable, 0, {});  // hidden by default
  expect(kAlice, kDave, 5, QueryStatus::kSubjectUnavailable, 0, {});
  expect(kAlice, kNobody, 5, QueryStatus::kSubjectUnavailable, 0, {});  // unknown
  // Byte for byte the same answer, apart from the subject id asked about.
  for (std::size_t limit : {0, 1, 5}) {
    SharedConnections hidden = insights_->shared_connections(kAlice, kLeo, limit);
    SharedConnections unknown = insights_->shared_connections(kAlice, kNobody, limit);
    EXPECT_EQ(hidden.status, unknown.status);
    EXPECT_EQ(hidden.count, unknown.count);
    EXPECT_EQ(hidden.items, unknown.items);
  }
  // leo and alice do share connections (carol, grace): hiding is what stops it.
  EXPECT_EQ(oracle_.common_neighbors(kAlice, kLeo), (Items{kCarol, kGrace}));
}

TEST_P(PolicyTest, RevokingOnlyLiConnectionsGivesConsentMissing) {
  ConsentChange revoke{kAlice, ConsentChange::Kind::kRevoke, Category::kLiConnections, {}};
  ASSERT_TRUE(insights_->change(revoke).ok());
  SharedConnections r = insights_->shared_connections(kAlice, kBob, 5);
  EXPECT_EQ(r.status, QueryStatus::kConsentMissing);
  EXPECT_EQ(r.count, 0u);
  EXPECT_TRUE(r.items.empty());
  // Revoking another category does not matter to shared connections.
  ConsentChange grant{kAlice, ConsentChange::Kind::kGrant, Category::kLiConnections, {}};
  ASSERT_TRUE(insights_->change(grant).ok());
  ConsentChange revoke_profile{kAlice, ConsentChange::Kind::kRevoke, Category::kLiProfile, {}};
  ASSERT_TRUE(insights_->change(revoke_profile).ok());
  r = insights_->shared_connections(kAlice, kBob, 5);
  EXPECT_EQ(r.status, QueryStatus::kOk);
  EXPECT_EQ(r.count, 2u);
  // Unlinking clears every grant: viewer_not_linked, and relinking restores all.
  ConsentChange unlink{kAlice, ConsentChange::Kind::kUnlink, std::nullopt, {}};
  ASSERT_TRUE(insights_->change(unlink).ok());
  EXPECT_EQ(insights_->shared_connections(kAlice, kBob, 5).status, QueryStatus::kViewerNotLinked);
  ConsentChange link{kAlice, ConsentChange::Kind::kLink, std::nullopt, {}};
  ASSERT_TRUE(insights_->change(link).ok());
  EXPECT_EQ(insights_->shared_connections(kAlice, kBob, 5).status, QueryStatus::kOk);
}

TEST_P(PolicyTest, PageAndBatchApplyTheSameRules) {
  const std::vector<MemberId> subjects = {kBob, kLeo, kNobody, kErin, kAlice, kNed, kFrank};
  for (MemberId viewer : {kAlice, kHank, kIvy, kJudy, kKen, kNobody}) {
    std::vector<SharedConnections> page = insights_->shared_connections_page(viewer, subjects, 5);
    ASSERT_EQ(page.size(), subjects.size());
    std::vector<MemberPair> pairs;
    for (MemberId s : subjects) pairs.push_back({viewer, s});
    std::vector<SharedConnections> batch = insights_->shared_connections_batch(pairs, 5, 2);
    ASSERT_EQ(batch.size(), subjects.size());
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      testing::OracleAnswer want = oracle_.shared_connections(viewer, subjects[i], 5);
      for (const SharedConnections* got : {&page[i], &batch[i]}) {
        EXPECT_EQ(got->status, want.status) << viewer << "/" << subjects[i];
        EXPECT_EQ(got->count, want.count) << viewer << "/" << subjects[i];
        EXPECT_EQ(got->items, want.items) << viewer << "/" << subjects[i];
        EXPECT_EQ(got->subject, subjects[i]);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryOrder, PolicyTest,
                         ::testing::Values(VertexOrder::kNone, VertexOrder::kDegree, VertexOrder::kBfs,
                                           VertexOrder::kRcm, VertexOrder::kCommunity),
                         [](const ::testing::TestParamInfo<VertexOrder>& info) {
                           return std::string(to_string(info.param));
                         });

}  // namespace
}  // namespace mutuals
