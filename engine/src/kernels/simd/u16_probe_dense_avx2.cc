#include <immintrin.h>

#include <cstring>

#include "kernels/simd/u16_probe_dense.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {

// Eight values a step, their 32-bit words fetched with one gather; the
// last step's values are copied out (AVX2 has no masked 16-bit load) and
// its unused lanes masked off.
__attribute__((target("avx2,popcnt"))) std::uint32_t u16_probe_dense_avx2(const std::uint8_t* a, std::uint32_t n,
                                                                         const std::uint8_t* region) {
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i low5 = _mm256_set1_epi32(31);
  const auto* words = reinterpret_cast<const int*>(region);
  std::uint32_t count = 0, i = 0;
  auto step = [&](const __m128i values, std::uint32_t lanes) __attribute__((target("avx2,popcnt"))) {
    const __m256i x = _mm256_cvtepu16_epi32(values);
    const __m256i w = _mm256_i32gather_epi32(words, _mm256_srli_epi32(x, 5), 4);
    const __m256i bit = _mm256_sllv_epi32(one, _mm256_and_si256(x, low5));
    const __m256i hit = _mm256_cmpeq_epi32(_mm256_and_si256(w, bit), bit);
    const auto mask = static_cast<std::uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(hit)));
    count += static_cast<std::uint32_t>(_mm_popcnt_u32(mask & ((1u << lanes) - 1)));
  };
  for (; i + 8 <= n; i += 8) step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 2 * i)), 8);
  if (i < n) {
    alignas(16) std::uint8_t tail[16] = {};
    std::memcpy(tail, a + 2 * i, 2 * (n - i));
    step(_mm_load_si128(reinterpret_cast<const __m128i*>(tail)), n - i);
  }
  return count;
}

}  // namespace mutuals::internal
