// The oracle's consent changes, facets and the insights beyond
// shared-connections, each restated from DESIGN §3/§5 (see oracle.h) with
// std::set / std::vector / std::set_intersection and Boost's BFS.
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

#include "support/oracle.h"

namespace mutuals::testing {
namespace {

const std::vector<FacetRecord> kNoRows;

GrantSet bit(Category c) { return GrantSet(1u << static_cast<int>(c)); }

// A row's period: one year alone covers that year; none when the row has no years.
std::optional<std::pair<int, int>> period(const FacetRecord& r) {
  if (!r.start_year && !r.end_year) return std::nullopt;
  const int start = r.start_year ? *r.start_year : *r.end_year;
  const int end = r.end_year ? *r.end_year : *r.start_year;
  return std::pair<int, int>(start, end);
}

}  // namespace

QueryStatus Oracle::viewer_status(MemberId viewer, std::initializer_list<Category> needed) const {
  const ConsentRecord v = consent(viewer);
  if (!v.rolled_out) return QueryStatus::kNotRolledOut;
  if (!v.linked) return QueryStatus::kViewerNotLinked;
  for (Category c : needed) {
    if ((v.grants & bit(c)) == 0) return QueryStatus::kConsentMissing;
  }
  return QueryStatus::kOk;
}

bool Oracle::granted(MemberId m, Category c) const {
  const ConsentRecord r = consent(m);
  return r.linked && (r.grants & bit(c)) != 0;
}

QueryStatus Oracle::apply(const ConsentChange& change) {
  using K = ConsentChange::Kind;
  const MemberId m = change.member;
  if (change.kind == K::kImportContacts) {
    if (!granted(m, Category::kMsContacts)) return QueryStatus::kConsentMissing;
    contacts_[m].insert(change.contacts.begin(), change.contacts.end());
    return QueryStatus::kOk;
  }
  if (change.kind == K::kRemoveContacts) {
    contacts_.erase(m);
    return QueryStatus::kOk;
  }
  ConsentRecord r = consent(m);  // the secure defaults when it has no record
  switch (change.kind) {
    case K::kLink:
      r.linked = true;
      r.grants = kAllGrants;
      break;
    case K::kUnlink:  // visibility and contacts unchanged
      r.linked = false;
      r.grants = 0;
      break;
    case K::kGrant: r.grants = GrantSet(r.grants | bit(*change.category)); break;
    case K::kRevoke: r.grants = GrantSet(r.grants & ~bit(*change.category)); break;
    case K::kShow: r.visible = true; break;
    case K::kHide: r.visible = false; break;
    default: break;
  }
  consent_[m] = r;
  if (index_.count(m) == 0) late_.insert(m);  // a consent input makes a member known
  return QueryStatus::kOk;
}

std::vector<MemberId> Oracle::contacts(MemberId m) const {
  auto it = contacts_.find(m);
  if (it == contacts_.end()) return {};
  return std::vector<MemberId>(it->second.begin(), it->second.end());
}

const std::vector<FacetRecord>& Oracle::facet_rows(FacetKind kind, MemberId m) const {
  const auto& by_member = facets_[static_cast<int>(kind)];
  auto it = by_member.find(m);
  return it == by_member.end() ? kNoRows : it->second;
}

std::vector<std::uint64_t> Oracle::facet_values(FacetKind kind) const {
  std::set<std::uint64_t> values;
  for (const auto& [member, rows] : facets_[static_cast<int>(kind)]) {
    for (const FacetRecord& r : rows) values.insert(r.value);
  }
  return std::vector<std::uint64_t>(values.begin(), values.end());
}

std::vector<MemberId> Oracle::facet_members(FacetKind kind, std::uint64_t value) const {
  std::vector<MemberId> out;  // the map is ordered by member: ascending
  for (const auto& [member, rows] : facets_[static_cast<int>(kind)]) {
    if (std::any_of(rows.begin(), rows.end(), [&](const FacetRecord& r) { return r.value == value; })) {
      out.push_back(member);
    }
  }
  return out;
}

SharedFacets Oracle::shared_facets(FacetKind kind, MemberId viewer, MemberId subject) const {
  SharedFacets r;
  r.kind = kind;
  r.viewer = viewer;
  r.subject = subject;
  r.status = viewer_status(viewer, {Category::kLiProfile});
  if (r.status != QueryStatus::kOk) return r;
  if (!subject_available(subject)) {
    r.status = QueryStatus::kSubjectUnavailable;
    return r;
  }
  using Periods = std::map<std::uint64_t, std::vector<std::pair<int, int>>>;
  auto periods_of = [&](MemberId m) {
    Periods p;
    for (const FacetRecord& row : facet_rows(kind, m)) {
      auto& list = p[row.value];  // the value is present even without years
      if (auto y = period(row)) list.push_back(*y);
    }
    return p;
  };
  const Periods a = periods_of(viewer), b = periods_of(subject);
  for (const auto& [value, pa] : a) {
    auto it = b.find(value);
    if (it == b.end()) continue;
    const auto& pb = it->second;
    SharedFacet f{value, std::nullopt};
    if (!pa.empty() && !pb.empty()) {
      bool overlap = false;
      for (const auto& x : pa) {
        for (const auto& y : pb) overlap |= x.first <= y.second && y.first <= x.second;
      }
      f.years_overlap = overlap;
    }
    r.items.push_back(f);
  }
  r.count = r.items.size();
  return r;
}

ConnectionsAt Oracle::connections_at(MemberId viewer, std::uint64_t school, std::size_t limit) const {
  ConnectionsAt r;
  r.viewer = viewer;
  r.school = school;
  r.status = viewer_status(viewer, {Category::kLiConnections, Category::kLiProfile});
  if (r.status != QueryStatus::kOk) return r;
  const std::vector<MemberId> at = facet_members(FacetKind::kSchool, school);
  const std::vector<MemberId>& mine = neighbors(viewer);
  std::vector<MemberId> both;
  std::set_intersection(mine.begin(), mine.end(), at.begin(), at.end(), std::back_inserter(both));
  for (MemberId m : both) {
    if (!consent(m).visible) continue;  // a hidden member is never counted nor listed
    ++r.count;
    if (r.items.size() < limit) r.items.push_back(m);
  }
  return r;
}

Suggestions Oracle::suggest(MemberId member, std::size_t limit, bool include_2hop) const {
  Suggestions r;
  r.member = member;
  if (!consent(member).rolled_out) {
    r.status = QueryStatus::kNotRolledOut;
    return r;
  }
  const std::vector<MemberId>& mine = neighbors(member);
  auto connected = [&](MemberId c) { return std::binary_search(mine.begin(), mine.end(), c); };
  std::set<MemberId> candidates;
  for (MemberId c : contacts(member)) {
    if (known(c) && c != member && !connected(c)) candidates.insert(c);
  }
  if (include_2hop) {
    for (MemberId u : mine) {
      for (MemberId w : neighbors(u)) {
        if (w != member && !connected(w)) candidates.insert(w);
      }
    }
  }
  for (MemberId c : candidates) r.items.push_back({c, common_neighbors(member, c).size()});
  std::sort(r.items.begin(), r.items.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.shared != b.shared ? a.shared > b.shared : a.member < b.member;
  });
  r.count = r.items.size();
  if (r.items.size() > limit) r.items.resize(limit);
  return r;
}

