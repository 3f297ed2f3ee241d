// Unaligned little-endian u16 reads shared by the u16 intersection kernels.
#pragma once

#include <cstdint>
#include <cstring>

namespace mutuals::internal::simd {

inline std::uint16_t at(const std::uint8_t* p, std::uint32_t i) {
  std::uint16_t v;
  std::memcpy(&v, p + 2 * i, 2);
  return v;
}

}  // namespace mutuals::internal::simd
