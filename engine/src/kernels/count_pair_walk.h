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

}  // namespace mutuals::internal
