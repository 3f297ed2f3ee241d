#include "kernels/simd/u16_intersect.h"

#include <immintrin.h>

#include <cstring>

namespace mutuals::internal {
namespace {

inline std::uint16_t at(const std::uint8_t* p, std::uint32_t i) {
  std::uint16_t v;
  std::memcpy(&v, p + 2 * i, 2);
  return v;
}

// Branch-light merge from (i, j): the comparison results drive the indices.
inline std::uint32_t merge_tail(const std::uint8_t* a, std::uint32_t i, std::uint32_t na, const std::uint8_t* b,
                                std::uint32_t j, std::uint32_t nb, std::uint16_t* out, std::uint32_t count) {
  while (i < na && j < nb) {
    std::uint16_t x = at(a, i), y = at(b, j);
    if (x == y) {
      if (out) out[count] = x;
      ++count;
    }
    i += x <= y;
    j += y <= x;
  }
  return count;
}

}  // namespace

std::uint32_t u16_intersect_scalar(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* b, std::uint32_t nb,
                                   std::uint16_t* out) {
  return merge_tail(a, 0, na, b, 0, nb, out, 0);
}

__attribute__((target("avx2,popcnt"))) std::uint32_t u16_intersect_avx2(const std::uint8_t* a, std::uint32_t na,
                                                                        const std::uint8_t* b, std::uint32_t nb,
                                                                        std::uint16_t* out) {
  std::uint32_t i = 0, j = 0, count = 0;
  if (na >= 8 && nb >= 8) {
    __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a));
    __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
    for (;;) {
      __m128i m = _mm_cmpeq_epi16(va, vb);
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 2)));
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 4)));
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 6)));
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 8)));
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 10)));
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 12)));
      m = _mm_or_si128(m, _mm_cmpeq_epi16(va, _mm_alignr_epi8(vb, vb, 14)));
      unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(m)) & 0x5555u;
      if (mask != 0) {
        if (out) {
          for (unsigned bits = mask; bits; bits &= bits - 1) out[count++] = at(a, i + __builtin_ctz(bits) / 2);
        } else {
          count += static_cast<std::uint32_t>(__builtin_popcount(mask));
        }
      }
      const std::uint16_t amax = at(a, i + 7), bmax = at(b, j + 7);
      if (amax <= bmax) {
        i += 8;
        if (i + 8 > na) {
          if (bmax <= amax) j += 8;
          break;
        }
        va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 2 * i));
      }
      if (bmax <= amax) {
        j += 8;
        if (j + 8 > nb) break;
        vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 2 * j));
      }
    }
  }
  return merge_tail(a, i, na, b, j, nb, out, count);
}

U16IntersectFn u16_intersect() {
  static const U16IntersectFn chosen = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? &u16_intersect_avx2 : &u16_intersect_scalar;
  }();
  return chosen;
}

}  // namespace mutuals::internal
