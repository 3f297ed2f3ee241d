// The body every count_pair build shares (count_pair.h), instantiated once
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

}  // namespace mutuals::internal