SharedConnections Oracle::shared_connections_answer(MemberId viewer, MemberId subject, std::size_t limit) const {
  OracleAnswer a = shared_connections(viewer, subject, limit);
  SharedConnections r;
  r.status = a.status;
  r.viewer = viewer;
  r.subject = subject;
  r.count = a.count;
  r.items = std::move(a.items);
  return r;
}

MeetingBrief Oracle::meeting(MemberId viewer, const std::vector<MemberId>& attendees, std::size_t limit) const {
  MeetingBrief r;
  r.viewer = viewer;
  r.status = viewer_status(viewer, {Category::kMsCalendar});
  if (r.status != QueryStatus::kOk) return r;
  for (MemberId a : attendees) {
    AttendeeBrief b;
    b.subject = a;
    b.connections = shared_connections_answer(viewer, a, limit);
    b.schools = shared_facets(FacetKind::kSchool, viewer, a);
    r.attendees.push_back(std::move(b));
  }
  return r;
}

std::unordered_map<MemberId, int> Oracle::hops_from(MemberId m) const {
  std::unordered_map<MemberId, int> out;
  auto it = index_.find(m);
  if (it == index_.end()) return out;
  std::vector<int> hops(boost::num_vertices(graph_), -1);
  hops[it->second] = 0;
  auto hop_map = boost::make_iterator_property_map(hops.begin(), boost::get(boost::vertex_index, graph_));
  boost::breadth_first_search(
      graph_, it->second,
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(hop_map, boost::on_tree_edge()))));
  for (std::size_t v = 0; v < hops.size(); ++v) {
    if (hops[v] >= 0) out.emplace(member_of_[v], hops[v]);
  }
  return out;
}

Distance Oracle::distance(MemberId viewer, MemberId subject) const {
  Distance r;
  r.viewer = viewer;
  r.subject = subject;
  r.status = viewer_status(viewer, {Category::kLiConnections});
  if (r.status != QueryStatus::kOk) return r;
  if (!subject_available(subject)) {
    r.status = QueryStatus::kSubjectUnavailable;
    return r;
  }
  if (viewer == subject) {
    r.degree = 0;
    return r;
  }
  const std::unordered_map<MemberId, int> hops = hops_from(viewer);
  auto it = hops.find(subject);
  if (it != hops.end() && it->second <= 3) r.degree = it->second;
  return r;
}

}  // namespace mutuals::testing
