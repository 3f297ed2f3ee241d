#include <immintrin.h>

#include <cstring>

#include "kernels/simd/u16_intersect.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {
namespace {

// The AVX-512 loop (u16_intersect_avx512.cc) with two 16-value registers a
// window. AVX2 has no masked 16-bit load: a last window shorter than 32 is
// copied to a buffer padded with b's last value, which can only repeat a
// match, and a repeated match still counts once (mask != 0).
template <bool kOut>
__attribute__((target("avx2"))) std::uint32_t windows(const std::uint8_t* a, std::uint32_t na,
                                                      const std::uint8_t* b, std::uint32_t nb, std::uint16_t* out) {
  using simd::at;
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

}  // namespace

std::uint32_t u16_intersect_avx2(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                 std::uint16_t* out) {
  if (na > nb) return u16_intersect_avx2(b, nb, a, na, out);
  if (na == 0) return 0;
  return out ? windows<true>(a, na, b, nb, out) : windows<false>(a, na, b, nb, nullptr);
}

}  // namespace mutuals::internal
