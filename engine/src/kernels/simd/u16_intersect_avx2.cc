#include <immintrin.h>

#include "kernels/simd/u16_intersect.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {

// 16-value windows of the large side. AVX2 has no masked 16-bit load, so
// the last window is the large side's last 16 values (those before the
// window's start are below the current value and cannot match), and a large
// side under 16 values goes to the scalar merge. Simpler than the AVX-512
// loop (one window per value of the small side); kept for CPUs without
// AVX-512, checked against it in tests.
__attribute__((target("avx2,popcnt"))) std::uint32_t u16_intersect_avx2(const std::uint8_t* a, std::uint32_t na,
                                                                        const std::uint8_t* b, std::uint32_t nb,
                                                                        std::uint16_t* out) {
  using simd::at;
  if (na > nb) return u16_intersect_avx2(b, nb, a, na, out);
  if (na == 0) return 0;
  if (nb < 16) return u16_intersect_scalar(a, na, b, nb, out);
  const std::uint16_t bmax = at(b, nb - 1);
  const std::uint32_t last = nb - 16;  // start of the last full window
  std::uint32_t j = 0, count = 0;
  for (std::uint32_t i = 0; i < na; ++i) {
    const std::uint16_t x = at(a, i);
    if (x > bmax) break;
    // x <= bmax, so the skips stop inside b.
    while (j + 255 < nb && at(b, j + 255) < x) j += 256;
    while (j + 15 < nb && at(b, j + 15) < x) j += 16;
    const std::uint32_t w = j < last ? j : last;
    const __m256i window = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + 2 * w));
    const __m256i eq = _mm256_cmpeq_epi16(window, _mm256_set1_epi16(static_cast<short>(x)));
    const std::uint32_t hit = _mm256_testz_si256(eq, eq) == 0;
    if (out) out[count] = x;
    count += hit;
  }
  return count;
}

}  // namespace mutuals::internal
