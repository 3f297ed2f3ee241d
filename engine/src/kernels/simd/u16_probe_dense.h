// How many values of a sorted u16 array (one array container) have their
// bit set in a dense 65,536-bit region: the per-subject step of a
// viewer-batch page, where the viewer is expanded once into a dense bitset
// (kernels/dense_probe.h), and array ∩ bitset container counts (a stored
// bitset container is such a region: 1,024 little-endian u64 words).
//
// AVX-512: 16 values a step, their bits fetched with one 32-bit gather, so
// the cost is ~n/16 gathers instead of n dependent scalar probes; AVX2, 8
// values a gather (two top-degree members' array ∩ bitset containers on
// gen 1 M, Zen 3: 2,450 -> 1,912 cycles). Scalar fallback elsewhere;
// dispatch at run time.
#pragma once

#include <cstdint>

#include "kernels/simd/u16_load.h"

namespace mutuals::internal {

// `a`: n little-endian u16 values. `region`: 8,192 bytes, bit v of the
// region is bit v % 8 of byte v / 8 (little-endian words of any width read
// the same), any alignment.
using U16ProbeDenseFn = std::uint32_t (*)(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region);

U16ProbeDenseFn u16_probe_dense();

std::uint32_t u16_probe_dense_scalar(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region);
// The scalar probe inline, for the SIMD kernels' last values (a call a
// container would cost as much as the few values it counts).
inline std::uint32_t u16_probe_dense_each(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region) {
  std::uint32_t count = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint16_t x = simd::at(a, i);
    count += (region[x >> 3] >> (x & 7)) & 1;
  }
  return count;
}
// Only call when cpu_has_avx2() (simd_level.h).
std::uint32_t u16_probe_dense_avx2(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region);
// Only call when cpu_has_avx512().
std::uint32_t u16_probe_dense_avx512(const std::uint8_t* a, std::uint32_t n, const std::uint8_t* region);

}  // namespace mutuals::internal
