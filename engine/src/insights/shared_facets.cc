// shared-schools / shared-employers (DESIGN §3): viewer rules with
// li.profile, subject known and visible.
#include <tbb/task_arena.h>

#include "insights/insights_state.h"
#include "kernels/shared_facets.h"
#include "common/parallel_loop.h"

namespace mutuals {
using namespace internal;

namespace internal {

SharedFacets answer_shared_facets(const StoreData& g, const ConsentSnapshot& consent, FacetKind kind,
                                  MemberId viewer, MemberId subject, const MemberState& v) {
  SharedFacets r;
  r.kind = kind;
  r.viewer = viewer;
  r.subject = subject;
  r.status = check_viewer(v, grant_bit(Category::kLiProfile));
  if (r.status != QueryStatus::kOk) return r;
  MemberState s = resolve(g, consent, subject);
  if (!subject_available(s)) {
    r.status = QueryStatus::kSubjectUnavailable;
    return r;
  }
  if (v.vertex == kNoVertex || s.vertex == kNoVertex) return r;
  const FacetView& f = g.facet(kind);
  r.items = shared_facets(f, f.of(v.vertex), f.of(s.vertex));
  r.count = r.items.size();
  return r;
}

}  // namespace internal

SharedFacets Insights::shared_facets(FacetKind kind, MemberId viewer, MemberId subject) const {
  const StoreData& g = state_->graph();
  auto consent = state_->snapshot();
  return answer_shared_facets(g, *consent, kind, viewer, subject, resolve(g, *consent, viewer));
}

std::vector<SharedFacets> Insights::shared_facets_batch(FacetKind kind, std::span<const MemberPair> pairs,
                                                        int threads) const {
  const StoreData& g = state_->graph();
  auto consent = state_->snapshot();
  std::vector<SharedFacets> out(pairs.size());
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    parallel_ranges<std::size_t>(0, pairs.size(), 256, [&](const auto& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        out[i] = answer_shared_facets(g, *consent, kind, pairs[i].viewer, pairs[i].subject,
                                      resolve(g, *consent, pairs[i].viewer));
      }
    });
  });
  return out;
}

}  // namespace mutuals
