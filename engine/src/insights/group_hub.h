// The hub a run of grouped pairs shares (insights/pair_schedule.h), expanded
// once into a dense bitset when the run is long enough to pay for it: each
// pair with that hub then costs one probe a neighbour of its other member
// (kernels/dense_probe.h) instead of an intersection with the hub's lists.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/dense_probe.h"
#include "kernels/shared_connections.h"

namespace mutuals::internal {

struct GroupHub {
  const DenseNeighbours* expanded = nullptr;  // null: no hub expanded
  VertexId vertex = kNoVertex;

  // |N(a) ∩ N(b) ∩ Visible|, through the expanded hub when it is a or b.
  std::uint64_t count(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b) const {
    if (expanded != nullptr && (a == vertex || b == vertex)) {
      return expanded->count(g.neighbors(a == vertex ? b : a), consent);
    }
    return count_shared(g, consent, a, b);
  }
  // Appends N(a) ∩ N(b) ∩ Visible to `out`, ascending.
  void list(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b,
            std::vector<VertexId>& out) const {
    if (expanded != nullptr && (a == vertex || b == vertex)) {
      expanded->list(g.neighbors(a == vertex ? b : a), consent, out);
      return;
    }
    list_shared(g, consent, a, b, out);
  }
};

}  // namespace mutuals::internal
