// The slow twin of the engine: an independent reference for the graph and
// for the shared-connections rules of DESIGN §3, used by differential tests.
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
// Input conventions (those of BuildInput): duplicate and reversed edges
// collapse, self-loops are dropped; a member is known when it appears in an
// edge or in a consent record; when a member has several consent records the
// last one wins.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "mutuals/consent.h"
#include "mutuals/types.h"

namespace mutuals::testing {

// What a shared-connections query must answer.
struct OracleAnswer {
  QueryStatus status = QueryStatus::kOk;
  std::uint64_t count = 0;         // visible shared connections; 0 unless kOk
  std::vector<MemberId> items;     // the first `limit` of them by ascending id
};

class Oracle {
 public:
  Oracle(const std::vector<MemberEdge>& edges, const std::vector<ConsentRecord>& consent);

  std::uint64_t members() const { return member_of_.size(); }
  std::uint64_t connections() const;
  bool known(MemberId m) const { return index_.count(m) != 0; }
  // Every known member, ascending.
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

 private:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

  Graph graph_;
  std::unordered_map<MemberId, std::size_t> index_;  // member id -> Boost vertex
  std::vector<MemberId> member_of_;                  // Boost vertex -> member id
  std::vector<MemberId> sorted_members_;
  std::vector<std::vector<MemberId>> neighbors_;     // by Boost vertex, sorted member ids
  std::vector<MemberEdge> edges_;
  std::unordered_map<MemberId, ConsentRecord> consent_;
};

}  // namespace mutuals::testing
