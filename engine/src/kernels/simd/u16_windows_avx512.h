// The AVX-512 window loop of u16_intersect (see u16_intersect.h), in a
// header so whole-pair kernels compiled for AVX-512 inline it instead of
// calling through the dispatch pointer once per container. Include only
// from translation units whose callers carry the same target attribute.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/simd/u16_load.h"

namespace mutuals::internal::simd {

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


// a ∩ b for two array containers, either size order.
template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) inline std::uint32_t u16_intersect_windows(
    const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb, std::uint16_t* out) {
  if (na > nb) return u16_intersect_windows<kOut>(b, nb, a, na, out);
  if (na == 0) return 0;
  // Two registers (64 values) a window: a window switch costs a mispredicted
  // branch, a wider window one more compare per value; 2 measured best on
  // W1's pairs (1: -18%, 4: -13%).
  return windows<kOut, 2>(a, na, b, nb, out);
}

}  // namespace mutuals::internal::simd
