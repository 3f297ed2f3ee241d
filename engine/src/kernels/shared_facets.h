// Values two members share (schools, employers), with whether their years
// overlap. Input: each member's entries sorted by value index (FacetView).
// Lists are short (a handful a member), so a merge is all it takes.
#pragma once

#include <span>
#include <vector>

#include "facets/facet_view.h"
#include "mutuals/facets.h"

namespace mutuals::internal {

std::vector<SharedFacet> shared_facets(const FacetView& f, std::span<const FacetEntry> a,
                                       std::span<const FacetEntry> b);

}  // namespace mutuals::internal
