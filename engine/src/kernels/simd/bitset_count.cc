#include "kernels/simd/bitset_count.h"

#include <bit>
#include <cstring>

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {
namespace {

inline std::uint64_t word(const std::uint8_t* p, std::uint32_t i) {
  std::uint64_t w;
  std::memcpy(&w, p + 8 * std::size_t(i), 8);
  return w;
}

// The runs count, once per ISA: Popcount is std::popcount or the popcnt
// instruction.
template <typename Popcount>
inline std::uint64_t runs_in_bitset(const std::uint8_t* bitset, const std::uint8_t* runs, std::uint32_t n,
                                    Popcount popcount) {
  std::uint64_t count = 0;
  for (std::uint32_t k = 0; k < n; ++k) {
    std::uint16_t lo, len;
    std::memcpy(&lo, runs + 4 * std::size_t(k), 2);
    std::memcpy(&len, runs + 4 * std::size_t(k) + 2, 2);
    const std::uint32_t hi = std::uint32_t(lo) + len, w0 = lo >> 6, w1 = hi >> 6;
    const std::uint64_t first = ~std::uint64_t{0} << (lo & 63), last = ~std::uint64_t{0} >> (63 - (hi & 63));
    if (w0 == w1) {
      count += popcount(word(bitset, w0) & first & last);
      continue;
    }
    count += popcount(word(bitset, w0) & first) + popcount(word(bitset, w1) & last);
    for (std::uint32_t w = w0 + 1; w < w1; ++w) count += popcount(word(bitset, w));
  }
  return count;
}

}  // namespace

std::uint64_t runs_in_bitset_count_scalar(const std::uint8_t* bitset, const std::uint8_t* runs, std::uint32_t n) {
  return runs_in_bitset(bitset, runs, n, [](std::uint64_t x) { return std::uint64_t(std::popcount(x)); });
}

__attribute__((target("popcnt"))) std::uint64_t runs_in_bitset_count_popcnt(const std::uint8_t* bitset,
                                                                            const std::uint8_t* runs, std::uint32_t n) {
  return runs_in_bitset(bitset, runs, n, [](std::uint64_t x) __attribute__((target("popcnt"))) {
    return std::uint64_t(__builtin_popcountll(x));
  });
}

RunsInBitsetFn runs_in_bitset_count() {
  static const RunsInBitsetFn chosen = [] {
    switch (simd_level()) {
      case SimdLevel::kAvx512: return &runs_in_bitset_count_avx512;
      case SimdLevel::kAvx2: return &runs_in_bitset_count_popcnt;
      case SimdLevel::kScalar: break;
    }
    return &runs_in_bitset_count_scalar;
  }();
  return chosen;
}

std::uint64_t words_and_count_scalar(const std::uint8_t* a, const std::uint8_t* b, std::uint32_t n) {
  std::uint64_t count = 0;
  for (std::uint32_t i = 0; i < n; ++i) count += std::popcount(word(a, i) & word(b, i));
  return count;
}

__attribute__((target("popcnt"))) std::uint64_t words_and_count_popcnt(const std::uint8_t* a, const std::uint8_t* b,
                                                                       std::uint32_t n) {
  std::uint64_t count = 0;
  for (std::uint32_t i = 0; i < n; ++i) count += static_cast<std::uint64_t>(__builtin_popcountll(word(a, i) & word(b, i)));
  return count;
}

WordsAndCountFn words_and_count() {
  static const WordsAndCountFn chosen = [] {
    switch (simd_level()) {
      case SimdLevel::kAvx512: return &words_and_count_avx512;
      case SimdLevel::kAvx2: return &words_and_count_avx2;
      case SimdLevel::kScalar: break;
    }
    return &words_and_count_scalar;
  }();
  return chosen;
}

}  // namespace mutuals::internal
