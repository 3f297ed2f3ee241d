#include "facets/facet_verify.h"

namespace mutuals::internal {

std::string verify_facet(const FacetView& f, std::uint32_t members) {
  const std::size_t k = f.values.size();
  if (f.value_offsets.size() != k + 1 || f.member_offsets.size() != std::size_t(members) + 1) {
    return "offset tables of the wrong size";
  }
  for (std::size_t i = 1; i < k; ++i) {
    if (f.values[i] <= f.values[i - 1]) return "values not ascending";
  }
  if (f.value_offsets[0] != 0 || f.value_offsets[k] != f.value_members.size()) return "value offsets do not span";
  // Every offset is checked before any is used to reach data.
  for (std::size_t i = 0; i < k; ++i) {
    if (f.value_offsets[i + 1] < f.value_offsets[i]) return "value offsets not ascending";
  }
  if (f.member_offsets[0] != 0 || f.member_offsets[members] != f.entries.size()) return "member offsets do not span";
  for (std::uint32_t v = 0; v < members; ++v) {
    if (f.member_offsets[v + 1] < f.member_offsets[v]) return "member offsets not ascending";
  }
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < k; ++i) {
    std::string bad = validate_bitmap(f.value_members.data() + f.value_offsets[i],
                                      f.value_offsets[i + 1] - f.value_offsets[i], members);
    if (!bad.empty()) return "members of value " + std::to_string(f.values[i]) + ": " + bad;
    total += f.members_of(static_cast<std::uint32_t>(i)).cardinality();
  }
  if (f.member_offsets[0] != 0 || f.member_offsets[members] != f.entries.size()) return "member offsets do not span";
  std::uint64_t pairs = 0;
  for (std::uint32_t v = 0; v < members; ++v) {
    if (f.member_offsets[v + 1] < f.member_offsets[v]) return "member offsets not ascending";
    std::uint32_t last = FacetView::kNone;
    for (const FacetEntry& e : f.of(v)) {
      if (e.value >= k) return "entry names no value";
      if ((e.start == kNoYear) != (e.end == kNoYear) || (e.start != kNoYear && e.start > e.end)) {
        return "entry with bad years";
      }
      if (e.value != last) ++pairs;
      if (last != FacetView::kNone && e.value < last) return "entries not sorted";
      last = e.value;
    }
  }
  if (pairs != total) return "member lists disagree with the value bitmaps";
  return {};
}

}  // namespace mutuals::internal
