// The i-th little-endian u16 of a container's payload, for the u16 kernels
// (load_u16 from the store's container view, indexed).
#pragma once

#include <cstdint>

#include "graph/roaring_view.h"

namespace mutuals::internal::simd {

inline std::uint16_t at(const std::uint8_t* p, std::uint32_t i) { return load_u16(p + 2 * i); }

}  // namespace mutuals::internal::simd
