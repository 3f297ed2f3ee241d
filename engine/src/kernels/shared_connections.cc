#include "kernels/shared_connections.h"

#include "kernels/intersect.h"

namespace mutuals::internal {

std::uint64_t count_shared(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b) {
  CountSink sink;
  if (consent.hidden_members() == 0) {
    intersect(g.neighbors(a), g.neighbors(b), NoMask{}, sink);
  } else {
    intersect(g.neighbors(a), g.neighbors(b), VisibleMask{&consent}, sink);
  }
  return sink.count;
}

void list_shared(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b,
                 std::vector<VertexId>& out) {
  ListSink sink{&out};
  if (consent.hidden_members() == 0) {
    intersect(g.neighbors(a), g.neighbors(b), NoMask{}, sink);
  } else {
    intersect(g.neighbors(a), g.neighbors(b), VisibleMask{&consent}, sink);
  }
}

}  // namespace mutuals::internal
