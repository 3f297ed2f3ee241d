// connections-at (DESIGN §3): the viewer's connections who attended a school,
// N(viewer) ∩ Members(school) ∩ Visible. Needs li.connections and li.profile.
#include "insights/insights_state.h"
#include "kernels/shared_connections.h"

namespace mutuals {
using namespace internal;

ConnectionsAt Insights::connections_at(MemberId viewer, std::uint64_t school, std::size_t limit) const {
  const StoreData& g = state_->graph();
  auto consent = state_->snapshot();
  ConnectionsAt r;
  r.viewer = viewer;
  r.school = school;
  MemberState v = resolve(g, *consent, viewer);
  r.status = check_viewer(v, grant_bit(Category::kLiConnections) | grant_bit(Category::kLiProfile));
  if (r.status != QueryStatus::kOk || v.vertex == kNoVertex) return r;
  const FacetView& f = g.facet(FacetKind::kSchool);
  std::uint32_t index = f.find_value(school);
  if (index == FacetView::kNone) return r;
  if (limit == 0) {
    r.count = count_visible(g.neighbors(v.vertex), f.members_of(index), *consent);
    return r;
  }
  std::vector<VertexId> found;
  list_visible(g.neighbors(v.vertex), f.members_of(index), *consent, found);
  r.count = found.size();
  r.items = first_members(g, found, limit);
  return r;
}

}  // namespace mutuals
