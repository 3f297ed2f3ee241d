// Every consent state of a viewer against every insight kind that
// every_combination_test.cc does not cover: shared-schools,
// shared-employers, connections-at, distance, meeting and suggest (and
// contact imports), each answer exact, from a rule function stated from
// DESIGN §3 below (not from the oracle or the engine).
//
//   viewer linked (2) x each of the nine grants (512) x rolled out (2)
//   = 2,048 viewers, each asked about every subject below.
//
// The graph, drawn for one viewer V_i and one subject S_j (j = 0..7):
//
//        A_j ─── B_j         A_j, B_j: connected to S_j and to every viewer
//        │ \   / │           (so V_i and S_j share exactly A_j and B_j);
//     V_i   S_j ─── T_j      T_j: S_j's alone, three steps from V_i;
//                            U: known from consent only, no connection.
//
// Visibility: S_j and T_j visible when bit 0 of j is set, A_j bit 1, B_j
// bit 2; U visible; each viewer's own visibility is pseudo-random (it
// matters only when a viewer asks about itself).
//
// Facets (school / employer rows, years as start-end, "-" none):
//   V_i  schools 100 2000-2004, 101 -, 103 start 1999 only;  employers 101 -, 200 2010-2012
//   S_j  schools 100 2003-2006, 101 1990-1994, 103 end 2005 only, 102 -;
//        employers 101 -, 200 start 2012 only, 201 -
//   A_j, B_j  school 100 -;  A_j employer 200 -   (employer ids must not leak into schools)
// so shared-schools(V, S) = 100 overlap, 101 null (V has no years), 103 no
// overlap (1999 vs 2005); shared-employers(V, S) = 101 null, 200 overlap.
//
// Contacts (through durable changes, while every viewer is still linked
// with all grants): V_i imports S_0, T_1, A_2, itself, an unknown id and U.
// Then each viewer's state is set by changes (link or unlink, then grant or
// revoke each category; rollout comes from the build), every 7th viewer
// removes its contacts, and every viewer tries to import T_2: accepted only
// while ms.contacts is granted. Checked again after reopening the store.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "engine/insights/insight_compare.h"
#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

using K = ConsentChange::Kind;

constexpr std::uint32_t kViewers = 2 * 512 * 2;
constexpr std::uint32_t kSubjects = 8;
constexpr MemberId kViewerBase = 1'000'000;
constexpr MemberId kSubjectBase = 9'000'000;
constexpr MemberId kU = 8'000'000;
constexpr MemberId kUnknown = 999'999'999'999ull;

MemberId viewer_id(std::uint32_t i) { return kViewerBase + i; }
MemberId s_id(std::uint32_t j) { return kSubjectBase + 16 * MemberId{j}; }
MemberId a_id(std::uint32_t j) { return s_id(j) + 1; }
MemberId b_id(std::uint32_t j) { return s_id(j) + 2; }
MemberId t_id(std::uint32_t j) { return s_id(j) + 3; }

bool s_visible(std::uint32_t j) { return j & 1; }
bool a_visible(std::uint32_t j) { return j & 2; }
bool b_visible(std::uint32_t j) { return j & 4; }

// Viewer i: bit 0 linked, bits 1..9 the nine grants, bit 10 rolled out.
struct Viewer {
  bool linked, rolled_out;
  GrantSet grants;
  bool visible;  // outside the product
};
Viewer viewer(std::uint32_t i) {
  std::mt19937_64 rng(i * 7919ull + 23);
  return {(i & 1) != 0, ((i >> 10) & 1) != 0, static_cast<GrantSet>((i >> 1) & kAllGrants), (rng() & 1) != 0};
}
bool has(const Viewer& v, Category c) { return (v.grants & grant_bit(c)) != 0; }

