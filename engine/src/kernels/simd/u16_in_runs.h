// Which values of a sorted u16 array fall inside a run container's runs
// (array ∩ run, the second most common container pairing: locality orders
// give hubs runs of consecutive neighbours).
//
// AVX-512, three shapes by the ratio of runs to values: up to as many runs
// as values, blocks of 32 values against 4 runs broadcast; up to 8x, blocks
// of 16 values against 16 runs all against all (in-lane rotations, a value
// is inside when an odd number of "start <= x", "last < x" hold); beyond,
// or when a side is too short for a block, windows of 16 runs (starts and
// ends in 32-bit lanes), each value compared with a window's runs at once,
// windows skipped while their last run ends below the value. Blocks
// advance without a branch. AVX2: the broadcast blocks with 16 values,
// and windows of 16 runs in 16-bit lanes. Scalar fallback elsewhere;
// dispatch at run time.
#pragma once

#include <cstdint>

namespace mutuals::internal {

// `a`: na sorted u16 values. `runs`: nr runs, each (u16 start, u16 length
// - 1), little-endian, covering [start, start + length - 1]. Writes the
// values inside some run to `out` (room for na) when out is not null;
// returns how many there are.
using U16InRunsFn = std::uint32_t (*)(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs,
                                      std::uint32_t nr, std::uint16_t* out);

U16InRunsFn u16_in_runs();

std::uint32_t u16_in_runs_scalar(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                                 std::uint16_t* out);
// Only call when cpu_has_avx2() (simd_level.h).
std::uint32_t u16_in_runs_avx2(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                               std::uint16_t* out);
// Only call when cpu_has_avx512().
std::uint32_t u16_in_runs_avx512(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                                 std::uint16_t* out);

}  // namespace mutuals::internal
