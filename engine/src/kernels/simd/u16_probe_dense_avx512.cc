#include <immintrin.h>

#include "kernels/simd/u16_probe_dense.h"

namespace mutuals::internal {

__attribute__((target("avx512f,avx512bw,avx512vl,bmi2,popcnt"))) std::uint32_t u16_probe_dense_avx512(
    const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region) {
  // The maskz forms throughout: GCC 12 flags the plain forms' undefined
  // passthrough as uninitialised.
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i low5 = _mm512_set1_epi32(31);
  std::uint32_t count = 0;
  for (std::uint32_t i = 0; i < n; i += 16) {
    const std::uint32_t left = n - i;
    const __mmask16 lanes = static_cast<__mmask16>(_bzhi_u32(0xFFFFu, left < 16 ? left : 16));
    const __m512i x = _mm512_maskz_cvtepu16_epi32(lanes, _mm256_maskz_loadu_epi16(lanes, a + 2 * i));
    const __m512i words = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), lanes, _mm512_maskz_srli_epi32(lanes, x, 5), region, 4);
    const __mmask16 hit = _mm512_mask_test_epi32_mask(lanes, words, _mm512_maskz_sllv_epi32(lanes, one, _mm512_and_si512(x, low5)));
    count += static_cast<std::uint32_t>(__builtin_popcount(hit));
  }
  return count;
}

}  // namespace mutuals::internal
