// One round of the insight cross-checks: samples queries of every kind
// beyond shared-connections from a world (random_world.h) and compares the
// engine's answers with the oracle's, tallying what the sample reached so a
// test can assert it was not all refusals or empty answers.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine/insights/insight_compare.h"
#include "engine/insights/oracle_pairs.h"
#include "engine/insights/random_world.h"
#include "mutuals/insights.h"
#include "support/oracle.h"
#include "support/random_graph.h"

namespace mutuals::testing {

// What one round reached, so a test can assert the sample was not all refusals.
struct Tally {
  int count(const std::string& kind, QueryStatus s) const {
    auto it = statuses.find(kind);
    if (it == statuses.end()) return 0;
    auto jt = it->second.find(s);
    return jt == it->second.end() ? 0 : jt->second;
  }
  std::map<std::string, std::map<QueryStatus, int>> statuses;  // by query kind
  int facet_items = 0, overlap_true = 0, overlap_false = 0, overlap_null = 0;
  int at_nonempty = 0, suggest_nonempty = 0, suggest_scored = 0, meeting_attendees_ok = 0;
  std::map<int, int> degrees;  // -1: out of network
  int degree(int d) const {
    auto it = degrees.find(d);
    return it == degrees.end() ? 0 : it->second;
  }
  int failures = 0;
};

inline constexpr int kMaxFailures = 12;

// Compares one answer, counting (and after a while, silencing) failures.
template <typename Answer>
inline void expect_match(const Answer& got, const Answer& want, Tally& t, const char* what) {
  auto m = matches(got, want);
  if (!m && ++t.failures <= kMaxFailures) ADD_FAILURE() << what << m.message();
}

// Sample sizes of one round.
struct RoundSizes {
  std::size_t pairs = 200;          // drawn by PairSampler (connected, fof, random, unknown, self)
  std::size_t school_pairs = 80;    // members sharing a school
  std::size_t employer_pairs = 40;  // members sharing an employer
  std::size_t random_pairs = 0;     // two members drawn uniformly (far apart, other years)
  std::size_t far_pairs = 80;       // distance only: three or more steps apart
  std::size_t connections_at = 160;
  std::size_t suggest = 80;         // pair viewers, plus `with_contacts` members with contacts
  std::size_t with_contacts = 60;
  std::size_t meetings = 60;
};

// Every insight kind beyond shared-connections on a sample of the world,
// engine against oracle; what was reached goes to `t`.
// `extra` pairs are asked too (every pairwise kind).
inline void check_round(const Insights& in, const Oracle& o, const World& w, std::uint64_t seed,
                        const RoundSizes& sizes, Tally& t, const std::vector<MemberPair>& extra = {}) {
  std::mt19937_64 rng(seed);
  PairSampler sampler(o, seed);
  std::vector<MemberPair> pairs = sampler.sample(sizes.pairs, {});
  for (FacetKind kind : {FacetKind::kSchool, FacetKind::kEmployer}) {
    for (const MemberPair& p : facet_pairs(o, kind, kind == FacetKind::kSchool ? sizes.school_pairs : sizes.employer_pairs, rng)) {
      pairs.push_back(p);
    }
  }
  pairs.insert(pairs.end(), extra.begin(), extra.end());
  const std::vector<MemberId>& everyone = o.member_ids();
  for (std::size_t k = 0; k < sizes.random_pairs; ++k) {
    pairs.push_back({everyone[uniform(rng, everyone.size())], everyone[uniform(rng, everyone.size())]});
  }
  // Subjects from outside the graph: consent-only, self-loop-only, facet-only and late members.
  for (std::size_t k = 0; k < 12 && !pairs.empty(); ++k) {
    const MemberId viewer = pairs[k].viewer;
    if (!w.extras.extra_members.empty()) {
      pairs.push_back({viewer, w.extras.extra_members[k % w.extras.extra_members.size()]});
    }
    if (!w.late.empty()) {
      pairs.push_back({viewer, w.late[k % w.late.size()]});
      pairs.push_back({w.late[k % w.late.size()], pairs[k].subject});
    }
    if (!w.extras.schools.empty()) {
      pairs.push_back({viewer, w.extras.schools[uniform(rng, w.extras.schools.size())].member});
    }
  }

  // shared-schools and shared-employers: single calls, then batches.
  for (FacetKind kind : {FacetKind::kSchool, FacetKind::kEmployer}) {
    std::vector<SharedFacets> singles;
    for (const MemberPair& p : pairs) {
      singles.push_back(in.shared_facets(kind, p.viewer, p.subject));
      const SharedFacets& got = singles.back();
      expect_match(got, o.shared_facets(kind, p.viewer, p.subject), t, "shared facets:");
      ++t.statuses[std::string("shared-") + std::string(to_string(kind))][got.status];
      for (const SharedFacet& f : got.items) {
        ++t.facet_items;
        if (!f.years_overlap) {
          ++t.overlap_null;
        } else {
          ++(*f.years_overlap ? t.overlap_true : t.overlap_false);
        }
      }
    }
    for (int threads : {1, 2}) {
      std::vector<SharedFacets> batch = in.shared_facets_batch(kind, pairs, threads);
      ASSERT_EQ(batch.size(), pairs.size());
      for (std::size_t i = 0; i < pairs.size(); ++i) expect_match(batch[i], singles[i], t, "facet batch vs single:");
    }
  }

  // distance: the pairs above and pairs three or more steps apart.
  std::vector<MemberPair> distance_pairs = pairs;
  for (const MemberPair& p : far_pairs(o, sizes.far_pairs, rng)) distance_pairs.push_back(p);
  for (const MemberPair& p : distance_pairs) {
    Distance got = in.distance(p.viewer, p.subject);
    expect_match(got, o.distance(p.viewer, p.subject), t, "distance:");
    ++t.statuses["distance"][got.status];
    if (got.status == QueryStatus::kOk) ++t.degrees[got.degree ? *got.degree : -1];
  }

  // connections-at.
  const std::vector<std::uint64_t> schools = o.facet_values(FacetKind::kSchool);
  const std::vector<std::uint64_t> employers = o.facet_values(FacetKind::kEmployer);
  const std::size_t limits[] = {0, 1, 5, 1000};
  for (std::size_t k = 0; k < sizes.connections_at; ++k) {
    const MemberId viewer = pairs[k % pairs.size()].viewer;
    const std::uint64_t school = school_for(o, viewer, schools, employers, rng);
    const std::size_t limit = limits[k % 4];
    ConnectionsAt got = in.connections_at(viewer, school, limit);
    expect_match(got, o.connections_at(viewer, school, limit), t, "connections-at:");
    ++t.statuses["connections-at"][got.status];
    t.at_nonempty += got.count > 0;
  }

  // suggest: pair viewers, members with contacts, late members.
  std::vector<MemberId> members;
  for (std::size_t k = 0; k < sizes.suggest && k < pairs.size(); ++k) members.push_back(pairs[k].viewer);
  std::vector<MemberId> with_contacts;
  for (MemberId m : o.member_ids()) {
    if (!o.contacts(m).empty()) with_contacts.push_back(m);
  }
  for (std::size_t k = 0; k < sizes.with_contacts && !with_contacts.empty(); ++k) {
    members.push_back(with_contacts[uniform(rng, with_contacts.size())]);
  }
  members.insert(members.end(), w.late.begin(), w.late.end());
  members.push_back(rng());  // unknown
  for (std::size_t k = 0; k < members.size(); ++k) {
    for (bool two_hop : {false, true}) {
      const std::size_t limit = limits[(k + two_hop) % 4];
      Suggestions got = in.suggest(members[k], limit, two_hop);
      expect_match(got, o.suggest(members[k], limit, two_hop), t, "suggest:");
      ++t.statuses["suggest"][got.status];
      t.suggest_nonempty += !got.items.empty();
      t.suggest_scored += !got.items.empty() && got.items.front().shared > 0;
    }
  }

  // meeting: attendees from the pairs' subjects, plus oneself, repeats and unknown ids.
  for (std::size_t k = 0; k < sizes.meetings; ++k) {
    const MemberId viewer = pairs[(7 * k) % pairs.size()].viewer;
    std::vector<MemberId> attendees;
    const std::size_t n = uniform(rng, 7);
    for (std::size_t a = 0; a < n; ++a) {
      switch (uniform(rng, 8)) {
        case 0: attendees.push_back(viewer); break;
        case 1: attendees.push_back(rng()); break;
        case 2:
          if (!attendees.empty()) attendees.push_back(attendees.front());
          break;
        default: attendees.push_back(pairs[uniform(rng, pairs.size())].subject); break;
      }
    }
    const std::size_t limit = k % 2 == 0 ? 0 : 5;
    MeetingBrief got = in.meeting(viewer, attendees, limit);
    expect_match(got, o.meeting(viewer, attendees, limit), t, "meeting:");
    ++t.statuses["meeting"][got.status];
    for (const AttendeeBrief& b : got.attendees) t.meeting_attendees_ok += b.connections.status == QueryStatus::kOk;
  }
}

}  // namespace mutuals::testing