// The subjects of the pairwise kinds, and who they are.
enum class Who { kS, kA, kT, kU, kSelf, kNeighbourViewer, kUnknown };
struct Subject {
  MemberId id;
  Who who;
  std::uint32_t j;
};
std::vector<Subject> subjects(std::uint32_t i) {
  std::vector<Subject> out;
  for (std::uint32_t j = 0; j < kSubjects; ++j) {
    out.push_back({s_id(j), Who::kS, j});
    out.push_back({a_id(j), Who::kA, j});
    out.push_back({t_id(j), Who::kT, j});
  }
  out.push_back({kU, Who::kU, 0});
  out.push_back({viewer_id(i), Who::kSelf, 0});
  out.push_back({viewer_id(i ^ 1), Who::kNeighbourViewer, 0});
  out.push_back({kUnknown, Who::kUnknown, 0});
  return out;
}

bool available(std::uint32_t i, const Subject& s) {
  switch (s.who) {
    case Who::kS:
    case Who::kT: return s_visible(s.j);
    case Who::kA: return a_visible(s.j);
    case Who::kU: return true;
    case Who::kSelf: return viewer(i).visible;
    case Who::kNeighbourViewer: return viewer(i ^ 1).visible;
    case Who::kUnknown: return false;
  }
  return false;
}

// --- The rules of DESIGN §3, stated from the text.

QueryStatus gate(std::uint32_t i, std::initializer_list<Category> needed) {
  const Viewer v = viewer(i);
  if (!v.rolled_out) return QueryStatus::kNotRolledOut;
  if (!v.linked) return QueryStatus::kViewerNotLinked;
  for (Category c : needed) {
    if (!has(v, c)) return QueryStatus::kConsentMissing;
  }
  return QueryStatus::kOk;
}

// A pair query's gate: the viewer's, then the subject's availability.
QueryStatus pair_gate(std::uint32_t i, const Subject& s, std::initializer_list<Category> needed) {
  const QueryStatus viewer_status = gate(i, needed);
  if (viewer_status == QueryStatus::kOk && !available(i, s)) return QueryStatus::kSubjectUnavailable;
  return viewer_status;
}

// All visible members a viewer shares with the subject, ascending (the same
// for every viewer: each is connected to every A_j and B_j and nobody else).
std::vector<MemberId> visible_shared(const Subject& s) {
  std::vector<MemberId> out;
  auto every_visible_ab = [&] {
    for (std::uint32_t j = 0; j < kSubjects; ++j) {
      if (a_visible(j)) out.push_back(a_id(j));
      if (b_visible(j)) out.push_back(b_id(j));
    }
  };
  switch (s.who) {
    case Who::kS:
      if (a_visible(s.j)) out.push_back(a_id(s.j));
      if (b_visible(s.j)) out.push_back(b_id(s.j));
      break;
    case Who::kA:
      if (b_visible(s.j)) out.push_back(b_id(s.j));  // A_j─B_j
      break;
    case Who::kSelf:
    case Who::kNeighbourViewer: every_visible_ab(); break;
    default: break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

SharedConnections shared_connections_rule(std::uint32_t i, const Subject& s, std::size_t limit) {
  SharedConnections r;
  r.viewer = viewer_id(i);
  r.subject = s.id;
  r.status = pair_gate(i, s, {Category::kLiConnections});
  if (r.status != QueryStatus::kOk) return r;
  std::vector<MemberId> all = visible_shared(s);
  r.count = all.size();
  r.items.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(limit, all.size())));
  return r;
}

SharedFacets shared_facets_rule(FacetKind kind, std::uint32_t i, const Subject& s) {
  SharedFacets r;
  r.kind = kind;
  r.viewer = viewer_id(i);
  r.subject = s.id;
  r.status = pair_gate(i, s, {Category::kLiProfile});
  if (r.status != QueryStatus::kOk) return r;
  const bool school = kind == FacetKind::kSchool;
  switch (s.who) {
    case Who::kS:
      r.items = school ? std::vector<SharedFacet>{{100, true}, {101, std::nullopt}, {103, false}}
                       : std::vector<SharedFacet>{{101, std::nullopt}, {200, true}};
      break;
    case Who::kA:
      r.items = {{school ? 100u : 200u, std::nullopt}};
      break;
    case Who::kSelf:
    case Who::kNeighbourViewer:
      r.items = school ? std::vector<SharedFacet>{{100, true}, {101, std::nullopt}, {103, true}}
                       : std::vector<SharedFacet>{{101, std::nullopt}, {200, true}};
      break;
    default: break;  // T_j and U have no rows
  }
  r.count = r.items.size();
  return r;
}

