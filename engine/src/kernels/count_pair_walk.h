// The bodies every count_pair build shares (count_pair.h), instantiated once
// per ISA inside functions carrying that ISA's target attribute and
// `flatten`, so the generic container paths are compiled for it.
#pragma once

#include "kernels/intersect.h"

namespace mutuals::internal {

template <typename Mask>
inline std::uint64_t count_masked(const BitmapView& a, const BitmapView& b, const Mask& mask) {
  CountSink sink;
  intersect(a, b, mask, sink);
  return sink.count;
}

// count_pair's contract (count_pair.h) for builds without their own walk.
inline std::uint64_t count_pair_body(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible) {
  return visible != nullptr ? count_masked(a, b, VisibleMask{visible}) : count_masked(a, b, NoMask{});
}

// intersect()'s key walk, unmasked, with array ∩ array (nine in ten
// matching containers) counted by `array_count(a, na, b, nb)`, the ISA's
// own u16 kernel inlined; the other kinds go through detail::containers.
template <typename ArrayCount>
inline std::uint64_t count_unmasked_walk(const BitmapView& a, const BitmapView& b, ArrayCount array_count) {
  ContainerCursor ca(a), cb(b);
  std::uint64_t count = 0;
  while (!ca.done() && !cb.done()) {
    const std::uint16_t ka = ca.key(), kb = cb.key();
    if (ka == kb) {
      const ContainerRef x = ca.get(), y = cb.get();
      if (x.kind == ContainerKind::kArray && y.kind == ContainerKind::kArray) {
        count += array_count(x.data, x.card, y.data, y.card);
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

}  // namespace mutuals::internal
