#include <immintrin.h>

#include "kernels/simd/u16_probe_dense.h"

namespace mutuals::internal {

// Eight values a step, their 32-bit words fetched with one gather; the
// last under-8 values one by one (a gather's latency, and a copy for want
// of a masked 16-bit load, cost more than a few scalar probes: most
// subjects of a page have a container of a handful of values).
__attribute__((target("avx2,popcnt"))) std::uint32_t u16_probe_dense_avx2(const std::uint8_t* a, std::uint32_t n,
                                                                         const std::uint8_t* region) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i low5 = _mm256_set1_epi32(31);
  const auto* words = reinterpret_cast<const int*>(region);
  std::uint32_t count = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256i x = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 2 * i)));
    const __m256i w = _mm256_i32gather_epi32(words, _mm256_srli_epi32(x, 5), 4);
    const __m256i bit = _mm256_sllv_epi32(one, _mm256_and_si256(x, low5));
    const __m256i hit = _mm256_cmpeq_epi32(_mm256_and_si256(w, bit), bit);
    count += static_cast<std::uint32_t>(_mm_popcnt_u32(static_cast<std::uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(hit)))));
  }
  return count + u16_probe_dense_each(a + 2 * i, n - i, region);
}

}  // namespace mutuals::internal
