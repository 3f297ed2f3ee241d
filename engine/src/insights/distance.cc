// distance (DESIGN §3): the shared-connections rules, then the degree.
#include "insights/insights_state.h"
#include "kernels/distance.h"

namespace mutuals {
using namespace internal;

Distance Insights::distance(MemberId viewer, MemberId subject) const {
  const StoreData& g = state_->graph();
  auto consent = state_->snapshot();
  Distance r;
  r.viewer = viewer;
  r.subject = subject;
  MemberState v = resolve(g, *consent, viewer);
  r.status = check_viewer(v, grant_bit(Category::kLiConnections));
  if (r.status != QueryStatus::kOk) return r;
  MemberState s = resolve(g, *consent, subject);
  if (!subject_available(s)) {
    r.status = QueryStatus::kSubjectUnavailable;
    return r;
  }
  if (viewer == subject) {
    r.degree = 0;
  } else if (v.vertex != kNoVertex && s.vertex != kNoVertex) {
    r.degree = degree_of_separation(g, v.vertex, s.vertex);
  }
  return r;
}

}  // namespace mutuals
