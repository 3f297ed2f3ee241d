#include "kernels/count_pair.h"
#include "kernels/count_pair_walk.h"
#include "kernels/simd/u16_windows_avx512.h"

namespace mutuals::internal {
namespace {

// intersect()'s key walk with array ∩ array (nine in ten matching
// containers) inlined; the other kinds go through detail::containers.
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"), flatten)) std::uint64_t count_unmasked(const BitmapView& a,
                                                                                            const BitmapView& b) {
  ContainerCursor ca(a), cb(b);
  std::uint64_t count = 0;
  while (!ca.done() && !cb.done()) {
    const std::uint16_t ka = ca.key(), kb = cb.key();
    if (ka == kb) {
      const ContainerRef x = ca.get(), y = cb.get();
      if (x.kind == ContainerKind::kArray && y.kind == ContainerKind::kArray) {
        count += simd::u16_intersect_windows<false>(x.data, x.card, y.data, y.card, nullptr);
      } else {
        CountSink sink;
        detail::containers(std::uint32_t(ka) << 16, x, y, NoMask{}, sink);
        count += sink.count;
      }
    }
    if (ka <= kb) ca.next();
    if (kb <= ka) cb.next();
  }
  return count;
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
