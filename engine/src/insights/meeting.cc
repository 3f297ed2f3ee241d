// meeting (DESIGN §3): the viewer needs ms.calendar; each attendee is then
// answered by the shared-connections and shared-schools rules.
#include "insights/insights_state.h"

namespace mutuals {
using namespace internal;

MeetingBrief Insights::meeting(MemberId viewer, std::span<const MemberId> attendees, std::size_t limit) const {
  const StoreData& g = state_->graph();
  auto consent = state_->snapshot();
  MeetingBrief r;
  r.viewer = viewer;
  MemberState v = resolve(g, *consent, viewer);
  r.status = check_viewer(v, grant_bit(Category::kMsCalendar));
  if (r.status != QueryStatus::kOk) return r;
  std::vector<VertexId> scratch;
  for (MemberId a : attendees) {
    AttendeeBrief b;
    b.subject = a;
    b.connections = answer_shared_connections(g, *consent, viewer, a, v, limit, scratch);
    b.schools = answer_shared_facets(g, *consent, FacetKind::kSchool, viewer, a, v);
    r.attendees.push_back(std::move(b));
  }
  return r;
}

}  // namespace mutuals
