// Set kernels over adjacency (and facet) bitmaps: |A ∩ B ∩ Visible| and the
// list of A ∩ B ∩ Visible. Consent arrives as data (the snapshot's
// visibility bits), never as policy; when nobody is hidden the mask is
// skipped entirely.
#pragma once

#include <cstdint>
#include <vector>

#include "consent/consent_snapshot.h"
#include "graph/roaring_view.h"
#include "store/store_data.h"

namespace mutuals::internal {

std::uint64_t count_visible(const BitmapView& a, const BitmapView& b, const ConsentSnapshot& consent);
// Appends A ∩ B ∩ Visible to `out`, ascending by vertex id.
void list_visible(const BitmapView& a, const BitmapView& b, const ConsentSnapshot& consent,
                  std::vector<VertexId>& out);
// |A ∩ B| with no mask: for the network's own surface and offline work.
std::uint64_t count_all(const BitmapView& a, const BitmapView& b);

inline std::uint64_t count_shared(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b) {
  return count_visible(g.neighbors(a), g.neighbors(b), consent);
}
inline void list_shared(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b,
                        std::vector<VertexId>& out) {
  list_visible(g.neighbors(a), g.neighbors(b), consent, out);
}

}  // namespace mutuals::internal
