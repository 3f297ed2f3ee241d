#include "kernels/count_pair.h"

#include "kernels/intersect.h"
#include "kernels/simd/simd_level.h"

namespace mutuals::internal {

std::uint64_t count_pair_generic(const BitmapView& a, const BitmapView& b) {
  CountSink sink;
  intersect(a, b, NoMask{}, sink);
  return sink.count;
}

CountPairFn count_pair() {
  static const CountPairFn chosen = simd_level() == SimdLevel::kAvx512 ? &count_pair_avx512 : &count_pair_generic;
  return chosen;
}

}  // namespace mutuals::internal
