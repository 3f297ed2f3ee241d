// The common values of two sorted, duplicate-free u32 arrays with their
// positions: f(i, j) for each a[i] == b[j], ascending. The all-edges
// triangle count needs the positions (to credit all three edges of a
// triangle), so the u16 kernels' counts do not serve.
//
// AVX-512: the u16 kernel's method (simd/u16_intersect.h) on 32-bit lanes,
// 32-value windows of the larger array; the match's position in the window
// is the mask's trailing zero count. Scalar: a branch-light merge. Dispatch
// by simd_level().
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {
namespace simd {

template <typename F>
void common_u32_scalar(const std::uint32_t* a, std::uint32_t na, const std::uint32_t* b, std::uint32_t nb, F&& f) {
  std::uint32_t i = 0, j = 0;
  while (i < na && j < nb) {
    const std::uint32_t x = a[i], y = b[j];
    if (x == y) f(i, j);
    i += x <= y;
    j += y <= x;
  }
}

// `small` walks, `large` is windowed; f gets (a position, b position).
template <bool kSwapped, typename F>
__attribute__((target("avx512f,bmi,bmi2"))) void common_u32_windows(const std::uint32_t* small, std::uint32_t ns,
                                                                    const std::uint32_t* large, std::uint32_t nl,
                                                                    F&& f) {
  std::uint32_t i = 0, j = 0;
  while (i < ns) {
    const std::uint32_t x = small[i];
    while (j + 32 <= nl && large[j + 31] < x) j += 32;
    if (j >= nl) break;
    const std::uint32_t left = nl - j;
    const __mmask16 lanes0 = static_cast<__mmask16>(_bzhi_u32(0xFFFFu, left < 16 ? left : 16));
    const __mmask16 lanes1 = left <= 16 ? 0 : static_cast<__mmask16>(_bzhi_u32(0xFFFFu, left < 32 ? left - 16 : 16));
    const __m512i w0 = _mm512_maskz_loadu_epi32(lanes0, large + j);
    const __m512i w1 = _mm512_maskz_loadu_epi32(lanes1, large + j + 16);
    const std::uint32_t wmax = large[j + (left < 32 ? left : 32) - 1];
    if (x > wmax) break;  // only when this is the last window
    do {
      const __m512i bx = _mm512_set1_epi32(static_cast<int>(small[i]));
      const std::uint32_t m = std::uint32_t(_mm512_mask_cmpeq_epu32_mask(lanes0, w0, bx)) |
                              std::uint32_t(_mm512_mask_cmpeq_epu32_mask(lanes1, w1, bx)) << 16;
      if (m != 0) {
        const std::uint32_t at = j + static_cast<std::uint32_t>(__builtin_ctz(m));
        if constexpr (kSwapped) {
          f(at, i);
        } else {
          f(i, at);
        }
      }
      ++i;
    } while (i < ns && small[i] <= wmax);
    j += 32;
  }
}

}  // namespace simd

template <typename F>
void for_each_common_u32(const std::uint32_t* a, std::uint32_t na, const std::uint32_t* b, std::uint32_t nb, F&& f) {
  if (na == 0 || nb == 0) return;
  if (simd_level() != SimdLevel::kAvx512) return simd::common_u32_scalar(a, na, b, nb, f);
  if (na <= nb) return simd::common_u32_windows<false>(a, na, b, nb, f);
  simd::common_u32_windows<true>(b, nb, a, na, f);
}

}  // namespace mutuals::internal
