#include "kernels/simd/simd_level.h"

#include <cstdlib>
#include <string_view>

namespace mutuals::internal {

bool cpu_has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}

bool cpu_has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("bmi2");
}

SimdLevel simd_level() {
  static const SimdLevel chosen = [] {
    SimdLevel best = cpu_has_avx512() ? SimdLevel::kAvx512 : cpu_has_avx2() ? SimdLevel::kAvx2 : SimdLevel::kScalar;
    const char* asked = std::getenv("MUTUALS_SIMD");
    if (asked == nullptr) return best;
    const std::string_view a(asked);
    SimdLevel want = a == "scalar" ? SimdLevel::kScalar : a == "avx2" ? SimdLevel::kAvx2 : best;
    return want < best ? want : best;
  }();
  return chosen;
}

const char* to_string(SimdLevel level) {
  switch (level) {
    case SimdLevel::kScalar: return "scalar";
    case SimdLevel::kAvx2: return "avx2";
    case SimdLevel::kAvx512: return "avx512";
  }
  return "?";
}

}  // namespace mutuals::internal
