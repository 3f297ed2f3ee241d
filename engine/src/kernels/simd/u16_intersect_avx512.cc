#include "kernels/simd/u16_intersect.h"
#include "kernels/simd/u16_windows_avx512.h"

namespace mutuals::internal {

std::uint32_t u16_intersect_avx512(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out) {
  return out ? simd::u16_intersect_windows<true>(a, na, b, nb, out)
             : simd::u16_intersect_windows<false>(a, na, b, nb, nullptr);
}

}  // namespace mutuals::internal
