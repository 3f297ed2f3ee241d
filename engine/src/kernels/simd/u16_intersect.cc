#include "kernels/simd/u16_intersect.h"

namespace mutuals::internal {

bool cpu_has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}

bool cpu_has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("bmi2");
}

namespace {

struct Choice {
  U16IntersectFn fn;
  const char* name;
};

const Choice& choice() {
  static const Choice chosen = [] {
    if (cpu_has_avx512()) return Choice{&u16_intersect_avx512, "avx512"};
    if (cpu_has_avx2()) return Choice{&u16_intersect_avx2, "avx2"};
    return Choice{&u16_intersect_scalar, "scalar"};
  }();
  return chosen;
}

}  // namespace

U16IntersectFn u16_intersect() { return choice().fn; }
const char* u16_intersect_name() { return choice().name; }

}  // namespace mutuals::internal
