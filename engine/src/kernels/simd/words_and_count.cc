#include "kernels/simd/words_and_count.h"

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

}  // namespace

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
      case SimdLevel::kAvx2: return &words_and_count_popcnt;
      case SimdLevel::kScalar: break;
    }
    return &words_and_count_scalar;
  }();
  return chosen;
}

}  // namespace mutuals::internal