ConnectionsAt connections_at_rule(std::uint32_t i, std::uint64_t school, std::size_t limit) {
  ConnectionsAt r;
  r.viewer = viewer_id(i);
  r.school = school;
  r.status = gate(i, {Category::kLiConnections, Category::kLiProfile});
  if (r.status != QueryStatus::kOk || school != 100) return r;  // only school 100 has a connection of V_i
  std::vector<MemberId> all = visible_shared({viewer_id(i), Who::kSelf, 0});
  r.count = all.size();
  r.items.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(limit, all.size())));
  return r;
}

Distance distance_rule(std::uint32_t i, const Subject& s) {
  Distance r;
  r.viewer = viewer_id(i);
  r.subject = s.id;
  r.status = pair_gate(i, s, {Category::kLiConnections});
  if (r.status != QueryStatus::kOk) return r;
  switch (s.who) {
    case Who::kSelf: r.degree = 0; break;
    case Who::kA: r.degree = 1; break;
    case Who::kS:
    case Who::kNeighbourViewer: r.degree = 2; break;
    case Who::kT: r.degree = 3; break;
    default: break;  // U: out of network
  }
  return r;
}

std::vector<MemberId> meeting_attendees(std::uint32_t i) {
  std::vector<MemberId> a;
  for (std::uint32_t j = 0; j < kSubjects; ++j) a.push_back(s_id(j));
  a.push_back(a_id(7));
  a.push_back(kUnknown);
  a.push_back(viewer_id(i));
  return a;
}

MeetingBrief meeting_rule(std::uint32_t i, std::size_t limit) {
  MeetingBrief r;
  r.viewer = viewer_id(i);
  r.status = gate(i, {Category::kMsCalendar});
  if (r.status != QueryStatus::kOk) return r;
  std::vector<Subject> who;
  for (std::uint32_t j = 0; j < kSubjects; ++j) who.push_back({s_id(j), Who::kS, j});
  who.push_back({a_id(7), Who::kA, 7});
  who.push_back({kUnknown, Who::kUnknown, 0});
  who.push_back({viewer_id(i), Who::kSelf, 0});
  for (const Subject& s : who) {
    AttendeeBrief b;
    b.subject = s.id;
    b.connections = shared_connections_rule(i, s, limit);
    b.schools = shared_facets_rule(FacetKind::kSchool, i, s);
    r.attendees.push_back(std::move(b));
  }
  return r;
}

// Contacts: the first import unless removed; T_2 when the second import is accepted.
bool removes_contacts(std::uint32_t i) { return i % 7 == 3; }
// Grants count only while linked (a grant bit left on an unlinked member
// does not let contacts in): see contacts_import_test.cc.
bool second_import_accepted(std::uint32_t i) {
  const Viewer v = viewer(i);
  return v.linked && has(v, Category::kMsContacts);
}

Suggestions suggest_rule(std::uint32_t i, std::size_t limit, bool two_hop) {
  Suggestions r;
  r.member = viewer_id(i);
  if (!viewer(i).rolled_out) {  // the network's own surface: rollout only
    r.status = QueryStatus::kNotRolledOut;
    return r;
  }
  std::vector<Suggestion> all;
  if (two_hop) {
    for (std::uint32_t k = 0; k < kViewers; ++k) {
      if (k != i) all.push_back({viewer_id(k), 2 * kSubjects});  // every A_j and B_j
    }
    for (std::uint32_t j = 0; j < kSubjects; ++j) all.push_back({s_id(j), 2});
  }
  if (!removes_contacts(i)) {
    if (!two_hop) all.push_back({s_id(0), 2});  // A_0, B_0, hidden or not
    all.push_back({t_id(1), 0});
    all.push_back({kU, 0});
    // A_2 is a connection, V_i itself and the unknown id are no members to suggest.
  }
  if (second_import_accepted(i)) all.push_back({t_id(2), 0});
  std::sort(all.begin(), all.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.shared != b.shared ? a.shared > b.shared : a.member < b.member;
  });
  r.count = all.size();
  if (all.size() > limit) all.resize(limit);
  r.items = std::move(all);
  return r;
}

