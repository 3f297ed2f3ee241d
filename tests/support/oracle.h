// The slow twin of the engine: an independent reference for the graph, the
// facets (schools, employers) and every insight rule of DESIGN §3, used by
// differential tests.
//
// It shares no code with the engine's kernels, graph builder or consent
// layer: the graph is a Boost.Graph adjacency_list over its own member-id
// index, neighbor sets are sorted std::vector<MemberId>, intersections are
// std::set_intersection, and the consent rules are re-stated here from the
// design text, not from engine/src/consent/policy.h.
//
//   mutuals::testing::Oracle oracle(edges, consent);
//   mutuals::testing::OracleAnswer a = oracle.shared_connections(viewer, subject, 5);
//   EXPECT_EQ(a.count, engine_answer.count);
//
//   mutuals::testing::Oracle full(edges, consent, {extra_members, schools, employers});
//   full.apply(change);                       // consent changes, as DESIGN §3 states them
//   mutuals::SharedFacets s = full.shared_facets(mutuals::FacetKind::kSchool, viewer, subject);
//
// Input conventions (those of BuildInput): duplicate and reversed edges
// collapse, self-loops are dropped; a member is known when it appears in any
// input (an edge, a consent record, an extra member, a school or employer
// row, or later a consent change to its flags); when a member has several
// consent records the last one wins.
//
// The insight answers use the engine's public result types (insights.h), so
// tests compare them field by field; every value in them is computed here.
// Rules as this oracle reads DESIGN §3/§5 (and the documented extensions):
//  - Microsoft-apps viewer rules, in order: rolled out, linked, the needed
//    grants (li.connections; li.profile for shared facets; both for
//    connections-at; ms.calendar for meeting).
//  - A subject is available when known and visible; a hidden member is never
//    counted nor listed by shared-connections or connections-at.
//  - Facets: a row with one year covers that year; years_overlap is null when
//    either side has no row with years for the value, else whether some
//    period of one meets some period of the other (inclusive).
//  - suggest is on the network's own surface: gated by rollout only (the
//    documented reading of "rollout gates a feature"), no visibility.
//  - distance is a plain breadth-first search over the whole graph, 0 for
//    oneself, nullopt beyond 3.
//  - Contacts are imported only while ms.contacts is granted; a grant exists
//    only while linked (linking grants all nine, unlinking clears all), so
//    an unlinked member's stray grant bits on file do not count.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/facets.h"
#include "mutuals/insights.h"
#include "mutuals/types.h"

namespace mutuals::testing {

// What a shared-connections query must answer.
struct OracleAnswer {
  QueryStatus status = QueryStatus::kOk;
  std::uint64_t count = 0;         // visible shared connections; 0 unless kOk
  std::vector<MemberId> items;     // the first `limit` of them by ascending id
};

// Inputs beyond edges and consent, as in BuildInput.
struct OracleExtras {
  std::vector<MemberId> extra_members;
  std::vector<FacetRecord> schools;
  std::vector<FacetRecord> employers;
};

class Oracle {
 public:
  Oracle(const std::vector<MemberEdge>& edges, const std::vector<ConsentRecord>& consent,
         const OracleExtras& extras = {});

  // Members of the built graph (those known from the build inputs).
  std::uint64_t members() const { return member_of_.size(); }
  std::uint64_t connections() const;
  // Known from any input, including consent changes made since.
  bool known(MemberId m) const { return index_.count(m) != 0 || late_.count(m) != 0; }
  // Every member of the built graph, ascending (not those known only
  // through later consent changes).
  const std::vector<MemberId>& member_ids() const { return sorted_members_; }
  // Distinct undirected connections (a < b), ascending.
  const std::vector<MemberEdge>& edges() const { return edges_; }

  // Sorted neighbor ids; empty for an unknown member.
  const std::vector<MemberId>& neighbors(MemberId m) const;
  // N(a) ∩ N(b), ascending, with no consent applied.
  std::vector<MemberId> common_neighbors(MemberId a, MemberId b) const;

  // The member's consent with the secure defaults of DESIGN §3 applied
  // (unlinked, no grants, hidden, rolled out) when it has no record.
  ConsentRecord consent(MemberId m) const;

  // shared-connections(viewer, subject) per DESIGN §3, with `limit` items
  // (0 = none listed, only counted).
  OracleAnswer shared_connections(MemberId viewer, MemberId subject, std::size_t limit) const;

  // --- Consent changes (DESIGN §3 "disconnect", the events of §5).
  // Applies one change to the oracle's state; returns kConsentMissing (and
  // changes nothing) for an import without ms.contacts granted, else kOk.
  QueryStatus apply(const ConsentChange& change);
  // Imported contacts of a member, ascending (empty when none).
  std::vector<MemberId> contacts(MemberId m) const;
  // Whether `c` is granted now: linked and the category on.
  bool granted(MemberId m, Category c) const;

  // --- Facets.
  // The member's rows of one kind, in input order (duplicates kept).
  const std::vector<FacetRecord>& facet_rows(FacetKind kind, MemberId m) const;
  // Every value of one kind, ascending; and the members with a row for one.
  std::vector<std::uint64_t> facet_values(FacetKind kind) const;
  std::vector<MemberId> facet_members(FacetKind kind, std::uint64_t value) const;

  // --- The other insights of DESIGN §3, in the engine's result types.
  SharedFacets shared_facets(FacetKind kind, MemberId viewer, MemberId subject) const;
  ConnectionsAt connections_at(MemberId viewer, std::uint64_t school, std::size_t limit) const;
  Suggestions suggest(MemberId member, std::size_t limit, bool include_2hop) const;
  MeetingBrief meeting(MemberId viewer, const std::vector<MemberId>& attendees, std::size_t limit) const;
  Distance distance(MemberId viewer, MemberId subject) const;
  // Breadth-first hop counts from `m` over the whole graph (Boost BFS), by
  // member id; absent when unreachable. Empty for a member outside the graph.
  std::unordered_map<MemberId, int> hops_from(MemberId m) const;

  // shared-connections as the engine's type (for meeting briefs).
  SharedConnections shared_connections_answer(MemberId viewer, MemberId subject, std::size_t limit) const;

 private:
  // Viewer rules of a Microsoft-apps insight: rolled out, linked, `needed`.
  QueryStatus viewer_status(MemberId viewer, std::initializer_list<Category> needed) const;
  bool subject_available(MemberId subject) const { return known(subject) && consent(subject).visible; }

  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

  Graph graph_;
  std::unordered_map<MemberId, std::size_t> index_;  // member id -> Boost vertex
  std::vector<MemberId> member_of_;                  // Boost vertex -> member id
  std::vector<MemberId> sorted_members_;
  std::vector<std::vector<MemberId>> neighbors_;     // by Boost vertex, sorted member ids
  std::vector<MemberEdge> edges_;
  std::unordered_map<MemberId, ConsentRecord> consent_;
  std::set<MemberId> late_;  // known only through a consent change (no vertex)
  std::map<MemberId, std::set<MemberId>> contacts_;
  std::map<MemberId, std::vector<FacetRecord>> facets_[kFacetKinds];
};

}  // namespace mutuals::testing
