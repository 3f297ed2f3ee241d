// Intersection of two sorted, duplicate-free arrays of 16-bit values (the
// Roaring array container), the innermost loop of every shared-connection
// query.
//
// Trick: compare blocks of 8 values of A against all 8 rotations of a block
// of 8 values of B in SIMD registers (Lemire, Katz et al., "Roaring Bitmaps:
// Implementation of an Optimized Software Library", the vectorised
// all-pairs block method), then advance whichever block ends first; a
// scalar merge finishes the tails. Replaces a branchy scalar merge whose
// mispredictions cost ~4-5 cycles an element.
//
// Dispatch at run time: an SSSE3/AVX2 build of the block loop when the CPU
// has it, else the scalar merge, so the library runs on any x86-64.
#pragma once

#include <cstdint>

namespace mutuals::internal {

// Writes the common values to `out` (room for min(na, nb) values) when out
// is not null, and returns how many there are. `a` and `b` point to
// little-endian u16 values and need no alignment.
using U16IntersectFn = std::uint32_t (*)(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b,
                                         std::uint32_t nb, std::uint16_t* out);

// The best implementation for this CPU, chosen once.
U16IntersectFn u16_intersect();

std::uint32_t u16_intersect_scalar(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out);
// Only call when the CPU supports AVX2.
std::uint32_t u16_intersect_avx2(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                 std::uint16_t* out);

}  // namespace mutuals::internal
