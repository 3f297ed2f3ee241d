// Shared-connection kernels: N(a) ∩ N(b) ∩ Visible, counted or listed.
// Consent arrives as data (the snapshot's visibility bits), never as policy.
// When nobody is hidden the mask is skipped entirely.
#pragma once

#include <cstdint>
#include <vector>

#include "consent/consent_snapshot.h"
#include "store/store_data.h"

namespace mutuals::internal {

std::uint64_t count_shared(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b);

// Appends the visible shared connections of a and b to `out`, ascending by
// vertex id.
void list_shared(const StoreData& g, const ConsentSnapshot& consent, VertexId a, VertexId b,
                 std::vector<VertexId>& out);

}  // namespace mutuals::internal
