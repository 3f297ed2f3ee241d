// The AVX2 build of u16_intersect (see u16_intersect.h): the AVX-512 one's
// windows and blocks (u16_windows_avx512.h), in 256-bit registers,
// in a header so the AVX2 whole-pair kernel inlines them instead of calling
// through the dispatch pointer once per container. Include only from
// translation units whose callers carry the same target attribute.
//
// Why not just the windows on AVX2 machines: on soc-Slashdot0902's W1
// pairs (Zen 3, no AVX-512) the window walk was 56% of a pair's time, most
// of it balanced containers of 20-300 values, where each value of one side
// costs a broadcast, two compares and a test, and each window switch a
// mispredicted exit. The AVX-512 fences for skewed pairs did not carry
// over: without compares into mask registers a value cost ~35 operations,
// and on the same pairs they ran 1.5-3x slower than the windows.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>

#include "kernels/simd/u16_load.h"

namespace mutuals::internal::simd::avx2 {

// When both sides go by blocks of 16 (blocks below): up to 4x apart, not
// AVX-512's 8x. Per class of W1's containers (Zen 3, warm), blocks against
// windows, cycles: on soc-Slashdot0902 sides 2x apart 514 / 900 (129-256
// values), 4x 410 / 518 (65-128), 8x 609 / 611; on gen 1 M 8x 1,075 / 939
// (129-256), 587 / 504 (65-128).
inline constexpr std::uint32_t kBlock = 16, kBlocksSkew = 4;

// a is the smaller side. Outer loop: one window of 32 values of b in two
// registers; inner loop: every value of a up to the window's last. AVX2 has
// no masked 16-bit load: a last window shorter than 32 is copied to a
// buffer padded with b's last value, which can only repeat a match, and a
// repeated match still counts once (mask != 0).
template <bool kOut>
__attribute__((target("avx2,bmi,bmi2,popcnt"))) inline std::uint32_t windows(const std::uint8_t* a, std::uint32_t na,
                                                                        const std::uint8_t* b, std::uint32_t nb,
                                                                        std::uint16_t* out) {
  constexpr std::uint32_t kWidth = 32;
  std::uint32_t i = 0, j = 0, count = 0;
  alignas(32) std::uint16_t tail[kWidth];
  while (i < na) {
    const std::uint16_t x = at(a, i);
    while (j + 8 * kWidth <= nb && at(b, j + 8 * kWidth - 1) < x) j += 8 * kWidth;
    while (j + kWidth <= nb && at(b, j + kWidth - 1) < x) j += kWidth;
    if (j >= nb) break;
    const std::uint32_t left = nb - j;
    const std::uint8_t* w = b + 2 * j;
    if (left < kWidth) {
      std::memcpy(tail, w, 2 * left);
      for (std::uint32_t k = left; k < kWidth; ++k) tail[k] = at(b, nb - 1);
      w = reinterpret_cast<const std::uint8_t*>(tail);
    }
    const __m256i w0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
    const __m256i w1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 32));
    const std::uint16_t wmax = at(b, j + (left < kWidth ? left : kWidth) - 1);
    if (x > wmax) break;  // only when this is the last window
    do {
      const std::uint16_t v = at(a, i);
      const __m256i bx = _mm256_set1_epi16(static_cast<short>(v));
      const __m256i eq = _mm256_or_si256(_mm256_cmpeq_epi16(w0, bx), _mm256_cmpeq_epi16(w1, bx));
      if constexpr (kOut) out[count] = v;
      count += _mm256_testz_si256(eq, eq) == 0;
      ++i;
    } while (i < na && at(a, i) <= wmax);
    j += kWidth;
  }
  return count;
}

// Balanced sides: a merge of blocks of 16 values, each pair of blocks
// compared all against all (256 pairs) in sixteen compares, then the block
// with the smaller last value advances (both when equal), without a branch.
// Layout: a's block as [a0 | a1] (128-bit lanes of 8 values), b's as
// [b0 | b1] and, swapped, [b1 | b0]; the eight in-lane rotations of each
// (one in-lane byte align a rotation) meet every pair. A value of a matches
// at most one of b, so OR-ing the sixteen compares loses nothing; the byte
// mask has two bits a value. The tail (under 16 left on a side) goes by
// windows.
template <bool kOut>
__attribute__((target("avx2,bmi,bmi2,popcnt"))) inline std::uint32_t blocks(const std::uint8_t* a, std::uint32_t na,
                                                                       const std::uint8_t* b, std::uint32_t nb,
                                                                       std::uint16_t* out) {
  std::uint32_t i = 0, j = 0, count = 0;
  while (i + kBlock <= na && j + kBlock <= nb) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 2 * i));
    const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 2 * j));
    const __m256i z = _mm256_permute2x128_si256(y, y, 0x01);
    // Four accumulators: the compares need not wait on one OR chain.
    __m256i e0 = _mm256_or_si256(_mm256_cmpeq_epi16(x, y), _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 2)));
    __m256i e1 = _mm256_or_si256(_mm256_cmpeq_epi16(x, z), _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 2)));
    __m256i e2 = _mm256_or_si256(_mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 4)),
                                 _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 6)));
    __m256i e3 = _mm256_or_si256(_mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 4)),
                                 _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 6)));
    e0 = _mm256_or_si256(e0, _mm256_or_si256(_mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 8)),
                                             _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 10))));
    e1 = _mm256_or_si256(e1, _mm256_or_si256(_mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 8)),
                                             _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 10))));
    e2 = _mm256_or_si256(e2, _mm256_or_si256(_mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 12)),
                                             _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(y, y, 14))));
    e3 = _mm256_or_si256(e3, _mm256_or_si256(_mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 12)),
                                             _mm256_cmpeq_epi16(x, _mm256_alignr_epi8(z, z, 14))));
    const __m256i eq = _mm256_or_si256(_mm256_or_si256(e0, e1), _mm256_or_si256(e2, e3));
    const std::uint32_t bytes = static_cast<std::uint32_t>(_mm256_movemask_epi8(eq));
    if constexpr (kOut) {
      // Positions of a's block, ascending: the matches in ascending order.
      count += emit_positions(a, i, _pext_u32(bytes, 0x55555555u), out + count);
    } else {
      count += static_cast<std::uint32_t>(_mm_popcnt_u32(bytes & 0x55555555u));
    }
    const std::uint16_t amax = at(a, i + kBlock - 1), bmax = at(b, j + kBlock - 1);
    i += kBlock * (amax <= bmax);
    j += kBlock * (bmax <= amax);
  }
  std::uint16_t* rest = kOut ? out + count : nullptr;
  if (i < na && j < nb) {
    count += na - i <= nb - j ? windows<kOut>(a + 2 * i, na - i, b + 2 * j, nb - j, rest)
                              : windows<kOut>(b + 2 * j, nb - j, a + 2 * i, na - i, rest);
  }
  return count;
}

// a ∩ b for two array containers, either size order.
template <bool kOut>
__attribute__((target("avx2,bmi,bmi2,popcnt"))) inline std::uint32_t u16_intersect(const std::uint8_t* a,
                                                                              std::uint32_t na,
                                                                              const std::uint8_t* b,
                                                                              std::uint32_t nb, std::uint16_t* out) {
  if (na > nb) return u16_intersect<kOut>(b, nb, a, na, out);
  if (na == 0) return 0;
  if (na >= kBlock && nb <= kBlocksSkew * na) return blocks<kOut>(a, na, b, nb, out);
  return windows<kOut>(a, na, b, nb, out);
}

}  // namespace mutuals::internal::simd::avx2
