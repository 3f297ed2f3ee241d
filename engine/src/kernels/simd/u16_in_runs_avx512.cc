#include <immintrin.h>

#include "kernels/simd/u16_in_runs.h"
#include "kernels/simd/u16_load.h"

namespace mutuals::internal {
namespace {

template <bool kOut>
__attribute__((target("avx512f,bmi2"))) std::uint32_t run_windows(const std::uint8_t* a, std::uint32_t na,
                                                                  const std::uint8_t* runs, std::uint32_t nr,
                                                                  std::uint16_t* out) {
  using simd::at;
  const __m512i low16 = _mm512_set1_epi32(0xFFFF);
  std::uint32_t i = 0, k = 0, count = 0;
  while (i < na) {
    const std::uint32_t x = at(a, i);
    while (k + 16 <= nr && simd::run_end(runs, k + 15) < x) k += 16;
    if (k >= nr) break;
    const std::uint32_t left = nr - k, n = left < 16 ? left : 16;
    const __mmask16 lanes = static_cast<__mmask16>(_bzhi_u32(0xFFFFu, n));
    // Lane r: start | (length - 1) << 16, run k + r.
    const __m512i v = _mm512_maskz_loadu_epi32(lanes, runs + 4 * k);
    const __m512i starts = _mm512_and_si512(v, low16);
    // maskz form: GCC 12 flags the plain shift's undefined passthrough as uninitialised.
    const __m512i ends = _mm512_add_epi32(starts, _mm512_maskz_srli_epi32(0xFFFF, v, 16));
    const std::uint32_t wmax = simd::run_end(runs, k + n - 1);
    if (x > wmax) break;  // only when this is the last window
    do {
      const __m512i bx = _mm512_set1_epi32(static_cast<int>(at(a, i)));
      const __mmask16 inside = _mm512_mask_cmple_epu32_mask(_mm512_mask_cmple_epu32_mask(lanes, starts, bx), bx, ends);
      if constexpr (kOut) out[count] = at(a, i);
      count += inside != 0;
      ++i;
    } while (i < na && at(a, i) <= wmax);
    k += 16;
  }
  return count;
}

// Blocks of 16 values against blocks of 16 runs, all against all, then the
// block with the smaller last value advances (both when equal), without a
// branch: the layout of u16_windows_avx512.h's blocks (a = [a0 a1 a0 a1],
// runs = [r0 r1 r1 r0] in 128-bit lanes of 8, eight in-lane rotations).
// x lies in one of a block's runs exactly when an odd number of the tests
// "start <= x" and "last < x" hold over the block's runs (2k + 1 for run
// k, 2k + 2 between runs k and k + 1), so each position's parity is the
// XOR of its 16 lanes' masks: no per-value window walk (array ∩ run of two
// top-degree members on gen 1 M: 2.3 -> ~1 cycle a value).
template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) std::uint32_t run_blocks_rotated(
    const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr, std::uint16_t* out) {
  using simd::at;
  // Lane (L, p) of a block of 16 runs (start, length - 1 interleaved):
  // run p for L = 0 and 3, run 8 + p for L = 1 and 2.
  alignas(64) static constexpr std::uint16_t kStarts[32] = {0,  2,  4,  6,  8,  10, 12, 14, 16, 18, 20,
                                                            22, 24, 26, 28, 30, 16, 18, 20, 22, 24, 26,
                                                            28, 30, 0,  2,  4,  6,  8,  10, 12, 14};
  const __m512i starts_at = _mm512_load_si512(kStarts);
  const __m512i lengths_at = _mm512_add_epi16(starts_at, _mm512_set1_epi16(1));
  std::uint32_t i = 0, k = 0, count = 0;
  while (i + 16 <= na && k + 16 <= nr) {
    // (The masked forms: GCC 12 warns of the plain ones' undefined source.)
    const __m512i x =
        _mm512_maskz_broadcast_i64x4(0xFF, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 2 * i)));
    const __m512i raw = _mm512_loadu_si512(runs + 4 * k);
    const __m512i s = _mm512_permutexvar_epi16(starts_at, raw);
    const __m512i e = _mm512_add_epi16(s, _mm512_permutexvar_epi16(lengths_at, raw));
    std::uint32_t odd = _mm512_cmple_epu16_mask(s, x) ^ _mm512_cmplt_epu16_mask(e, x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 2), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 2), x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 4), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 4), x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 6), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 6), x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 8), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 8), x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 10), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 10), x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 12), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 12), x);
    odd ^= _mm512_cmple_epu16_mask(_mm512_alignr_epi8(s, s, 14), x) ^
           _mm512_cmplt_epu16_mask(_mm512_alignr_epi8(e, e, 14), x);
    const std::uint32_t inside = (odd ^ odd >> 16) & 0xFFFFu;  // bit p: a's block position p
    if constexpr (kOut) {
      count += simd::emit_positions(a, i, inside, out + count);
    } else {
      count += static_cast<std::uint32_t>(_mm_popcnt_u32(inside));
    }
    const std::uint32_t amax = at(a, i + 15), rmax = simd::run_end(runs, k + 15);
    i += 16 * (amax <= rmax);
    k += 16 * (rmax <= amax);
  }
  if (i < na && k < nr)
    count += run_windows<kOut>(a + 2 * i, na - i, runs + 4 * k, nr - k, kOut ? out + count : nullptr);
  return count;
}

