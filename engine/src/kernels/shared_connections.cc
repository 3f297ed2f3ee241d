#include "kernels/shared_connections.h"

#include "kernels/intersect.h"

namespace mutuals::internal {

std::uint64_t count_visible(const BitmapView& a, const BitmapView& b, const ConsentSnapshot& consent) {
  CountSink sink;
  if (consent.hidden_members() == 0) {
    intersect(a, b, NoMask{}, sink);
  } else {
    intersect(a, b, VisibleMask{&consent}, sink);
  }
  return sink.count;
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

std::uint64_t count_all(const BitmapView& a, const BitmapView& b) {
  CountSink sink;
  intersect(a, b, NoMask{}, sink);
  return sink.count;
}

}  // namespace mutuals::internal
