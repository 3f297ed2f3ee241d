#include "kernels/simd/u16_intersect.h"
#include "kernels/simd/u16_windows_avx2.h"

namespace mutuals::internal {

std::uint32_t u16_intersect_avx2(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                 std::uint16_t* out) {
  return out ? simd::avx2::u16_intersect<true>(a, na, b, nb, out)
             : simd::avx2::u16_intersect<false>(a, na, b, nb, nullptr);
}

}  // namespace mutuals::internal
