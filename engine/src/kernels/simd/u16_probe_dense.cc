#include "kernels/simd/u16_probe_dense.h"

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {

std::uint32_t u16_probe_dense_scalar(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region) {
  return u16_probe_dense_each(a, n, region);
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