// Runs sparser than the values: blocks of 32 values (one register)
// against 4 runs, each run's start and last broadcast and compared with
// all 32 (a value lies in at most one run, so the masks OR); the block with
// the smaller last value advances, without a branch. Against the
// all-against-all blocks above, 32 values cost one step instead of two:
// two top-degree members' array ∩ run containers on gen 1 M (runs a
// quarter to half as many as the values) 790 -> 530 ns; on random runs the
// all-against-all blocks win from twice as many runs as values (1,000
// values: 960 / 1,440 / 2,590 / 4,830 cycles against 1,640 / 1,930 /
// 2,560 / 3,760 for 250 / 500 / 1,000 / 2,000 runs).
// (2 and 4 runs a block measured alike, 8 and 16 slower.)
constexpr std::uint32_t kRunsABlock = 4;

template <bool kOut>
__attribute__((target("avx512f,avx512bw,bmi2,popcnt"))) std::uint32_t run_blocks_broadcast(
    const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr, std::uint16_t* out) {
  using simd::at;
  std::uint32_t i = 0, k = 0, count = 0;
  while (i + 32 <= na && k + kRunsABlock <= nr) {
    const __m512i x = _mm512_loadu_si512(a + 2 * i);
    std::uint32_t inside = 0;
    for (std::uint32_t r = 0; r < kRunsABlock; ++r) {
      const std::uint16_t s = at(runs, 2 * (k + r)), len = at(runs, 2 * (k + r) + 1);
      const __m512i lo = _mm512_set1_epi16(static_cast<short>(s));
      const __m512i hi = _mm512_set1_epi16(static_cast<short>(s + len));
      inside |= _mm512_mask_cmple_epu16_mask(_mm512_cmple_epu16_mask(lo, x), x, hi);
    }
    if constexpr (kOut) {
      count += simd::emit_positions(a, i, inside, out + count);
    } else {
      count += static_cast<std::uint32_t>(_mm_popcnt_u32(inside));
    }
    const std::uint32_t amax = at(a, i + 31), rmax = simd::run_end(runs, k + kRunsABlock - 1);
    i += 32 * (amax <= rmax);
    k += kRunsABlock * (rmax <= amax);
  }
  if (i < na && k < nr)
    count += run_windows<kOut>(a + 2 * i, na - i, runs + 4 * k, nr - k, kOut ? out + count : nullptr);
  return count;
}

// Broadcast blocks up to as many runs as values, all-against-all blocks up
// to 8x as many (beyond, the windows skip 16 runs a step for a value).
template <bool kOut>
std::uint32_t in_runs(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                      std::uint16_t* out) {
  if (na >= 32 && nr >= kRunsABlock && nr <= na) return run_blocks_broadcast<kOut>(a, na, runs, nr, out);
  if (na >= 16 && nr >= 16 && nr <= 8 * na) return run_blocks_rotated<kOut>(a, na, runs, nr, out);
  return run_windows<kOut>(a, na, runs, nr, out);
}

}  // namespace

std::uint32_t u16_in_runs_avx512(const std::uint8_t* a, std::uint32_t na, const std::uint8_t* runs, std::uint32_t nr,
                                 std::uint16_t* out) {
  return out ? in_runs<true>(a, na, runs, nr, out) : in_runs<false>(a, na, runs, nr, nullptr);
}

}  // namespace mutuals::internal
