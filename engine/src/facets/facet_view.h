// Read-in-place view of one facet kind in an opened store.
//
//   values          u64[k]     distinct value ids, ascending
//   value_offsets   u64[k+1]   into value_members
//   value_members   bytes      per value, a Roaring portable bitmap of vertices
//   member_offsets  u64[n+1]   into entries
//   entries         FacetEntry per member, by (value index, start, end)
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>

#include "graph/roaring_view.h"
#include "mutuals/types.h"

namespace mutuals::internal {

inline constexpr std::uint16_t kNoYear = 0xFFFF;

struct FacetEntry {
  std::uint32_t value;  // index into values
  std::uint16_t start;  // kNoYear when unknown
  std::uint16_t end;
};
static_assert(sizeof(FacetEntry) == 8);

struct FacetView {
  std::span<const std::uint64_t> values;
  std::span<const std::uint64_t> value_offsets;
  std::span<const std::uint8_t> value_members;
  std::span<const std::uint64_t> member_offsets;
  std::span<const FacetEntry> entries;

  bool empty() const { return values.empty(); }
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};

  std::uint32_t find_value(std::uint64_t value) const {
    auto it = std::lower_bound(values.begin(), values.end(), value);
    if (it == values.end() || *it != value) return kNone;
    return static_cast<std::uint32_t>(it - values.begin());
  }
  BitmapView members_of(std::uint32_t index) const {
    return BitmapView::parse(value_members.data() + value_offsets[index],
                             value_offsets[index + 1] - value_offsets[index]);
  }
  std::span<const FacetEntry> of(VertexId v) const {
    if (member_offsets.empty()) return {};
    return entries.subspan(member_offsets[v], member_offsets[v + 1] - member_offsets[v]);
  }
};

}  // namespace mutuals::internal
