// Builds the sections of one facet kind from file rows, once vertex ids are
// known. Rows of unknown members cannot occur: facet members are graph
// members (a member is known when it appears in any input).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "facets/facet_view.h"
#include "mutuals/facets.h"
#include "mutuals/status.h"

namespace mutuals::internal {

struct BuiltFacet {
  std::vector<std::uint64_t> values;
  std::vector<std::uint64_t> value_offsets;
  std::vector<std::uint8_t> value_members;
  std::vector<std::uint64_t> member_offsets;
  std::vector<FacetEntry> entries;
};

// `vertex_of(member)` maps every row's member to its vertex.
template <typename VertexOf>
BuiltFacet build_facet(std::span<const FacetRecord> rows, std::uint32_t members, VertexOf&& vertex_of);

}  // namespace mutuals::internal

#include "facets/facet_builder_impl.h"
