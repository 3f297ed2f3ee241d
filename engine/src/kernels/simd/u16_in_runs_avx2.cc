#include <immintrin.h>

#include <cstring>

#include "kernels/simd/u16_in_runs.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {
namespace {

// x lies in run (s, len) exactly when x - s, wrapped to 16 bits, is at most
// len (a run never passes 65535, so s + len needs no wider lane): one
// subtract, one unsigned min and one compare a run, in 16-bit lanes.
__attribute__((target("avx2"))) inline __m256i inside(__m256i x, __m256i s, __m256i len) {
  const __m256i d = _mm256_sub_epi16(x, s);
  return _mm256_cmpeq_epi16(_mm256_min_epu16(d, len), d);
}

// Windows of 16 runs (starts and lengths split into two registers of
// 16-bit lanes), each value compared with a window's runs at once, windows
// skipped while their last run ends below the value. AVX2 has no masked
// load: a last window shorter than 16 runs is copied out, padded with its
// last run, which can only repeat a hit.
template <bool kOut>
__attribute__((target("avx2,popcnt"))) std::uint32_t run_windows(const std::uint8_t* a, std::uint32_t na,
                                                                 const std::uint8_t* runs, std::uint32_t nr,
                                                                 std::uint16_t* out) {
  using simd::at;
  // (start, length - 1) pairs of 8 runs in a 128-bit lane -> starts | lengths.
  const __m256i split = _mm256_setr_epi8(0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15, 0, 1, 4, 5, 8, 9, 12,
                                         13, 2, 3, 6, 7, 10, 11, 14, 15);
  alignas(32) std::uint32_t tail[16];
  std::uint32_t i = 0, k = 0, count = 0;
  while (i < na) {
    const std::uint32_t x = at(a, i);
    while (k + 16 <= nr && simd::run_end(runs, k + 15) < x) k += 16;
    if (k >= nr) break;
    const std::uint32_t left = nr - k, n = left < 16 ? left : 16;
    const std::uint8_t* w = runs + 4 * k;
    if (n < 16) {
      std::memcpy(tail, w, 4 * n);
      for (std::uint32_t r = n; r < 16; ++r) tail[r] = tail[n - 1];
      w = reinterpret_cast<const std::uint8_t*>(tail);
    }
    // Runs 0-3 | 4-7 and 8-11 | 12-15 (128-bit lanes), split in-lane into
    // starts and lengths, then unpacked so that a run's start and length
    // share a lane (the runs' order across lanes does not matter).
    const __m256i lo = _mm256_shuffle_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(w)), split);
    const __m256i hi = _mm256_shuffle_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 32)), split);
    const __m256i starts = _mm256_unpacklo_epi64(lo, hi), lengths = _mm256_unpackhi_epi64(lo, hi);
    const std::uint32_t wmax = simd::run_end(runs, k + n - 1);
    if (x > wmax) break;  // only when this is the last window
    do {
      const __m256i bx = _mm256_set1_epi16(static_cast<short>(at(a, i)));
      const __m256i hit = inside(bx, starts, lengths);
      if constexpr (kOut) out[count] = at(a, i);
      count += _mm256_testz_si256(hit, hit) == 0;
      ++i;
    } while (i < na && at(a, i) <= wmax);
    k += 16;
  }
  return count;
}

// Runs no more than the values: blocks of 16 values (one register) against
// 4 runs, each run's start and length broadcast and tested against all 16
// (a value lies in at most one run, so the masks OR); the block with the
// smaller last value advances, without a branch. AVX-512's second block
// shape (16 values against 16 runs all against all, by in-lane rotations)
// needs twice the compares in 256-bit registers; more runs than values go
// by the windows here.
constexpr std::uint32_t kRunsABlock = 4;

template <bool kOut>
__attribute__((target("avx2,bmi2,popcnt"))) std::uint32_t run_blocks_broadcast(const std::uint8_t* a,
                                                                                std::uint32_t na,
                                                                                const std::uint8_t* runs,
                                                                                std::uint32_t nr, std::uint16_t* out) {
  using simd::at;
  std::uint32_t i = 0, k = 0, count = 0;
  while (i + 16 <= na && k + kRunsABlock <= nr) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 2 * i));
    __m256i hit = _mm256_setzero_si256();
    for (std::uint32_t r = 0; r < kRunsABlock; ++r) {
      const __m256i s = _mm256_set1_epi16(static_cast<short>(at(runs, 2 * (k + r))));
      const __m256i len = _mm256_set1_epi16(static_cast<short>(at(runs, 2 * (k + r) + 1)));
      hit = _mm256_or_si256(hit, inside(x, s, len));
    }
    const std::uint32_t bytes = static_cast<std::uint32_t>(_mm256_movemask_epi8(hit));  // two bits a value
    if constexpr (kOut) {
      count += simd::emit_positions(a, i, _pext_u32(bytes, 0x55555555u), out + count);
    } else {
      count += static_cast<std::uint32_t>(_mm_popcnt_u32(bytes & 0x55555555u));
    }
    const std::uint32_t amax = at(a, i + 15), rmax = simd::run_end(runs, k + kRunsABlock - 1);
    i += 16 * (amax <= rmax);
    k += kRunsABlock * (rmax <= amax);
  }
  if (i < na && k < nr)
    count += run_windows<kOut>(a + 2 * i, na - i, runs + 4 * k, nr - k, kOut ? out + count : nullptr);
  return count;
}

template <bool kOut>
std::uint32_t in_runs(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                      std::uint16_t* out) {
  if (na >= 16 && nr >= kRunsABlock && nr <= na) return run_blocks_broadcast<kOut>(a, na, runs, nr, out);
  return run_windows<kOut>(a, na, runs, nr, out);
}

}  // namespace

std::uint32_t u16_in_runs_avx2(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                               std::uint16_t* out) {
  return out ? in_runs<true>(a, na, runs, nr, out) : in_runs<false>(a, na, runs, nr, nullptr);
}

}  // namespace mutuals::internal
