#include "kernels/shared_facets.h"

namespace mutuals::internal {

std::vector<SharedFacet> shared_facets(const FacetView& f, std::span<const FacetEntry> a,
                                       std::span<const FacetEntry> b) {
  std::vector<SharedFacet> out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].value < b[j].value) {
      ++i;
    } else if (b[j].value < a[i].value) {
      ++j;
    } else {
      const std::uint32_t value = a[i].value;
      std::size_t ie = i, je = j;
      while (ie < a.size() && a[ie].value == value) ++ie;
      while (je < b.size() && b[je].value == value) ++je;
      // Periods with years on each side; overlap if any pair meets.
      bool a_years = false, b_years = false, overlap = false;
      for (std::size_t x = i; x < ie; ++x) a_years |= a[x].start != kNoYear;
      for (std::size_t y = j; y < je; ++y) b_years |= b[y].start != kNoYear;
      for (std::size_t x = i; x < ie; ++x) {
        for (std::size_t y = j; y < je; ++y) {
          if (a[x].start == kNoYear || b[y].start == kNoYear) continue;
          overlap |= a[x].start <= b[y].end && b[y].start <= a[x].end;
        }
      }
      SharedFacet s{f.values[value], std::nullopt};
      if (a_years && b_years) s.years_overlap = overlap;
      out.push_back(s);
      i = ie;
      j = je;
    }
  }
  return out;
}

}  // namespace mutuals::internal
