// The instruction set the kernels dispatch to, chosen once per process: the
// best this CPU has, or a lower one named by MUTUALS_SIMD (scalar, avx2,
// avx512) to compare kernels side by side on one machine or to run the
// fallbacks in tests. A level the CPU lacks is never chosen.
#pragma once

namespace mutuals::internal {

enum class SimdLevel { kScalar, kAvx2, kAvx512 };

bool cpu_has_avx2();
// AVX-512 F, BW and VL, with BMI2 (every kernel's AVX-512 build needs only these).
bool cpu_has_avx512();

SimdLevel simd_level();
const char* to_string(SimdLevel level);

}  // namespace mutuals::internal
