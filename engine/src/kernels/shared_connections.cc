#include "kernels/shared_connections.h"

#include "kernels/count_pair.h"
#include "kernels/intersect.h"

namespace mutuals::internal {

std::uint64_t count_visible(const BitmapView& a, const BitmapView& b, const ConsentSnapshot& consent) {
  return count_pair()(a, b, consent.hidden_members() == 0 ? nullptr : &consent);
}

void list_visible(const BitmapView& a, const BitmapView& b, const ConsentSnapshot& consent,
                  std::vector<VertexId>& out) {
  ListSink sink{&out};
  if (consent.hidden_members() == 0) {
    intersect(a, b, NoMask{}, sink);
  } else {
    intersect(a, b, VisibleMask{&consent}, sink);
  }
}

std::uint64_t count_all(const BitmapView& a, const BitmapView& b) { return count_pair()(a, b, nullptr); }

}  // namespace mutuals::internal
