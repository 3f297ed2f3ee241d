// The i-th little-endian u16 of a container's payload, for the u16 kernels
// (load_u16 from the store's container view, indexed), a run's last value,
// and the block kernels' output.
#pragma once

#include <cstdint>

#include "graph/roaring_view.h"

namespace mutuals::internal::simd {

inline std::uint16_t at(const std::uint8_t* p, std::uint32_t i) { return load_u16(p + 2 * i); }

// The last value of run k of a run container's (start, length - 1) pairs.
inline std::uint32_t run_end(const std::uint8_t* runs, std::uint32_t k) {
  return std::uint32_t(at(runs, 2 * k)) + at(runs, 2 * k + 1);
}

// The block kernels' output: a[i + p] for every set bit p of `hit`,
// ascending, written from `out`; returns how many.
inline std::uint32_t emit_positions(const std::uint8_t* a, std::uint32_t i, std::uint32_t hit, std::uint16_t* out) {
  std::uint32_t n = 0;
  for (; hit != 0; hit &= hit - 1) out[n++] = at(a, i + static_cast<std::uint32_t>(__builtin_ctz(hit)));
  return n;
}

}  // namespace mutuals::internal::simd