// --- The store.

std::vector<MemberEdge> edges() {
  std::vector<MemberEdge> e;
  for (std::uint32_t j = 0; j < kSubjects; ++j) {
    e.push_back({s_id(j), a_id(j)});
    e.push_back({s_id(j), b_id(j)});
    e.push_back({a_id(j), b_id(j)});
    e.push_back({s_id(j), t_id(j)});
  }
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    for (std::uint32_t j = 0; j < kSubjects; ++j) {
      e.push_back({viewer_id(i), a_id(j)});
      e.push_back({b_id(j), viewer_id(i)});
    }
  }
  return e;
}

FacetRecord row(MemberId m, std::uint64_t value, std::optional<std::uint16_t> start = std::nullopt,
                std::optional<std::uint16_t> end = std::nullopt) {
  return {m, value, start, end};
}

BuildInput input() {
  BuildInput in;
  in.edges = edges();
  std::mt19937_64 rng(5);
  auto other = [&](MemberId m, bool visible) {
    // Everyone but the viewers: link state and grants must not matter.
    in.consent.push_back({m, (rng() & 1) != 0, visible, true, static_cast<GrantSet>(rng() & kAllGrants)});
  };
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    const Viewer v = viewer(i);
    // Linked with every grant at build, so the first import is accepted;
    // the target state comes by changes.
    in.consent.push_back({viewer_id(i), true, v.visible, v.rolled_out, kAllGrants});
    in.schools.push_back(row(viewer_id(i), 100, 2000, 2004));
    in.schools.push_back(row(viewer_id(i), 101));
    in.schools.push_back(row(viewer_id(i), 103, 1999, std::nullopt));
    in.employers.push_back(row(viewer_id(i), 101));
    in.employers.push_back(row(viewer_id(i), 200, 2010, 2012));
  }
  for (std::uint32_t j = 0; j < kSubjects; ++j) {
    other(s_id(j), s_visible(j));
    other(a_id(j), a_visible(j));
    other(b_id(j), b_visible(j));
    other(t_id(j), s_visible(j));
    in.schools.push_back(row(s_id(j), 100, 2003, 2006));
    in.schools.push_back(row(s_id(j), 101, 1990, 1994));
    in.schools.push_back(row(s_id(j), 103, std::nullopt, 2005));
    in.schools.push_back(row(s_id(j), 102));
    in.schools.push_back(row(a_id(j), 100));
    in.schools.push_back(row(b_id(j), 100));
    in.employers.push_back(row(s_id(j), 101));
    in.employers.push_back(row(s_id(j), 200, 2012, std::nullopt));
    in.employers.push_back(row(s_id(j), 201));
    in.employers.push_back(row(a_id(j), 200));
  }
  other(kU, true);
  return in;
}

// The changes, with the status each must get.
struct Step {
  ConsentChange change;
  QueryStatus expected;
};

std::vector<Step> changes() {
  std::vector<Step> steps;
  auto ok = [&](ConsentChange c) { steps.push_back({std::move(c), QueryStatus::kOk}); };
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    ok({viewer_id(i), K::kImportContacts, std::nullopt, {s_id(0), t_id(1), a_id(2), viewer_id(i), kUnknown, kU}});
  }
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    const Viewer v = viewer(i);
    ok({viewer_id(i), v.linked ? K::kLink : K::kUnlink, std::nullopt, {}});
    const GrantSet after = v.linked ? kAllGrants : 0;
    for (int c = 0; c < kCategoryCount; ++c) {
      const auto category = static_cast<Category>(c);
      const bool want = has(v, category), have = (after & grant_bit(category)) != 0;
      if (want != have) ok({viewer_id(i), want ? K::kGrant : K::kRevoke, category, {}});
    }
    if (removes_contacts(i)) ok({viewer_id(i), K::kRemoveContacts, std::nullopt, {}});
    steps.push_back({{viewer_id(i), K::kImportContacts, std::nullopt, {t_id(2)}},
                     second_import_accepted(i) ? QueryStatus::kOk : QueryStatus::kConsentMissing});
  }
  return steps;
}

