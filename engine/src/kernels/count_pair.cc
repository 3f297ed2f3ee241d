#include "kernels/count_pair.h"

#include "kernels/count_pair_walk.h"
#include "kernels/simd/simd_level.h"

namespace mutuals::internal {

std::uint64_t count_pair_generic(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible) {
  return count_pair_body(a, b, visible);
}

CountPairFn count_pair() {
  static const CountPairFn chosen = [] {
    switch (simd_level()) {
      case SimdLevel::kAvx512: return &count_pair_avx512;
      case SimdLevel::kAvx2: return &count_pair_avx2;
      case SimdLevel::kScalar: break;
    }
    return &count_pair_generic;
  }();
  return chosen;
}

}  // namespace mutuals::internal
