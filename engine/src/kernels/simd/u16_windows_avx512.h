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
// When both sides go by blocks of 16 (blocks below): 16 values or more on
// the smaller side, at most 8x as many on the larger (on soc-Slashdot0902's
// W1 containers, 2x: -2.5%, 4x: -6%, 8x-16x: -6.3%, against the windows).
inline constexpr std::uint32_t kBlock = 16, kBlocksSkew = 8;

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

// Balanced sides: a merge of blocks of 16 values, each pair of blocks
// compared all against all (256 pairs) in eight compares, then the block
// with the smaller last value advances (both when equal), without a
// branch. The windows compare each value of the smaller side against 64 of
// the larger, 4x the work a value for two sides of the same size; here a
// block pair costs about what 5 values did there (W1's containers on
// soc-Slashdot0902: two sides of 129-256 values 546 -> 344 cycles, warm).
// Layout: a = [a0 a1 a0 a1], b = [b0 b1 b1 b0] in 128-bit lanes of 8 values,
// so the lane pairs meet all four half-block pairs, and b's eight in-lane
// rotations (one cheap in-lane byte align each) meet every position.
// Lanes 0-15 and 16-31 of the match mask are both positions 0-15 of a's
// block. A value of a matches at most one of b, so OR-ing the eight masks
// loses nothing. The tail (under 16 left on a side) goes by windows.
template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint32_t blocks(const std::uint8_t* a,
                                                                                   std::uint32_t na,
                                                                                   const std::uint8_t* b,
                                                                                   std::uint32_t nb,
                                                                                   std::uint16_t* out) {
  std::uint32_t i = 0, j = 0, count = 0;
  while (i + kBlock <= na && j + kBlock <= nb) {
    // (The masked forms: GCC 12 warns of the plain ones' undefined source.)
    const __m512i x = _mm512_maskz_broadcast_i64x4(0xFF, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 2 * i)));
    const __m512i y2 = _mm512_maskz_broadcast_i64x4(0xFF, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 2 * j)));
    const __m512i y = _mm512_maskz_shuffle_i64x2(0xFF, y2, y2, _MM_SHUFFLE(0, 1, 1, 0));
    const __mmask32 m0 = _mm512_cmpeq_epi16_mask(x, y);
    const __mmask32 m1 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 2));
    const __mmask32 m2 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 4));
    const __mmask32 m3 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 6));
    const __mmask32 m4 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 8));
    const __mmask32 m5 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 10));
    const __mmask32 m6 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 12));
    const __mmask32 m7 = _mm512_cmpeq_epi16_mask(x, _mm512_alignr_epi8(y, y, 14));
    const std::uint32_t eq = ((m0 | m1) | (m2 | m3)) | ((m4 | m5) | (m6 | m7));
    if constexpr (kOut) {
      // Positions of a's block, ascending: the matches in ascending order.
      count += emit_positions(a, i, (eq | eq >> 16) & 0xFFFFu, out + count);
    } else {
      count += static_cast<std::uint32_t>(_mm_popcnt_u32(eq));
    }
    const std::uint16_t amax = at(a, i + kBlock - 1), bmax = at(b, j + kBlock - 1);
    i += kBlock * (amax <= bmax);
    j += kBlock * (bmax <= amax);
  }
  std::uint16_t* rest = kOut ? out + count : nullptr;
  if (i < na && j < nb) {
    count += na - i <= nb - j ? windows<kOut, 2>(a + 2 * i, na - i, b + 2 * j, nb - j, rest)
                              : windows<kOut, 2>(b + 2 * j, nb - j, a + 2 * i, na - i, rest);
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
  if (na >= kBlock && nb <= kBlocksSkew * na) return blocks<kOut>(a, na, b, nb, out);
  if (nb >= kFencedFrom && nb <= 4096 && nb >= kFencedSkew * na) return fenced<kOut>(a, na, b, nb, out);
  // Two registers (64 values) a window: a window switch costs a mispredicted
  // branch, a wider window one more compare per value; 2 measured best on
  // W1's pairs (1: -18%, 4: -13%).
  return windows<kOut, 2>(a, na, b, nb, out);
}

}  // namespace mutuals::internal::simd
