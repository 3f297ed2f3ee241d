// |A ∩ B ∩ Visible| for two adjacency bitmaps (Visible: every member when
// `visible` is null): the count behind W1 pairs, viewer pages without an
// expanded viewer, and every shared-connection count.
//
// One dispatch a pair instead of one a container, and the whole walk
// compiled for the CPU's level: a pair meets ~9 matching containers of a
// few values each on a 1M-member network, so the u16 kernel's per-call
// dispatch was a real share of the count, and the bitset and run paths'
// popcounts were calls into libgcc (the build targets every x86-64, where
// std::popcount is not an instruction). The AVX-512 and AVX2 builds each
// inline their own u16 kernels into the key walk (count_pair_walk.h); the
// generic build runs anywhere.
#pragma once

#include <cstdint>

#include "consent/consent_snapshot.h"
#include "graph/roaring_view.h"

namespace mutuals::internal {

using CountPairFn = std::uint64_t (*)(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible);

CountPairFn count_pair();

std::uint64_t count_pair_generic(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible);
// Only call when cpu_has_avx2().
std::uint64_t count_pair_avx2(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible);
// Only call when cpu_has_avx512().
std::uint64_t count_pair_avx512(const BitmapView& a, const BitmapView& b, const ConsentSnapshot* visible);

}  // namespace mutuals::internal
