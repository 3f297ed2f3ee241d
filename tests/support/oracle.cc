#include "support/oracle.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

namespace mutuals::testing {
namespace {

const std::vector<MemberId> kNoNeighbors;

constexpr GrantSet kLiConnectionsBit = GrantSet(1u << static_cast<int>(Category::kLiConnections));

}  // namespace

Oracle::Oracle(const std::vector<MemberEdge>& edges, const std::vector<ConsentRecord>& consent,
               const OracleExtras& extras) {
  // Known members, ascending, from every input.
  std::map<MemberId, bool> known;
  for (const MemberEdge& e : edges) {
    if (e.a == e.b) continue;  // self-loops are dropped (and do not make a member known)
    known[e.a] = true;
    known[e.b] = true;
  }
  for (const ConsentRecord& r : consent) {
    known[r.member] = true;
    consent_[r.member] = r;  // the last record wins
  }
  for (MemberId m : extras.extra_members) known[m] = true;
  const std::vector<FacetRecord>* rows[kFacetKinds] = {&extras.schools, &extras.employers};
  for (int k = 0; k < kFacetKinds; ++k) {
    for (const FacetRecord& r : *rows[k]) {
      known[r.member] = true;
      facets_[k][r.member].push_back(r);
    }
  }
  for (const auto& entry : known) {
    const std::size_t vertex = boost::add_vertex(graph_);
    index_[entry.first] = vertex;
    member_of_.push_back(entry.first);
    sorted_members_.push_back(entry.first);
  }

  std::vector<std::pair<MemberId, MemberId>> pairs;
  pairs.reserve(edges.size());
  for (const MemberEdge& e : edges) {
    if (e.a == e.b) continue;
    pairs.emplace_back(std::min(e.a, e.b), std::max(e.a, e.b));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  edges_.reserve(pairs.size());
  for (const auto& [a, b] : pairs) {
    boost::add_edge(index_.at(a), index_.at(b), graph_);
    edges_.push_back({a, b});
  }

  neighbors_.resize(member_of_.size());
  for (std::size_t v = 0; v < member_of_.size(); ++v) {
    auto [it, end] = boost::adjacent_vertices(v, graph_);
    std::vector<MemberId>& out = neighbors_[v];
    for (; it != end; ++it) out.push_back(member_of_[*it]);
    std::sort(out.begin(), out.end());
  }
}

std::uint64_t Oracle::connections() const { return boost::num_edges(graph_); }

const std::vector<MemberId>& Oracle::neighbors(MemberId m) const {
  auto it = index_.find(m);
  return it == index_.end() ? kNoNeighbors : neighbors_[it->second];
}

std::vector<MemberId> Oracle::common_neighbors(MemberId a, MemberId b) const {
  const std::vector<MemberId>& na = neighbors(a);
  const std::vector<MemberId>& nb = neighbors(b);
  std::vector<MemberId> out;
  std::set_intersection(na.begin(), na.end(), nb.begin(), nb.end(), std::back_inserter(out));
  return out;
}

ConsentRecord Oracle::consent(MemberId m) const {
  auto it = consent_.find(m);
  if (it != consent_.end()) return it->second;
  ConsentRecord secure;
  secure.member = m;
  secure.linked = false;
  secure.visible = false;
  secure.rolled_out = true;
  secure.grants = 0;
  return secure;
}

OracleAnswer Oracle::shared_connections(MemberId viewer, MemberId subject, std::size_t limit) const {
  OracleAnswer answer;
  const ConsentRecord v = consent(viewer);  // an unknown viewer has the defaults
  if (!v.rolled_out) {
    answer.status = QueryStatus::kNotRolledOut;
    return answer;
  }
  if (!v.linked) {
    answer.status = QueryStatus::kViewerNotLinked;
    return answer;
  }
  if ((v.grants & kLiConnectionsBit) == 0) {
    answer.status = QueryStatus::kConsentMissing;
    return answer;
  }
  if (!known(subject) || !consent(subject).visible) {
    answer.status = QueryStatus::kSubjectUnavailable;
    return answer;
  }
  for (MemberId m : common_neighbors(viewer, subject)) {
    if (!consent(m).visible) continue;  // a hidden member is never counted nor listed
    ++answer.count;
    if (answer.items.size() < limit) answer.items.push_back(m);
  }
  return answer;
}

}  // namespace mutuals::testing
