#include "kernels/simd/u16_intersect.h"

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {

U16IntersectFn u16_intersect() {
  static const U16IntersectFn chosen = [] {
    switch (simd_level()) {
      case SimdLevel::kAvx512: return &u16_intersect_avx512;
      case SimdLevel::kAvx2: return &u16_intersect_avx2;
      case SimdLevel::kScalar: break;
    }
    return &u16_intersect_scalar;
  }();
  return chosen;
}

}  // namespace mutuals::internal
