#include <immintrin.h>

#include "kernels/simd/u16_intersect.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {
namespace {

// a is the smaller side. Outer loop: one 32-value window of b, loaded once
// (the last one masked: masked lanes are neither read nor compared). Inner
// loop: every value of a up to the window's last, one compare each.
template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) std::uint32_t windows(const std::uint8_t* a,
                                                                             std::uint32_t na,
                                                                             const std::uint8_t* b,
                                                                             std::uint32_t nb, std::uint16_t* out) {
  using simd::at;
  std::uint32_t i = 0, j = 0, count = 0;
  while (i < na) {
    const std::uint16_t x = at(a, i);
    // Skip windows wholly below x; a gallop of 256 first for hubs.
    while (j + 256 <= nb && at(b, j + 255) < x) j += 256;
    while (j + 32 <= nb && at(b, j + 31) < x) j += 32;
    if (j >= nb) break;
    const std::uint32_t left = nb - j;
    // BZHI reads only the index's low byte: clamp, or 261 left would read as 5.
    const __mmask32 lanes = _bzhi_u32(~0u, left < 32 ? left : 32);
    const __m512i window = _mm512_maskz_loadu_epi16(lanes, b + 2 * j);
    const std::uint16_t wmax = at(b, j + (left < 32 ? left : 32) - 1);
    if (x > wmax) break;  // only when this is the last window
    do {
      const std::uint16_t v = at(a, i);
      const __mmask32 eq = _mm512_mask_cmpeq_epi16_mask(lanes, window, _mm512_set1_epi16(static_cast<short>(v)));
      if constexpr (kOut) out[count] = v;
      count += eq != 0;
      ++i;
    } while (i < na && at(a, i) <= wmax);
    j += 32;
  }
  return count;
}

}  // namespace

std::uint32_t u16_intersect_avx512(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out) {
  if (na > nb) return u16_intersect_avx512(b, nb, a, na, out);
  if (na == 0) return 0;
  return out ? windows<true>(a, na, b, nb, out) : windows<false>(a, na, b, nb, nullptr);
}

}  // namespace mutuals::internal