// Checks every viewer against the rules; returns the number of failures.
int check_all(const Insights& in, const std::string& label) {
  int failed = 0;
  auto check = [&](const auto& got, const auto& want, const char* what) {
    auto m = matches(got, want);
    if (!m && ++failed <= 12) ADD_FAILURE() << label << ": " << what << m.message();
  };
  std::vector<MemberPair> pairs;
  for (std::uint32_t i = 0; i < kViewers; ++i) {
    for (const Subject& s : subjects(i)) {
      check(in.shared_facets(FacetKind::kSchool, viewer_id(i), s.id),
            shared_facets_rule(FacetKind::kSchool, i, s), "shared-schools");
      check(in.shared_facets(FacetKind::kEmployer, viewer_id(i), s.id),
            shared_facets_rule(FacetKind::kEmployer, i, s), "shared-employers");
      check(in.distance(viewer_id(i), s.id), distance_rule(i, s), "distance");
      pairs.push_back({viewer_id(i), s.id});
    }
    for (std::uint64_t school : {100u, 101u, 102u, 200u, 999u}) {
      for (std::size_t limit : {std::size_t{0}, std::size_t{5}, std::size_t{100}}) {
        check(in.connections_at(viewer_id(i), school, limit), connections_at_rule(i, school, limit),
              "connections-at");
      }
    }
    const std::vector<MemberId> attendees = meeting_attendees(i);
    check(in.meeting(viewer_id(i), attendees, 1), meeting_rule(i, 1), "meeting");
    check(in.suggest(viewer_id(i), 10, false), suggest_rule(i, 10, false), "suggest");
    if (i % 64 == 0 || i % 64 == 33) {
      check(in.suggest(viewer_id(i), 10, true), suggest_rule(i, 10, true), "suggest with friends of friends");
    }
  }
  // The batch entry point, on two threads, agrees with the rules too.
  const std::vector<SharedFacets> batch = in.shared_facets_batch(FacetKind::kSchool, pairs, 2);
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const std::uint32_t i = static_cast<std::uint32_t>(pairs[k].viewer - kViewerBase);
    const std::vector<Subject> s = subjects(i);
    const auto it = std::find_if(s.begin(), s.end(), [&](const Subject& x) { return x.id == pairs[k].subject; });
    check(batch[k], shared_facets_rule(FacetKind::kSchool, i, *it), "shared-schools batch");
  }
  return failed;
}

TEST(EveryQueryKind, EveryConsentStateGetsTheRuleAnswer) {
  TempDir dir;
  const std::string store = dir.file("store");
  Result<BuildReport> built = build_store(input(), store);
  ASSERT_TRUE(built.ok()) << built.status().message();
  const std::vector<Step> steps = changes();
  {
    Result<Insights> in = Insights::open(store);
    ASSERT_TRUE(in.ok()) << in.status().message();
    std::vector<ConsentChange> list;
    for (const Step& s : steps) list.push_back(s.change);
    Result<std::vector<ChangeResult>> r = in->change_all(list);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->size(), steps.size());
    int wrong = 0;
    for (std::size_t k = 0; k < steps.size(); ++k) {
      if ((*r)[k].status != steps[k].expected && ++wrong <= 10) {
        ADD_FAILURE() << to_string(steps[k].change.kind) << " by " << steps[k].change.member << ": "
                      << to_string((*r)[k].status) << ", expected " << to_string(steps[k].expected);
      }
    }
    EXPECT_EQ(wrong, 0);
    EXPECT_EQ(check_all(*in, "after changes"), 0);
  }
  Result<Insights> reopened = Insights::open(store);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ(check_all(*reopened, "reopened"), 0);
}

