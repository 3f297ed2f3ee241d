// Checks a FacetView read from disk before anything uses it: offsets in
// bounds and ascending, entries pointing at real values, bitmaps valid and
// agreeing with the per-member lists.
#pragma once

#include <string>

#include "facets/facet_view.h"

namespace mutuals::internal {

// Empty when valid, else what is wrong.
std::string verify_facet(const FacetView& f, std::uint32_t members);

}  // namespace mutuals::internal
