// The u32 common-values kernels with positions (scalar, AVX2, AVX-512;
// engine/src/kernels/simd/u32_common.h), each against a reference merge:
// every size to 70 against every size to 70 (past the 8-lane registers and
// the 32-value window), skewed sizes to 1:5,000, the extremes 0 and
// 0xFFFFFFFF, and every (i, j) reported once, ascending, with a[i] == b[j].
// Kernels the CPU lacks are skipped.
#include "kernels/simd/u32_common.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace mutuals::internal {
namespace {

using Positions = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Positions reference(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  Positions out;
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    auto it = std::lower_bound(b.begin(), b.end(), a[i]);
    if (it != b.end() && *it == a[i]) out.emplace_back(i, static_cast<std::uint32_t>(it - b.begin()));
  }
  return out;
}

struct Kernel {
  const char* name;
  Positions (*run)(const std::vector<std::uint32_t>&, const std::vector<std::uint32_t>&);
};

template <typename Walk>
Positions collect(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b, Walk walk) {
  Positions out;
  walk(a.data(), static_cast<std::uint32_t>(a.size()), b.data(), static_cast<std::uint32_t>(b.size()),
       [&](std::uint32_t i, std::uint32_t j) { out.emplace_back(i, j); });
  return out;
}

// Either size order, as for_each_common_u32 calls them.
template <bool kAvx512>
Positions windows(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  Positions out;
  auto f = [&](std::uint32_t i, std::uint32_t j) { out.emplace_back(i, j); };
  const auto na = static_cast<std::uint32_t>(a.size()), nb = static_cast<std::uint32_t>(b.size());
  if (na == 0 || nb == 0) return out;
  if constexpr (kAvx512) {
    if (na <= nb) simd::common_u32_windows<false>(a.data(), na, b.data(), nb, f);
    else simd::common_u32_windows<true>(b.data(), nb, a.data(), na, f);
  } else {
    if (na <= nb) simd::common_u32_windows_avx2<false>(a.data(), na, b.data(), nb, f);
    else simd::common_u32_windows_avx2<true>(b.data(), nb, a.data(), na, f);
  }
  return out;
}

std::vector<Kernel> kernels_of_this_cpu() {
  std::vector<Kernel> k = {
      {"scalar", [](const auto& a, const auto& b) { return collect(a, b, [](auto... x) { simd::common_u32_scalar(x...); }); }},
      {"dispatched", [](const auto& a, const auto& b) { return collect(a, b, [](auto... x) { for_each_common_u32(x...); }); }}};
  if (cpu_has_avx2()) k.push_back({"avx2", &windows<false>});
  if (cpu_has_avx512()) k.push_back({"avx512", &windows<true>});
  return k;
}

std::vector<std::uint32_t> sorted_values(std::size_t n, std::uint64_t span, std::mt19937_64& rng,
                                         std::vector<std::uint32_t> force = {}) {
  std::vector<std::uint32_t> v = std::move(force);
  std::uniform_int_distribution<std::uint64_t> d(0, span - 1);
  while (v.size() < n) v.push_back(static_cast<std::uint32_t>(d(rng)));
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

void check_all(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b, const std::string& what) {
  const Positions want = reference(a, b);
  for (const Kernel& k : kernels_of_this_cpu()) {
    SCOPED_TRACE(what + " kernel " + k.name);
    EXPECT_EQ(k.run(a, b), want);
  }
}

TEST(U32CommonTest, EverySizeUpTo70AgainstEverySizeUpTo70) {
  std::mt19937_64 rng(11);
  for (std::size_t na = 0; na <= 70; ++na) {
    for (std::size_t nb = 0; nb <= 70; ++nb) {
      const auto a = sorted_values(na, 160, rng), b = sorted_values(nb, 160, rng);
      check_all(a, b, std::to_string(na) + " x " + std::to_string(nb));
    }
  }
}

TEST(U32CommonTest, SkewedSizesAndTheExtremes) {
  std::mt19937_64 rng(12);
  for (std::size_t small : {1, 3, 8, 31, 33}) {
    for (std::size_t large : {32, 64, 100, 1000, 5000}) {
      const auto a = sorted_values(small, 1ull << 32, rng, {0, 0xFFFFFFFFu});
      const auto b = sorted_values(large, 1ull << 32, rng, {0, 0xFFFFFFFFu});
      check_all(a, b, "spread " + std::to_string(small) + " x " + std::to_string(large));
      const auto c = sorted_values(small, 2 * large, rng), d = sorted_values(large, 2 * large, rng);
      check_all(c, d, "dense " + std::to_string(small) + " x " + std::to_string(large));
    }
  }
}

TEST(U32CommonTest, ZeroIsFoundOnlyWhereItIs) {
  // Masked lanes read as zero in the AVX2 loads: a zero on one side only
  // must not match them.
  check_all({0}, {5, 6, 7}, "zero against a short window");
  check_all({0, 9}, {1, 2, 9}, "zero and a match");
  check_all({0}, {0}, "zero against zero");
}

}  // namespace
}  // namespace mutuals::internal
