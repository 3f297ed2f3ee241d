// The bitset count kernels (scalar, popcnt, AVX2, AVX-512) against bit-by-bit
// references: for bitset ∩ bitset, word counts 0 to 40 and a container's
// 1,024, bit densities from empty to full, and pointers at every byte
// offset (store payloads are only 2-byte aligned); for bitset ∩ runs, runs
// inside one word, across words, at both ends of the container. Kernels the
// CPU lacks are skipped.
#include "kernels/simd/bitset_count.h"

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

TEST(BitsetCountTest, WordsAndEveryLevelEverySizeAndAlignment) {
  std::vector<std::pair<const char*, WordsAndCountFn>> kernels = {{"scalar", &words_and_count_scalar}};
  if (cpu_has_avx2()) kernels.push_back({"popcnt", &words_and_count_popcnt});
  if (cpu_has_avx2()) kernels.push_back({"avx2", &words_and_count_avx2});
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

TEST(BitsetCountTest, RunsInBitsetEveryLevel) {
  std::vector<std::pair<const char*, RunsInBitsetFn>> kernels = {{"scalar", &runs_in_bitset_count_scalar}};
  if (cpu_has_avx2()) kernels.push_back({"popcnt", &runs_in_bitset_count_popcnt});
  if (cpu_has_avx512()) kernels.push_back({"avx512", &runs_in_bitset_count_avx512});
  kernels.push_back({"dispatched", runs_in_bitset_count()});
  std::mt19937_64 rng(53);
  for (double p : {0.0, 0.1, 0.7, 1.0}) {
    std::vector<std::uint8_t> bitset(8192 + 1);  // +1: the payload at an odd offset
    std::vector<bool> bit(65536);
    for (std::uint32_t v = 0; v < 65536; ++v) {
      bit[v] = std::uniform_real_distribution<double>(0, 1)(rng) < p;
      if (bit[v]) bitset[1 + v / 8] |= std::uint8_t(1u << (v % 8));
    }
    for (int trial = 0; trial < 40; ++trial) {
      // Sorted, non-touching runs: the ends of the container, then random ones.
      std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;  // inclusive
      std::uint32_t at = trial % 2 == 0 ? 0 : std::uint32_t(rng() % 64);
      while (at < 65536 && runs.size() < 200) {
        const std::uint32_t len = trial % 3 == 0 ? 1 + std::uint32_t(rng() % 3) : 1 + std::uint32_t(rng() % 300);
        const std::uint32_t hi = std::min<std::uint32_t>(65535, at + len - 1);
        runs.push_back({at, hi});
        at = hi + 2 + std::uint32_t(rng() % (trial % 4 == 0 ? 2 : 900));
      }
      if (trial == 5) runs = {{0, 65535}};
      std::vector<std::uint8_t> bytes(1);  // odd offset again
      std::uint64_t want = 0;
      for (auto [lo, hi] : runs) {
        for (std::uint32_t v = lo; v <= hi; ++v) want += bit[v];
        for (std::uint32_t x : {lo, hi - lo}) {
          bytes.push_back(static_cast<std::uint8_t>(x));
          bytes.push_back(static_cast<std::uint8_t>(x >> 8));
        }
      }
      for (auto [name, fn] : kernels) {
        EXPECT_EQ(fn(bitset.data() + 1, bytes.data() + 1, static_cast<std::uint32_t>(runs.size())), want)
            << name << ": density " << p << ", trial " << trial;
      }
    }
  }
}

}  // namespace
}  // namespace mutuals::internal
