// The bitset ∩ bitset count kernels (scalar, popcnt, AVX-512) against a
// bit-by-bit reference: word counts 0 to 40 and a container's 1,024, bit
// densities from empty to full, and pointers at every byte offset (store
// payloads are only 2-byte aligned). Kernels the CPU lacks are skipped.
#include "kernels/simd/words_and_count.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {
namespace {

std::uint64_t reference(const std::vector<std::uint8_t>& a, const std::vector<std::uint8_t>& b, std::size_t at_a,
                        std::size_t at_b, std::uint32_t n) {
  std::uint64_t count = 0;
  for (std::size_t byte = 0; byte < 8 * std::size_t(n); ++byte) {
    const unsigned both = a[at_a + byte] & b[at_b + byte];
    for (int bit = 0; bit < 8; ++bit) count += (both >> bit) & 1;
  }
  return count;
}

TEST(WordsAndCountTest, EveryLevelEverySizeAndAlignment) {
  std::vector<std::pair<const char*, WordsAndCountFn>> kernels = {{"scalar", &words_and_count_scalar}};
  if (cpu_has_avx2()) kernels.push_back({"popcnt", &words_and_count_popcnt});
  if (cpu_has_avx512()) kernels.push_back({"avx512", &words_and_count_avx512});
  kernels.push_back({"dispatched", words_and_count()});
  std::mt19937_64 rng(47);
  std::vector<std::uint32_t> sizes;
  for (std::uint32_t n = 0; n <= 40; ++n) sizes.push_back(n);
  sizes.push_back(1024);
  int nonzero = 0;
  for (double p : {0.0, 0.02, 0.5, 1.0}) {
    for (std::uint32_t n : sizes) {
      std::vector<std::uint8_t> a(8 * n + 8), b(8 * n + 8);
      for (auto* v : {&a, &b}) {
        for (auto& byte : *v) {
          for (int bit = 0; bit < 8; ++bit) {
            if (std::uniform_real_distribution<double>(0, 1)(rng) < p) byte |= std::uint8_t(1u << bit);
          }
        }
      }
      for (std::size_t at_a : {0u, 1u, 2u, 7u}) {
        const std::size_t at_b = (at_a * 3) % 8;
        const std::uint64_t want = reference(a, b, at_a, at_b, n);
        nonzero += want > 0;
        for (auto [name, fn] : kernels) {
          EXPECT_EQ(fn(a.data() + at_a, b.data() + at_b, n), want)
              << name << ": " << n << " words, density " << p << ", offsets " << at_a << "/" << at_b;
        }
      }
    }
  }
  EXPECT_GT(nonzero, 100);
}

}  // namespace
}  // namespace mutuals::internal
