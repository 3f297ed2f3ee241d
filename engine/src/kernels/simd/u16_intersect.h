// Intersection of two sorted, duplicate-free arrays of 16-bit values (the
// Roaring array container), the innermost loop of every shared-connection
// query.
//
// Method (SIMD): walk the smaller array; compare each value, broadcast,
// against a window of the larger array (64 values with AVX-512, 32 with
// AVX2) that is moved forward by whole windows while its last value is
// below. One compare per value of the smaller side and one step per window
// of the larger: O(small + large / width), so skewed pairs (a member of
// degree 50 against a hub of 2,000, a seventh of W1's pairs) cost about as
// much as the small side, and balanced pairs take no data-dependent branch
// per element. With AVX-512, a few values against 256 or more (16x the
// smaller side) go by the larger side's fences instead: every 64th value
// gathered into two registers, so each value finds its block with two
// compares and a popcount, without the window walk's mispredicted skips.
// And sides of 16 values or more, at most 8x apart, go by a merge of
// blocks of 16 compared all against all (eight compares a block pair, a
// branch-free advance), a quarter of the windows' compares a value.
// The 8x8 all-pairs block method this replaced took a
// mispredicted branch every 8 elements on either side and walked all of the
// larger array.
//
// Dispatch at run time (simd_level.h): AVX-512, else AVX2, else a scalar
// merge that gallops when sizes differ by more than 32x, so the library runs
// on any x86-64.
#pragma once

#include <cstdint>

namespace mutuals::internal {

// Writes the common values, ascending, to `out` (room for min(na, nb)
// values) when out is not null, and returns how many there are. `a` and
// `b` point to little-endian u16 values and need no alignment.
using U16IntersectFn = std::uint32_t (*)(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b,
                                         std::uint32_t nb, std::uint16_t* out);

// The implementation for simd_level() (simd_level.h), chosen once.
U16IntersectFn u16_intersect();

std::uint32_t u16_intersect_scalar(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out);
// Only call when cpu_has_avx2().
std::uint32_t u16_intersect_avx2(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                 std::uint16_t* out);
// Only call when cpu_has_avx512().
std::uint32_t u16_intersect_avx512(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out);

}  // namespace mutuals::internal