// The rule functions, on cases worked by hand, so that a bug in them cannot
// make the engine "agree" with a wrong expectation.
TEST(EveryQueryKind, RuleFunctionsByHand) {
  auto v_of = [](bool linked, GrantSet grants, bool rolled_out) {
    return std::uint32_t(linked) | std::uint32_t(grants) << 1 | std::uint32_t(rolled_out) << 10;
  };
  const std::uint32_t all = v_of(true, kAllGrants, true);
  const Subject s3{s_id(3), Who::kS, 3};  // S visible, A visible, B hidden
  EXPECT_EQ(shared_facets_rule(FacetKind::kSchool, all, s3).count, 3u);
  EXPECT_EQ(shared_facets_rule(FacetKind::kSchool, all, s3).items[2].years_overlap, std::optional<bool>(false));
  EXPECT_EQ(shared_facets_rule(FacetKind::kSchool, all, {s_id(2), Who::kS, 2}).status,
            QueryStatus::kSubjectUnavailable);
  EXPECT_EQ(shared_facets_rule(FacetKind::kSchool, v_of(true, kAllGrants & ~grant_bit(Category::kLiProfile), true), s3)
                .status,
            QueryStatus::kConsentMissing);
  EXPECT_EQ(shared_facets_rule(FacetKind::kSchool, v_of(true, grant_bit(Category::kLiProfile), true), s3).status,
            QueryStatus::kOk);
  EXPECT_EQ(shared_connections_rule(all, s3, 10).items, (std::vector<MemberId>{a_id(3)}));
  const ConnectionsAt at = connections_at_rule(all, 100, 100);
  EXPECT_EQ(at.count, 8u);  // A_2 A_3 A_6 A_7, B_4 B_5 B_6 B_7
  EXPECT_EQ(at.items.front(), a_id(2));
  EXPECT_EQ(at.items.back(), b_id(7));
  EXPECT_EQ(connections_at_rule(v_of(true, grant_bit(Category::kLiConnections), true), 100, 5).status,
            QueryStatus::kConsentMissing);
  EXPECT_EQ(connections_at_rule(v_of(false, kAllGrants, true), 100, 5).status, QueryStatus::kViewerNotLinked);
  EXPECT_EQ(connections_at_rule(v_of(true, kAllGrants, false), 100, 5).status, QueryStatus::kNotRolledOut);
  EXPECT_EQ(distance_rule(all, {t_id(1), Who::kT, 1}).degree, std::optional<int>(3));
  EXPECT_EQ(distance_rule(all, {kU, Who::kU, 0}).status, QueryStatus::kOk);
  EXPECT_FALSE(distance_rule(all, {kU, Who::kU, 0}).degree.has_value());
  EXPECT_EQ(meeting_rule(v_of(true, kAllGrants & ~grant_bit(Category::kMsCalendar), true), 1).status,
            QueryStatus::kConsentMissing);
  EXPECT_EQ(meeting_rule(all, 1).attendees.size(), 11u);
  // A viewer with ms.calendar but not li.connections: the brief is ok, each
  // attendee's connections are refused.
  const MeetingBrief calendar_only = meeting_rule(v_of(true, grant_bit(Category::kMsCalendar), true), 1);
  EXPECT_EQ(calendar_only.status, QueryStatus::kOk);
  EXPECT_EQ(calendar_only.attendees[0].connections.status, QueryStatus::kConsentMissing);
  // Suggest ignores link state and grants; rollout gates it.
  const Suggestions unlinked = suggest_rule(v_of(false, 0, true), 10, false);
  ASSERT_EQ(unlinked.status, QueryStatus::kOk);
  ASSERT_EQ(unlinked.items.size(), 3u);
  EXPECT_EQ(unlinked.items[0].member, s_id(0));
  EXPECT_EQ(unlinked.items[0].shared, 2u);
  EXPECT_EQ(unlinked.items[1].member, kU);
  EXPECT_EQ(suggest_rule(v_of(true, kAllGrants, false), 10, false).status, QueryStatus::kNotRolledOut);
  // Viewer 2047 removed its first contacts, then imported T_2.
  EXPECT_TRUE(removes_contacts(all));
  EXPECT_EQ(suggest_rule(all, 10, false).count, 1u);
  EXPECT_EQ(suggest_rule(all, 10, false).items[0].member, t_id(2));
  EXPECT_EQ(suggest_rule(all, 10, true).count, kViewers - 1 + kSubjects + 1);
  EXPECT_EQ(suggest_rule(all, 10, true).items[0].member, viewer_id(0));
  EXPECT_EQ(suggest_rule(all, 10, true).items[0].shared, 16u);
  EXPECT_EQ(kViewers, 2048u);
}

}  // namespace
}  // namespace mutuals::testing
