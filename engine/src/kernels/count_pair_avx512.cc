#include "kernels/count_pair.h"
#include "kernels/count_pair_walk.h"
#include "kernels/simd/u16_windows_avx512.h"

namespace mutuals::internal {
namespace {

struct ArrayCountAvx512 {
  __attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) std::uint32_t operator()(
      const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb) const {
    return simd::u16_intersect_windows<false>(a, na, b, nb, nullptr);
  }
};

__attribute__((target("avx512f,avx512bw,bmi2,popcnt"), flatten)) std::uint64_t count_unmasked(const BitmapView& a,
                                                                                            const BitmapView& b) {
  return count_unmasked_walk(a, b, ArrayCountAvx512{});
}

__attribute__((target("avx512f,avx512bw,bmi2,popcnt"), flatten)) std::uint64_t count_visible_only(
    const BitmapView& a, const BitmapView& b, const ConsentSnapshot& visible) {
  return count_masked(a, b, VisibleMask{&visible});
}

}  // namespace

std::uint64_t count_pair_avx512(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible) {
  return visible != nullptr ? count_visible_only(a, b, *visible) : count_unmasked(a, b);
}

}  // namespace mutuals::internal
