#include <immintrin.h>

#include "kernels/simd/u16_in_runs.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {
namespace {

inline std::uint32_t run_end(const std::uint8_t* runs, std::uint32_t k) {
  return std::uint32_t(simd::at(runs, 2 * k)) + simd::at(runs, 2 * k + 1);
}

template <bool kOut>
__attribute__((target("avx512f,bmi2"))) std::uint32_t run_windows(const std::uint8_t* a, std::uint32_t na,
                                                                  const std::uint8_t* runs, std::uint32_t nr,
                                                                  std::uint16_t* out) {
  using simd::at;
  const __m512i low16 = _mm512_set1_epi32(0xFFFF);
  std::uint32_t i = 0, k = 0, count = 0;
  while (i < na) {
    const std::uint32_t x = at(a, i);
    while (k + 16 <= nr && run_end(runs, k + 15) < x) k += 16;
    if (k >= nr) break;
    const std::uint32_t left = nr - k, n = left < 16 ? left : 16;
    const __mmask16 lanes = static_cast<__mmask16>(_bzhi_u32(0xFFFFu, n));
    // Lane r: start | (length - 1) << 16, run k + r.
    const __m512i v = _mm512_maskz_loadu_epi32(lanes, runs + 4 * k);
    const __m512i starts = _mm512_and_si512(v, low16);
    // maskz form: GCC 12 flags the plain shift's undefined passthrough as uninitialised.
    const __m512i ends = _mm512_add_epi32(starts, _mm512_maskz_srli_epi32(0xFFFF, v, 16));
    const std::uint32_t wmax = run_end(runs, k + n - 1);
    if (x > wmax) break;  // only when this is the last window
    do {
      const __m512i bx = _mm512_set1_epi32(static_cast<int>(at(a, i)));
      const __mmask16 inside = _mm512_mask_cmple_epu32_mask(_mm512_mask_cmple_epu32_mask(lanes, starts, bx), bx, ends);
      if constexpr (kOut) out[count] = at(a, i);
      count += inside != 0;
      ++i;
    } while (i < na && at(a, i) <= wmax);
    k += 16;
  }
  return count;
}

}  // namespace

std::uint32_t u16_in_runs_avx512(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                                 std::uint16_t* out) {
  return out ? run_windows<true>(a, na, runs, nr, out) : run_windows<false>(a, na, runs, nr, nullptr);
}

}  // namespace mutuals::internal
