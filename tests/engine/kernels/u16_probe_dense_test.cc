// The dense-probe kernels (scalar, AVX2, AVX-512) against a
// std::vector<bool> reference: array sizes 0 to 4,096 (every size to 40
// around the 8- and 16-value steps), regions empty, full, sparse and dense,
// aligned or not, values 0 and 65535. SIMD kernels are skipped on CPUs
// without them.
#include "kernels/simd/u16_probe_dense.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {
namespace {

// The region at offsets 0 and 2 of a buffer: a stored bitset container is
// only 2-byte aligned.
void check(const std::vector<std::uint16_t>& a, const std::vector<bool>& dense, const std::string& what) {
  std::vector<std::uint8_t> buffer(8192 + 2, 0);
  std::vector<std::uint8_t> bytes;
  std::uint32_t want = 0;
  for (std::uint16_t x : a) {
    bytes.push_back(static_cast<std::uint8_t>(x));
    bytes.push_back(static_cast<std::uint8_t>(x >> 8));
    want += dense[x];
  }
  std::vector<std::pair<const char*, U16ProbeDenseFn>> kernels = {{"scalar", &u16_probe_dense_scalar}};
  if (cpu_has_avx2()) kernels.push_back({"avx2", &u16_probe_dense_avx2});
  if (cpu_has_avx512()) kernels.push_back({"avx512", &u16_probe_dense_avx512});
  for (std::size_t offset : {0u, 2u}) {
    std::fill(buffer.begin(), buffer.end(), 0);
    std::uint8_t* region = buffer.data() + offset;
    for (std::uint32_t v = 0; v < 65536; ++v) {
      if (dense[v]) region[v >> 3] = static_cast<std::uint8_t>(region[v >> 3] | 1u << (v & 7));
    }
    for (auto [name, fn] : kernels) {
      EXPECT_EQ(fn(bytes.data(), static_cast<std::uint32_t>(a.size()), region), want)
          << what << " " << name << " offset " << offset;
    }
  }
}

TEST(U16ProbeDenseTest, EverySizeAndDensity) {
  std::mt19937_64 rng(31);
  std::vector<std::uint32_t> sizes;
  for (std::uint32_t n = 0; n <= 40; ++n) sizes.push_back(n);
  for (std::uint32_t n : {63u, 64u, 65u, 1000u, 4096u}) sizes.push_back(n);
  for (double p : {0.0, 0.001, 0.3, 1.0}) {
    std::vector<bool> dense(65536);
    for (std::uint32_t v = 0; v < 65536; ++v) dense[v] = std::uniform_real_distribution<double>(0, 1)(rng) < p;
    dense[0] = dense[65535] = p > 0;
    for (std::uint32_t n : sizes) {
      std::vector<bool> taken(65536, false);
      std::vector<std::uint16_t> a;
      if (n > 1) {
        a = {0, 65535};
        taken[0] = taken[65535] = true;
      }
      while (a.size() < n) {
        std::uint16_t x = static_cast<std::uint16_t>(rng());
        if (!taken[x]) {
          taken[x] = true;
          a.push_back(x);
        }
      }
      std::sort(a.begin(), a.end());
      check(a, dense, "p " + std::to_string(p) + " n " + std::to_string(n));
    }
  }
}

}  // namespace
}  // namespace mutuals::internal
