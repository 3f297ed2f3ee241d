// The common values of two sorted, duplicate-free u32 arrays with their
// positions: f(i, j) for each a[i] == b[j], ascending. The all-edges
// triangle count needs the positions (to credit all three edges of a
// triangle), so the u16 kernels' counts do not serve.
//
// AVX-512: the u16 kernel's method (simd/u16_intersect.h) on 32-bit lanes,
// 32-value windows of the larger array; the match's position in the window
// is the mask's trailing zero count; AVX2 the same in 8-lane registers.
// Scalar: a branch-light merge. Dispatch by simd_level().
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {
namespace simd {

// Without a branch a step: every step writes its positions to a buffer
// and keeps them only on a match, and the matches are handed to f after
// each buffer's worth (a match taken as a branch was mispredicted about as
// often as it came: on soc-Slashdot0902's short forward lists the merge's
// time).
template <typename F>
void common_u32_scalar(const std::uint32_t* a, std::uint32_t na, const std::uint32_t* b, std::uint32_t nb, F&& f) {
  constexpr std::uint32_t kBuffer = 64;
  std::uint32_t at_a[kBuffer], at_b[kBuffer];
  std::uint32_t i = 0, j = 0;
  while (i < na && j < nb) {
    std::uint32_t k = 0;
    do {
      const std::uint32_t x = a[i], y = b[j];
      at_a[k] = i;
      at_b[k] = j;
      k += x == y;
      i += x <= y;
      j += y <= x;
    } while (i < na && j < nb && k < kBuffer);
    for (std::uint32_t q = 0; q < k; ++q) f(at_a[q], at_b[q]);
  }
}

// A match of small[i] and large[at], as f(a position, b position).
template <bool kSwapped, typename F>
inline void report(F& f, std::uint32_t i, std::uint32_t at) {
  if constexpr (kSwapped) {
    f(at, i);
  } else {
    f(i, at);
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
      if (m != 0) report<kSwapped>(f, i, j + static_cast<std::uint32_t>(__builtin_ctz(m)));
      ++i;
    } while (i < ns && small[i] <= wmax);
    j += 32;
  }
}

// The AVX2 form: a window of 32 values in four registers of 8, its tail
// lanes masked at load (VPMASKMOVD reads nothing it masks) and in the
// compares; a match, rarer than a miss, takes a branch to find its lane.
template <bool kSwapped, typename F>
__attribute__((target("avx2,bmi,bmi2"))) void common_u32_windows_avx2(const std::uint32_t* small, std::uint32_t ns,
                                                                     const std::uint32_t* large, std::uint32_t nl,
                                                                     F&& f) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  std::uint32_t i = 0, j = 0;
  while (i < ns) {
    const std::uint32_t x = small[i];
    while (j + 32 <= nl && large[j + 31] < x) j += 32;
    if (j >= nl) break;
    const std::uint32_t left = nl - j;
    __m256i valid[4], w[4];
    for (std::uint32_t r = 0; r < 4; ++r) {
      const std::uint32_t here = left <= 8 * r ? 0 : left - 8 * r;
      valid[r] = _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(here < 8 ? here : 8)), lane);
      w[r] = _mm256_maskload_epi32(reinterpret_cast<const int*>(large + j + 8 * r), valid[r]);
    }
    const std::uint32_t wmax = large[j + (left < 32 ? left : 32) - 1];
    if (x > wmax) break;  // only when this is the last window
    do {
      const __m256i bx = _mm256_set1_epi32(static_cast<int>(small[i]));
      __m256i eq[4];
      for (std::uint32_t r = 0; r < 4; ++r) eq[r] = _mm256_and_si256(_mm256_cmpeq_epi32(w[r], bx), valid[r]);
      const __m256i any = _mm256_or_si256(_mm256_or_si256(eq[0], eq[1]), _mm256_or_si256(eq[2], eq[3]));
      if (!_mm256_testz_si256(any, any)) {
        std::uint32_t m = 0;
        for (std::uint32_t r = 0; r < 4; ++r) {
          m |= static_cast<std::uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(eq[r]))) << (8 * r);
        }
        report<kSwapped>(f, i, j + static_cast<std::uint32_t>(__builtin_ctz(m)));
      }
      ++i;
    } while (i < ns && small[i] <= wmax);
    j += 32;
  }
}

}  // namespace simd

// AVX2 windows from a longer list of 32 values: below, the window's masked
// loads cost more than the scalar merge they replace (soc-Slashdot0902's
// forward lists, mostly a few values long: W3 0.80x -> 0.72x csr-merge
// with windows for every size).
inline constexpr std::uint32_t kAvx2WindowsFrom = 32;

template <typename F>
void for_each_common_u32(const std::uint32_t* a, std::uint32_t na, const std::uint32_t* b, std::uint32_t nb, F&& f) {
  if (na == 0 || nb == 0) return;
  switch (simd_level()) {
    case SimdLevel::kAvx512:
      if (na <= nb) return simd::common_u32_windows<false>(a, na, b, nb, f);
      return simd::common_u32_windows<true>(b, nb, a, na, f);
    case SimdLevel::kAvx2:
      if ((na > nb ? na : nb) < kAvx2WindowsFrom) break;
      if (na <= nb) return simd::common_u32_windows_avx2<false>(a, na, b, nb, f);
      return simd::common_u32_windows_avx2<true>(b, nb, a, na, f);
    case SimdLevel::kScalar: break;
  }
  simd::common_u32_scalar(a, na, b, nb, f);
}

}  // namespace mutuals::internal
