// A member hidden from Microsoft apps is never revealed by a Microsoft-app
// insight, not in a list and not in a count (DESIGN §3): shared-connections
// (single, page and batch), connections-at, and the per-attendee answers of
// meeting, across random worlds with many hidden members.
//
// Two checks, neither through the oracle's answers:
//  1. Direct: every listed member is visible (by the consent records and
//     the test's own bookkeeping of changes), and every count equals the
//     number of visible members in the plain intersection (N(v) ∩ N(s), or
//     N(v) ∩ Members(school)), listed in full with a large limit.
//  2. Metamorphic: hide some well-connected visible members through durable
//     changes; each count falls by exactly the number of them it held, none
//     is listed, and as subjects or attendees they are unavailable; show
//     them again and every answer is what it was.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/insights/oracle_pairs.h"
#include "engine/insights/random_world.h"
#include "mutuals/insights.h"
#include "mutuals/store.h"
#include "support/oracle.h"
#include "support/random_graph.h"
#include "support/temp_dir.h"

namespace mutuals::testing {
namespace {

constexpr std::size_t kAll = 1'000'000;  // a limit that lists every item

struct HiddenCase {
  std::string name;
  std::function<RandomGraph()> make;
};

std::vector<HiddenCase> hidden_cases() {
  return {
      {"er", [] { return erdos_renyi(1500, 12, 31, IdStyle::kSparse64); }},
      {"powerlaw", [] { return power_law(3000, 10, 2.2, 750, 32, IdStyle::kSmall); }},
      {"hub", [] { return hub_graph(8000, 5000, 10, 33, IdStyle::kSmall); }},
      {"dense", [] { return dense_core(6000, 3, 4500, 2, 34, IdStyle::kSparse64); }},
      {"runs", [] { return id_runs(3, 200, 50, MemberId{1} << 40, 35); }},
      {"mixed", [] { return mixed(36); }},
  };
}

// The visibility of every member, kept by the test from the consent records
// and the changes it makes (no record: hidden).
class Visibility {
 public:
  explicit Visibility(const std::vector<ConsentRecord>& consent) {
    for (const ConsentRecord& r : consent) visible_[r.member] = r.visible;
  }
  bool operator()(MemberId m) const {
    auto it = visible_.find(m);
    return it != visible_.end() && it->second;
  }
  void set(MemberId m, bool v) { visible_[m] = v; }

