#include "kernels/simd/u16_in_runs.h"

#include "kernels/simd/simd_level.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {

std::uint32_t u16_in_runs_scalar(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                                 std::uint16_t* out) {
  using simd::at;
  std::uint32_t k = 0, count = 0;
  for (std::uint32_t i = 0; i < na && k < nr; ++i) {
    const std::uint16_t x = at(a, i);
    while (k < nr && simd::run_end(runs, k) < x) ++k;
    if (k < nr && at(runs, 2 * k) <= x) {
      if (out) out[count] = x;
      ++count;
    }
  }
  return count;
}

U16InRunsFn u16_in_runs() {
  static const U16InRunsFn chosen = [] {
    switch (simd_level()) {
      case SimdLevel::kAvx512: return &u16_in_runs_avx512;
      case SimdLevel::kAvx2: return &u16_in_runs_avx2;
      case SimdLevel::kScalar: break;
    }
    return &u16_in_runs_scalar;
  }();
  return chosen;
}

}  // namespace mutuals::internal
