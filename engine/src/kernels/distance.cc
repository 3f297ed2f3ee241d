#include "kernels/distance.h"

#include "kernels/intersect.h"
#include "kernels/shared_connections.h"

namespace mutuals::internal {
namespace {

// Stops the intersection at the first common member.
struct AnySink {
  static constexpr bool kWantsValues = false;
  bool found = false;
  void add(std::uint32_t) { found = true; }
  void add_count(std::uint64_t n) { found |= n != 0; }
  void add_word(std::uint32_t, std::uint64_t bits) { found |= bits != 0; }
};

bool meet(const BitmapView& a, const BitmapView& b) {
  AnySink sink;
  intersect(a, b, NoMask{}, sink);
  return sink.found;
}

std::vector<VertexId> members_of(const BitmapView& b) {
  std::vector<VertexId> out;
  b.decode(out);
  return out;
}

}  // namespace

std::vector<std::uint64_t> two_hop_set(const StoreData& g, VertexId a) {
  std::vector<std::uint64_t> bits((g.members() + 63) / 64, 0);
  for (VertexId u : members_of(g.neighbors(a))) {
    bits[u >> 6] |= std::uint64_t{1} << (u & 63);
    for (VertexId w : members_of(g.neighbors(u))) bits[w >> 6] |= std::uint64_t{1} << (w & 63);
  }
  return bits;
}

std::optional<int> degree_of_separation(const StoreData& g, VertexId a, VertexId b, DistanceMethod method) {
  if (a == b) return 0;
  const BitmapView na = g.neighbors(a), nb = g.neighbors(b);
  if (na.contains(b)) return 1;
  if (meet(na, nb)) return 2;
  if (method == DistanceMethod::kTwoHopSet) {
    std::vector<std::uint64_t> reach = two_hop_set(g, a);
    for (VertexId w : members_of(nb)) {
      if ((reach[w >> 6] >> (w & 63)) & 1) return 3;
    }
    return std::nullopt;
  }
  const bool a_smaller = na.cardinality() <= nb.cardinality();
  const BitmapView& walk = a_smaller ? na : nb;
  const BitmapView& other = a_smaller ? nb : na;
  for (VertexId u : members_of(walk)) {
    if (meet(g.neighbors(u), other)) return 3;
  }
  return std::nullopt;
}

}  // namespace mutuals::internal
