// |A ∩ B| for two adjacency bitmaps with no mask: the count behind W1 pairs
// and every shared-connection count when nobody is hidden.
//
// One dispatch a pair instead of one a container: a pair meets ~9 matching
// containers of a few values each on a 1M-member network, so the per-call
// cost of the u16 kernel's dispatch pointer was a real share of the count.
// The AVX-512 build walks the keys with the window loop inlined; other
// CPUs take intersect() with the dispatched u16 kernel.
#pragma once

#include <cstdint>

#include "graph/roaring_view.h"

namespace mutuals::internal {

using CountPairFn = std::uint64_t (*)(const BitmapView& a, const BitmapView& b);

CountPairFn count_pair();

std::uint64_t count_pair_generic(const BitmapView& a, const BitmapView& b);
// Only call when cpu_has_avx512().
std::uint64_t count_pair_avx512(const BitmapView& a, const BitmapView& b);

}  // namespace mutuals::internal