 private:
  std::map<MemberId, bool> visible_;
};

std::vector<MemberId> intersect(const std::vector<MemberId>& a, const std::vector<MemberId>& b) {
  std::vector<MemberId> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::size_t count_visible(const std::vector<MemberId>& ms, const Visibility& visible) {
  return static_cast<std::size_t>(std::count_if(ms.begin(), ms.end(), [&](MemberId m) { return visible(m); }));
}

// Counts and failures of the direct check.
struct Seen {
  int ok_nonempty = 0;
  int hidden_in_intersections = 0;  // hidden members the answers had to leave out
  int failures = 0;
};

#define HIDDEN_EXPECT(cond, what)                                              \
  do {                                                                         \
    if (!(cond) && ++seen.failures <= 10) ADD_FAILURE() << what;               \
  } while (0)

void check_list(const std::vector<MemberId>& items, std::uint64_t count, const std::vector<MemberId>& raw,
                const Visibility& visible, Seen& seen, const std::string& what) {
  for (MemberId m : items) HIDDEN_EXPECT(visible(m), what << ": lists hidden member " << m);
  HIDDEN_EXPECT(count == items.size(), what << ": count " << count << " but " << items.size() << " listed");
  const std::size_t want = count_visible(raw, visible);
  HIDDEN_EXPECT(count == want, what << ": count " << count << ", visible in the intersection " << want);
  seen.hidden_in_intersections += static_cast<int>(raw.size() - want);
  seen.ok_nonempty += count > 0;
}

// The queries of one world, as (viewer, subject) pairs and (viewer, school) pairs.
struct Queries {
  std::vector<MemberPair> pairs;
  std::vector<std::pair<MemberId, std::uint64_t>> schools;
};

// What the Microsoft-app insights answer, kept to compare before and after.
struct Answers {
  std::vector<SharedConnections> single, batch;
  std::vector<ConnectionsAt> at;
};

Answers ask(const Insights& in, const Queries& q) {
  Answers a;
  for (const MemberPair& p : q.pairs) a.single.push_back(in.shared_connections(p.viewer, p.subject, kAll));
  a.batch = in.shared_connections_batch(q.pairs, kAll, 2);
  for (const auto& [viewer, school] : q.schools) a.at.push_back(in.connections_at(viewer, school, kAll));
  return a;
}

// Check 1 on every answer that passed the consent rules.
void check_direct(const Insights& in, const Oracle& graph, const Queries& q, const Answers& a,
                  const Visibility& visible, Seen& seen) {
  for (std::size_t k = 0; k < q.pairs.size(); ++k) {
    const MemberPair& p = q.pairs[k];
    const std::vector<MemberId> raw = graph.common_neighbors(p.viewer, p.subject);
    for (const SharedConnections* r : {&a.single[k], &a.batch[k]}) {
      if (r->status != QueryStatus::kOk) {
        HIDDEN_EXPECT(r->count == 0 && r->items.empty(), "refused answer with a count");
        continue;
      }
      HIDDEN_EXPECT(visible(p.subject), "hidden subject " << p.subject << " answered");
      check_list(r->items, r->count, raw, visible, seen,
                 "shared-connections " + std::to_string(p.viewer) + "," + std::to_string(p.subject));
    }
  }
  for (std::size_t k = 0; k < q.schools.size(); ++k) {
    const auto& [viewer, school] = q.schools[k];
    const ConnectionsAt& r = a.at[k];
    if (r.status != QueryStatus::kOk) continue;
    const std::vector<MemberId> raw = intersect(graph.neighbors(viewer), graph.facet_members(FacetKind::kSchool, school));
    check_list(r.items, r.count, raw, visible, seen, "connections-at " + std::to_string(viewer) + "," +
                                                         std::to_string(school));
  }
  // Pages of 40 subjects per viewer (the dense path above 8 subjects).
  for (std::size_t k = 0; k + 40 <= q.pairs.size(); k += 97) {
    std::vector<MemberId> subjects;
    for (std::size_t s = k; s < k + 40; ++s) subjects.push_back(q.pairs[s].subject);
    const MemberId viewer = q.pairs[k].viewer;
    const std::vector<SharedConnections> page = in.shared_connections_page(viewer, subjects, kAll);
    for (std::size_t s = 0; s < subjects.size(); ++s) {
      if (page[s].status != QueryStatus::kOk) continue;
      check_list(page[s].items, page[s].count, graph.common_neighbors(viewer, subjects[s]), visible, seen,
                 "page " + std::to_string(viewer) + "," + std::to_string(subjects[s]));
    }
  }
  // Meetings: each attendee's shared connections, and hidden attendees unanswered.
  for (std::size_t k = 0; k + 6 <= q.pairs.size(); k += 31) {
    const MemberId viewer = q.pairs[k].viewer;
    std::vector<MemberId> attendees;
    for (std::size_t s = k; s < k + 6; ++s) attendees.push_back(q.pairs[s].subject);
    const MeetingBrief brief = in.meeting(viewer, attendees, kAll);
    if (brief.status != QueryStatus::kOk) continue;
    for (const AttendeeBrief& b : brief.attendees) {
      if (!visible(b.subject)) {
        HIDDEN_EXPECT(b.connections.status != QueryStatus::kOk && b.connections.count == 0 &&
                          b.connections.items.empty() && b.schools.status != QueryStatus::kOk &&
                          b.schools.items.empty(),
                      "meeting answers hidden attendee " << b.subject);
        continue;
      }
      if (b.connections.status != QueryStatus::kOk) continue;
      check_list(b.connections.items, b.connections.count, graph.common_neighbors(viewer, b.subject), visible, seen,
                 "meeting " + std::to_string(viewer) + " attendee " + std::to_string(b.subject));
    }
  }
}

class HiddenNeverRevealedTest : public ::testing::TestWithParam<int> {};

TEST_P(HiddenNeverRevealedTest, NotInListsNorCounts) {
  const HiddenCase hc = hidden_cases()[GetParam()];  // a copy: hidden_cases() returns a temporary
  ConsentMix mix;
  mix.hidden = 0.3;
  mix.all_grants = 0.9;
  World w = make_world(hc.make(), 4242 + GetParam(), mix);
  SCOPED_TRACE(w.name);
  // The graph and facets only: answers are checked against the test's own visibility.
  const Oracle graph(w.edges, w.consent, w.extras);
  Visibility visible(w.consent);

  TempDir dir;
  const std::string store = dir.file("store");
  ASSERT_TRUE(build_store(w.build_input(kDefaultOrder), store).ok());
  Result<Insights> opened = Insights::open(store);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Insights& in = *opened;

  Queries q;
  PairSampler sampler(graph, 99 + GetParam());
  PairMix mostly_ok;
  mostly_ok.eligible_viewer = 0.9;
  q.pairs = sampler.sample(600, mostly_ok);
  std::mt19937_64 rng(GetParam());
  const std::vector<std::uint64_t> schools = graph.facet_values(FacetKind::kSchool);
  const std::vector<std::uint64_t> employers = graph.facet_values(FacetKind::kEmployer);
  for (std::size_t k = 0; k < 300; ++k) {
    const MemberId viewer = q.pairs[k].viewer;
    q.schools.emplace_back(viewer, school_for(graph, viewer, schools, employers, rng));
  }

  // 1. Direct.
  const Answers before = ask(in, q);
  Seen seen;
  check_direct(in, graph, q, before, visible, seen);
  EXPECT_EQ(seen.failures, 0);
  EXPECT_GT(seen.ok_nonempty, 50);
  EXPECT_GT(seen.hidden_in_intersections, 20) << "the sample must meet hidden members to leave out";

  // 2. Metamorphic: hide the visible members that the sampled answers hold
  // most often, and a few subjects.
  std::map<MemberId, int> held_by;
  for (const MemberPair& p : q.pairs) {
    for (MemberId m : graph.common_neighbors(p.viewer, p.subject)) ++held_by[m];
  }
  for (const auto& [viewer, school] : q.schools) {
    for (MemberId m : intersect(graph.neighbors(viewer), graph.facet_members(FacetKind::kSchool, school))) ++held_by[m];
  }
  std::vector<std::pair<int, MemberId>> often;
  for (const auto& [m, n] : held_by) {
    if (visible(m)) often.emplace_back(-n, m);
  }
  std::sort(often.begin(), often.end());
  std::set<MemberId> hide;
  for (std::size_t k = 0; k < often.size() && k < 10; ++k) hide.insert(often[k].second);
  for (int k = 0; k < 200 && hide.size() < 14; ++k) {
    const MemberId m = q.pairs[k].subject;
    if (visible(m) && graph.known(m)) hide.insert(m);
  }
  std::vector<ConsentChange> hides, shows;
  for (MemberId m : hide) {
    hides.push_back({m, ConsentChange::Kind::kHide, std::nullopt, {}});
    shows.push_back({m, ConsentChange::Kind::kShow, std::nullopt, {}});
  }
  ASSERT_TRUE(in.change_all(hides).ok());
  for (MemberId m : hide) visible.set(m, false);

  const Answers hidden = ask(in, q);
  Seen after;
  check_direct(in, graph, q, hidden, visible, after);
  EXPECT_EQ(after.failures, 0);
  int dropped = 0, failures = 0, hidden_subjects = 0;
  auto held = [&](const std::vector<MemberId>& raw) {
    return static_cast<std::uint64_t>(std::count_if(raw.begin(), raw.end(), [&](MemberId m) { return hide.count(m); }));
  };
  for (std::size_t k = 0; k < q.pairs.size(); ++k) {
    const MemberPair& p = q.pairs[k];
    const SharedConnections &was = before.single[k], &now = hidden.single[k];
    if (hide.count(p.subject)) {
      if (was.status == QueryStatus::kOk) {
        ++hidden_subjects;
        if ((now.status != QueryStatus::kSubjectUnavailable || now.count != 0 || !now.items.empty()) &&
            ++failures <= 10) {
          ADD_FAILURE() << "hidden subject " << p.subject << " answered: " << to_string(now.status) << " count "
                        << now.count;
        }
      }
      continue;
    }
    EXPECT_EQ(now.status, was.status);
    if (was.status != QueryStatus::kOk) continue;
    const std::uint64_t h = held(graph.common_neighbors(p.viewer, p.subject));
    if (now.count + h != was.count && ++failures <= 10) {
      ADD_FAILURE() << "pair " << p.viewer << "," << p.subject << ": count " << was.count << " -> " << now.count
                    << " after hiding " << h << " of its shared connections";
    }
    dropped += h > 0;
  }
  for (std::size_t k = 0; k < q.schools.size(); ++k) {
    const ConnectionsAt &was = before.at[k], &now = hidden.at[k];
    if (was.status != QueryStatus::kOk) continue;
    const auto& [viewer, school] = q.schools[k];
    const std::uint64_t h = held(intersect(graph.neighbors(viewer), graph.facet_members(FacetKind::kSchool, school)));
    if (now.count + h != was.count && ++failures <= 10) {
      ADD_FAILURE() << "connections-at " << viewer << "," << school << ": count " << was.count << " -> " << now.count
                    << " after hiding " << h;
    }
    dropped += h > 0;
  }
  EXPECT_EQ(failures, 0);
  EXPECT_GT(dropped, 20) << "the hidden members must have been in many answers";
  EXPECT_GT(hidden_subjects, 0) << "some answered subjects must have been hidden";

  // Shown again: every answer is what it was.
  ASSERT_TRUE(in.change_all(shows).ok());
  const Answers again = ask(in, q);
  int differ = 0;
  for (std::size_t k = 0; k < q.pairs.size(); ++k) {
    differ += !(again.single[k].count == before.single[k].count && again.single[k].items == before.single[k].items &&
                again.single[k].status == before.single[k].status && again.batch[k].items == before.batch[k].items);
  }
  for (std::size_t k = 0; k < q.schools.size(); ++k) {
    differ += !(again.at[k].count == before.at[k].count && again.at[k].items == before.at[k].items);
  }
  EXPECT_EQ(differ, 0);
}

INSTANTIATE_TEST_SUITE_P(RandomWorlds, HiddenNeverRevealedTest,
                         ::testing::Range(0, static_cast<int>(hidden_cases().size())),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + "_" + hidden_cases()[info.param].name;
                         });

}  // namespace
}  // namespace mutuals::testing
