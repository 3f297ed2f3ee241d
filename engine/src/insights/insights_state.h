// What an Insights object holds, shared by the files that implement its
// query kinds (one file a kind).
#pragma once

#include <atomic>
#include <memory>

#include "consent/consent_snapshot.h"
#include "consent/consent_writer.h"
#include "consent/policy.h"
#include "insights/group_hub.h"
#include "insights/snapshot_cell.h"
#include "mutuals/insights.h"
#include "store/store_data.h"

namespace mutuals {

struct Insights::State {
  std::shared_ptr<const Store> store;
  // Replaced whole on every consent change; readers pin it once per query.
  internal::SnapshotCell consent;
  internal::ConsentWriter writer;

  const internal::StoreData& graph() const { return store->data(); }
  internal::SnapshotCell::Pin snapshot() const { return internal::SnapshotCell::Pin(consent); }
};

namespace internal {

inline MemberState resolve(const StoreData& g, const ConsentSnapshot& s, MemberId m) {
  MemberState r;
  r.vertex = g.find(m);
  if (r.vertex != kNoVertex) {
    r.flags = s.flags(r.vertex);
    r.known = true;
  } else if (const MemberFlags* f = s.outside_flags(m)) {
    r.flags = *f;
    r.known = true;
  }
  return r;
}

// Member ids of `vertices`, the first `limit` by ascending member id.
std::vector<MemberId> first_members(const StoreData& g, const std::vector<VertexId>& vertices, std::size_t limit);

// kOk when the shared-connections rules let this viewer ask about this subject.
QueryStatus gate_shared_connections(const MemberState& v, const MemberState& s);

SharedConnections answer_shared_connections(const StoreData& g, const ConsentSnapshot& consent, MemberId viewer,
                                            MemberId subject, const MemberState& v, const MemberState& s,
                                            std::size_t limit, std::vector<VertexId>& scratch,
                                            const GroupHub& hub = {});
inline SharedConnections answer_shared_connections(const StoreData& g, const ConsentSnapshot& consent,
                                                   MemberId viewer, MemberId subject, const MemberState& v,
                                                   std::size_t limit, std::vector<VertexId>& scratch) {
  return answer_shared_connections(g, consent, viewer, subject, v, resolve(g, consent, subject), limit, scratch);
}
SharedFacets answer_shared_facets(const StoreData& g, const ConsentSnapshot& consent, FacetKind kind,
                                  MemberId viewer, MemberId subject, const MemberState& v);

}  // namespace internal
}  // namespace mutuals
