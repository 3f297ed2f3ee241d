#include "kernels/simd/u16_probe_dense.h"

#include "kernels/simd/simd_level.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {

std::uint32_t u16_probe_dense_scalar(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region) {
  std::uint32_t count = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint16_t x = simd::at(a, i);
    count += (region[x >> 3] >> (x & 7)) & 1;
  }
  return count;
}

U16ProbeDenseFn u16_probe_dense() {
  static const U16ProbeDenseFn chosen = [] {
    switch (simd_level()) {
      case SimdLevel::kAvx512: return &u16_probe_dense_avx512;
      case SimdLevel::kAvx2: return &u16_probe_dense_avx2;
      case SimdLevel::kScalar: break;
    }
    return &u16_probe_dense_scalar;
  }();
  return chosen;
}

}  // namespace mutuals::internal
