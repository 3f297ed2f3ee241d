#include <immintrin.h>

#include "kernels/simd/bitset_count.h"

namespace mutuals::internal {

__attribute__((target("avx512f,avx512bw,popcnt"))) std::uint64_t words_and_count_avx512(const std::uint8_t* a,
                                                                                     const std::uint8_t* b,
                                                                                     std::uint32_t n) {
  // Bits a nibble, looked up per byte (VPSHUFB), summed per 8 bytes (VPSADBW).
  // (A loaded table and a stored sum: GCC 12 flags the broadcast and
  // reduce intrinsics' undefined passthrough as uninitialised.)
  alignas(64) static constexpr std::uint8_t kNibbleBits[64] = {
      0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
      0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};
  const __m512i table = _mm512_load_si512(kNibbleBits);
  const __m512i low4 = _mm512_set1_epi8(0x0F);
  __m512i sums = _mm512_setzero_si512();
  std::uint32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512i v = _mm512_and_si512(_mm512_loadu_si512(a + 8 * std::size_t(i)), _mm512_loadu_si512(b + 8 * std::size_t(i)));
    const __m512i lo = _mm512_shuffle_epi8(table, _mm512_and_si512(v, low4));
    const __m512i hi = _mm512_shuffle_epi8(table, _mm512_and_si512(_mm512_srli_epi16(v, 4), low4));
    sums = _mm512_add_epi64(sums, _mm512_sad_epu8(_mm512_add_epi8(lo, hi), _mm512_setzero_si512()));
  }
  alignas(64) std::uint64_t lanes[8];
  _mm512_store_si512(lanes, sums);
  std::uint64_t count = 0;
  for (std::uint64_t lane : lanes) count += lane;
  for (; i < n; ++i) {
    std::uint64_t x, y;
    __builtin_memcpy(&x, a + 8 * std::size_t(i), 8);
    __builtin_memcpy(&y, b + 8 * std::size_t(i), 8);
    count += static_cast<std::uint64_t>(__builtin_popcountll(x & y));
  }
  return count;
}

}  // namespace mutuals::internal
