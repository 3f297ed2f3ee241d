#include "kernels/simd/u16_intersect.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {
namespace {

using simd::at;

// Branch-light merge: the comparison results drive the indices.
std::uint32_t merge(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                    std::uint16_t* out) {
  std::uint32_t i = 0, j = 0, count = 0;
  while (i < na && j < nb) {
    std::uint16_t x = at(a, i), y = at(b, j);
    if (x == y) {
      if (out) out[count] = x;
      ++count;
    }
    i += x <= y;
    j += y <= x;
  }
  return count;
}

// Each value of the small side found by exponential then binary search in
// the large side, from where the last search ended.
std::uint32_t gallop(const std::uint8_t* small, std::uint32_t ns, const std::uint8_t* large, std::uint32_t nl,
                     std::uint16_t* out) {
  std::uint32_t count = 0, lo = 0;
  for (std::uint32_t i = 0; i < ns && lo < nl; ++i) {
    const std::uint16_t x = at(small, i);
    std::uint32_t step = 1, hi = lo;
    while (hi < nl && at(large, hi) < x) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    if (hi > nl) hi = nl;
    while (lo < hi) {
      std::uint32_t mid = (lo + hi) / 2;
      if (at(large, mid) < x) lo = mid + 1; else hi = mid;
    }
    if (lo < nl && at(large, lo) == x) {
      if (out) out[count] = x;
      ++count;
    }
  }
  return count;
}

}  // namespace

std::uint32_t u16_intersect_scalar(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out) {
  if (na > nb) return u16_intersect_scalar(b, nb, a, na, out);
  if (nb > 32 * na) return gallop(a, na, b, nb, out);
  return merge(a, na, b, nb, out);
}

}  // namespace mutuals::internal
