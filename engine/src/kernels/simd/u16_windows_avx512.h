// The AVX-512 window loop of u16_intersect (see u16_intersect.h), in a
// header so whole-pair kernels compiled for AVX-512 inline it instead of
// calling through the dispatch pointer once per container. Include only
// from translation units whose callers carry the same target attribute.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/u16_load.h"

namespace mutuals::internal::simd {

// When the larger side goes by fences (fenced below): tuned on W1's pairs.
inline constexpr std::uint32_t kFencedFrom = 256, kFencedSkew = 16;

// a is the smaller side. Outer loop: one window of b, 32 values a register,
// loaded once (the last one masked: masked lanes are neither read nor
// compared). Inner loop: every value of a up to the window's last, one
// compare a register each.
template <bool kOut, std::uint32_t kRegs>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint32_t windows(const std::uint8_t* a,
                                                                             std::uint32_t na,
                                                                             const std::uint8_t* b,
                                                                             std::uint32_t nb, std::uint16_t* out) {
  using simd::at;
  constexpr std::uint32_t kWidth = 32 * kRegs;
  std::uint32_t i = 0, j = 0, count = 0;
  while (i < na) {
    const std::uint16_t x = at(a, i);
    // Skip windows wholly below x; a gallop of 8 windows first for hubs.
    while (j + 8 * kWidth <= nb && at(b, j + 8 * kWidth - 1) < x) j += 8 * kWidth;
    while (j + kWidth <= nb && at(b, j + kWidth - 1) < x) j += kWidth;
    if (j >= nb) break;
    const std::uint32_t left = nb - j;
    __mmask32 lanes[kRegs];
    __m512i w[kRegs];
    for (std::uint32_t r = 0; r < kRegs; ++r) {
      // BZHI reads only the index's low byte: clamp, or 261 left would read as 5.
      const std::uint32_t here = left <= 32 * r ? 0 : left - 32 * r;
      lanes[r] = _bzhi_u32(~0u, here < 32 ? here : 32);
      w[r] = _mm512_maskz_loadu_epi16(lanes[r], b + 2 * (j + 32 * r));
    }
    const std::uint16_t wmax = at(b, j + (left < kWidth ? left : kWidth) - 1);
    if (x > wmax) break;  // only when this is the last window
    do {
      const std::uint16_t v = at(a, i);
      const __m512i bx = _mm512_set1_epi16(static_cast<short>(v));
      __mmask32 eq = 0;
      for (std::uint32_t r = 0; r < kRegs; ++r) eq |= _mm512_mask_cmpeq_epi16_mask(lanes[r], w[r], bx);
      if constexpr (kOut) out[count] = v;
      count += eq != 0;
      ++i;
    } while (i < na && at(a, i) <= wmax);
    j += kWidth;
  }
  return count;
}

// The skewed case: a few values against a large array. Block t of b is
// b[64t .. 64t+63]; its last value is its fence. The fences (at most 64 for
// 4,096 values) are gathered once into two registers; then each value of a
// counts the fences below it (two compares and a popcount: its block) and
// compares itself against that block. No data-dependent branch a value,
// where the window walk took one or two mispredicted exits (its skip loops)
// a value of a skewed pair.
template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint32_t fenced(const std::uint8_t* a,
                                                                                   std::uint32_t na,
                                                                                   const std::uint8_t* b,
                                                                                   std::uint32_t nb,
                                                                                   std::uint16_t* out) {
  // nb in [64, 4096]: fences b[64t + 63], the last one clamped to b[nb - 1].
  const std::uint32_t blocks = (nb + 63) / 64;
  const __m512i lane = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __m512i last = _mm512_set1_epi32(static_cast<int>(nb - 1));
  __m512i quarter[4];
  for (int q = 0; q < 4; ++q) {
    // Index of each fence, as the 32-bit word ending with it (its high half).
    __m512i idx = _mm512_add_epi32(_mm512_slli_epi32(lane, 6), _mm512_set1_epi32(64 * 16 * q + 63));
    idx = _mm512_maskz_min_epu32(0xFFFF, idx, last);
    // (The masked forms: GCC 12 warns of the plain ones' undefined source.)
    const __m512i words = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), 0xFFFF,
                                                      _mm512_sub_epi32(idx, _mm512_set1_epi32(1)), b, 2);
    quarter[q] = _mm512_maskz_srli_epi32(0xFFFF, words, 16);
  }
  // Sixteen-bit fences, blocks 0-31 and 32-63 (lanes past `blocks` repeat b[nb - 1]).
  const __m512i pack = _mm512_set_epi16(62, 60, 58, 56, 54, 52, 50, 48, 46, 44, 42, 40, 38, 36, 34, 32, 30, 28, 26, 24,
                                        22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
  const __m512i f0 = _mm512_permutex2var_epi16(quarter[0], pack, quarter[1]);
  const __m512i f1 = _mm512_permutex2var_epi16(quarter[2], pack, quarter[3]);
  std::uint32_t count = 0;
  for (std::uint32_t i = 0; i < na; ++i) {
    const std::uint16_t v = at(a, i);
    const __m512i bx = _mm512_set1_epi16(static_cast<short>(v));
    std::uint32_t t = static_cast<std::uint32_t>(_mm_popcnt_u32(_mm512_cmplt_epu16_mask(f0, bx)) +
                                                 _mm_popcnt_u32(_mm512_cmplt_epu16_mask(f1, bx)));
    t = t < blocks ? t : blocks - 1;  // past b's last value: any block, no match
    const std::uint32_t left = nb - 64 * t;
    const __mmask32 m0 = _bzhi_u32(~0u, left < 32 ? left : 32);
    const __mmask32 m1 = _bzhi_u32(~0u, left < 64 ? (left > 32 ? left - 32 : 0) : 32);
    const std::uint8_t* w = b + 128 * t;
    const __mmask32 eq = _mm512_mask_cmpeq_epi16_mask(m0, _mm512_maskz_loadu_epi16(m0, w), bx) |
                         _mm512_mask_cmpeq_epi16_mask(m1, _mm512_maskz_loadu_epi16(m1, w + 64), bx);
    if constexpr (kOut) out[count] = v;
    count += eq != 0;
  }
  return count;
}

// a ∩ b for two array containers, either size order.
template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint32_t u16_intersect_windows(
    const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb, std::uint16_t* out) {
  if (na > nb) return u16_intersect_windows<kOut>(b, nb, a, na, out);
  if (na == 0) return 0;
  if (nb >= kFencedFrom && nb <= 4096 && nb >= kFencedSkew * na) return fenced<kOut>(a, na, b, nb, out);
  // Two registers (64 values) a window: a window switch costs a mispredicted
  // branch, a wider window one more compare per value; 2 measured best on
  // W1's pairs (1: -18%, 4: -13%).
  return windows<kOut, 2>(a, na, b, nb, out);
}

}  // namespace mutuals::internal::simd
