// The u16 intersection kernels (scalar, AVX2, AVX-512), each against
// std::set_intersection and against each other: sizes from 0 to past the
// 4,096 array limit, balanced and skewed (up to 1:4,000, past the skip
// steps of 16, 32 and 256 values), dense and sparse value ranges, the
// extremes 0 and 65535, counting and materialising. Kernels the CPU lacks
// are skipped, and the test says so.
#include "kernels/simd/u16_intersect.h"

#include "kernels/simd/simd_level.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace mutuals::internal {
namespace {

struct Kernel {
  const char* name;
  U16IntersectFn fn;
};

std::vector<Kernel> kernels_of_this_cpu() {
  std::vector<Kernel> k = {{"scalar", &u16_intersect_scalar}};
  if (cpu_has_avx2()) k.push_back({"avx2", &u16_intersect_avx2});
  if (cpu_has_avx512()) k.push_back({"avx512", &u16_intersect_avx512});
  return k;
}

// `n` distinct sorted values from [lo, lo + span), always including `force`
// values that lie in the range.
std::vector<std::uint16_t> sorted_values(std::size_t n, std::uint32_t lo, std::uint32_t span, std::mt19937_64& rng,
                                         std::vector<std::uint16_t> force = {}) {
  n = std::min<std::size_t>(n, span);
  std::vector<bool> in(span, false);
  std::size_t taken = 0;
  for (std::uint16_t f : force) {
    if (f >= lo && f < lo + span && taken < n && !in[f - lo]) in[f - lo] = (++taken, true);
  }
  std::uniform_int_distribution<std::uint32_t> d(0, span - 1);
  while (taken < n) {
    std::uint32_t x = d(rng);
    if (!in[x]) in[x] = (++taken, true);
  }
  std::vector<std::uint16_t> v;
  for (std::uint32_t x = 0; x < span; ++x) {
    if (in[x]) v.push_back(static_cast<std::uint16_t>(lo + x));
  }
  return v;
}

// Little-endian bytes, with a guard byte after so an over-read shows under
// ASan when the buffer is exact.
std::vector<std::uint8_t> bytes_of(const std::vector<std::uint16_t>& v) {
  std::vector<std::uint8_t> b(2 * v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    b[2 * i] = static_cast<std::uint8_t>(v[i]);
    b[2 * i + 1] = static_cast<std::uint8_t>(v[i] >> 8);
  }
  return b;
}

void check_all(const std::vector<std::uint16_t>& a, const std::vector<std::uint16_t>& b, const std::string& what) {
  std::vector<std::uint16_t> want;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(want));
  const std::vector<std::uint8_t> ab = bytes_of(a), bb = bytes_of(b);
  for (const Kernel& k : kernels_of_this_cpu()) {
    for (bool swap : {false, true}) {
      SCOPED_TRACE(what + " kernel " + k.name + (swap ? " swapped" : ""));
      const auto& x = swap ? bb : ab;
      const auto& y = swap ? ab : bb;
      const auto nx = static_cast<std::uint32_t>((swap ? b : a).size());
      const auto ny = static_cast<std::uint32_t>((swap ? a : b).size());
      EXPECT_EQ(k.fn(x.data(), nx, y.data(), ny, nullptr), want.size());
      std::vector<std::uint16_t> got(std::min(nx, ny) + 1, 0xBEEF);
      const std::uint32_t n = k.fn(x.data(), nx, y.data(), ny, got.data());
      ASSERT_EQ(n, want.size());
      EXPECT_TRUE(std::equal(want.begin(), want.end(), got.begin()));
      EXPECT_EQ(got.back(), 0xBEEF) << "wrote past min(na, nb) values";
    }
  }
}

TEST(U16IntersectTest, DispatchesToTheLevelChosen) {
  const SimdLevel level = simd_level();
  const SimdLevel best = cpu_has_avx512() ? SimdLevel::kAvx512 : cpu_has_avx2() ? SimdLevel::kAvx2 : SimdLevel::kScalar;
  EXPECT_LE(level, best) << "never a level the CPU lacks";
  if (std::getenv("MUTUALS_SIMD") == nullptr) {
    EXPECT_EQ(level, best);
  }
  const U16IntersectFn want = level == SimdLevel::kAvx512 ? &u16_intersect_avx512
                              : level == SimdLevel::kAvx2 ? &u16_intersect_avx2
                                                          : &u16_intersect_scalar;
  EXPECT_EQ(u16_intersect(), want);
  std::printf("u16 intersection kernels here: %zu (dispatch: %s)\n", kernels_of_this_cpu().size(), to_string(level));
}

TEST(U16IntersectTest, EmptyAndTinyExact) {
  check_all({}, {}, "both empty");
  check_all({}, {1, 2, 3}, "one empty");
  check_all({0}, {0}, "zero");
  check_all({65535}, {65535}, "max");
  check_all({0, 65535}, {0, 1, 65534, 65535}, "extremes");
  check_all({5}, {1, 2, 3, 4}, "beyond the large side");
  check_all({0}, {1, 2, 3}, "zero not in a side that masked lanes would read as zero");
}

TEST(U16IntersectTest, EverySizeUpTo70AgainstEverySizeUpTo70) {
  std::mt19937_64 rng(11);
  for (std::size_t na = 0; na <= 70; ++na) {
    for (std::size_t nb = 0; nb <= 70; ++nb) {
      const std::uint32_t span = 2 * std::max<std::size_t>({na, nb, 1});
      auto a = sorted_values(na, 0, span, rng, {0});
      auto b = sorted_values(nb, 0, span, rng, {0});
      check_all(a, b, "sizes " + std::to_string(na) + "/" + std::to_string(nb));
      if (::testing::Test::HasFailure()) return;
    }
  }
}

TEST(U16IntersectTest, SkewedAndBalancedRandom) {
  std::mt19937_64 rng(12);
  const std::size_t small[] = {1, 3, 8, 17, 33, 100, 500, 2000, 4096};
  const std::size_t large[] = {16, 31, 32, 33, 255, 256, 257, 1000, 4096, 8000};
  for (std::size_t ns : small) {
    for (std::size_t nl : large) {
      for (std::uint32_t span : {8192u, 65536u}) {
        for (int trial = 0; trial < 3; ++trial) {
          const std::uint32_t lo = span == 65536 ? 0 : std::uniform_int_distribution<std::uint32_t>(0, 65536 - span)(rng);
          auto a = sorted_values(ns, lo, span, rng, {0, 65535});
          auto b = sorted_values(nl, lo, span, rng, {0, 65535});
          // Plant common values so counts are not all near zero.
          for (std::size_t i = 0; i < a.size(); i += 3) b.push_back(a[i]);
          std::sort(b.begin(), b.end());
          b.erase(std::unique(b.begin(), b.end()), b.end());
          check_all(a, b, "sizes " + std::to_string(a.size()) + "/" + std::to_string(b.size()) + " span " +
                              std::to_string(span));
          if (::testing::Test::HasFailure()) return;
        }
      }
    }
  }
}

TEST(U16IntersectTest, SmallSideAllBeyondOrAllBeforeTheLarge) {
  std::vector<std::uint16_t> low, high;
  for (std::uint16_t v = 0; v < 300; ++v) low.push_back(v);
  for (std::uint16_t v = 60000; v < 60300; ++v) high.push_back(v);
  check_all(low, high, "disjoint ranges");
  std::vector<std::uint16_t> every_other;
  for (std::uint32_t v = 0; v < 65536; v += 2) every_other.push_back(static_cast<std::uint16_t>(v));
  every_other.resize(4096);
  check_all(every_other, low, "interleaved");
}

// The AVX-512 kernel's fenced path (a few values against 256-4,096): blocks
// of 64 ending at every size around a block edge, values on the fences, on
// the first and last value, below and beyond the large side.
TEST(U16IntersectTest, FewValuesAgainstALargeSideAtEveryBlockEdge) {
  std::mt19937_64 rng(13);
  for (std::size_t nl : {256u, 257u, 319u, 320u, 321u, 1000u, 2047u, 2048u, 2049u, 4031u, 4032u, 4095u, 4096u}) {
    const auto b = sorted_values(nl, 100, 60000, rng);
    for (std::size_t ns : {1u, 2u, 5u, 16u}) {
      for (int trial = 0; trial < 6; ++trial) {
        std::vector<std::uint16_t> a;
        for (std::size_t k = 0; k < ns; ++k) {
          switch ((trial + k) % 6) {
            case 0: a.push_back(b[std::min<std::size_t>(64 * (rng() % 65) + 63, nl - 1)]); break;  // a fence
            case 1: a.push_back(b.front()); break;
            case 2: a.push_back(b.back()); break;
            case 3: a.push_back(static_cast<std::uint16_t>(rng() % 100)); break;              // below b
            case 4: a.push_back(static_cast<std::uint16_t>(60100 + rng() % 5436)); break;     // beyond b
            default: a.push_back(static_cast<std::uint16_t>(rng() % 65536)); break;
          }
        }
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
        check_all(a, b, "sizes " + std::to_string(a.size()) + "/" + std::to_string(nl));
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
}

// The AVX-512 kernel's block merge (both sides 16 values or more, at most
// 8x apart): sides cut into blocks of 16 whose last values tie, so both
// advance at once; matches on every position of a block; tails of every
// length left to the windows on either side.
TEST(U16IntersectTest, BalancedSidesInBlocksOf16WithTiedBlockEnds) {
  std::mt19937_64 rng(14);
  for (std::size_t na : {16u, 17u, 31u, 32u, 47u, 48u, 100u, 255u, 256u, 600u}) {
    for (std::size_t nb : {na, na + 1, na + 15, 2 * na, 8 * na - 1, 8 * na}) {
      for (int trial = 0; trial < 4; ++trial) {
        // Every 16th value of a also in b at the same index: block ends tie.
        auto a = sorted_values(na, 0, 4 * std::uint32_t(nb), rng, {0});
        auto b = sorted_values(nb, 0, 4 * std::uint32_t(nb), rng, {0});
        if (trial % 2 == 0) {
          for (std::size_t k = 15; k < std::min(a.size(), b.size()); k += 16) b[k] = a[k];
          std::sort(b.begin(), b.end());
          b.erase(std::unique(b.begin(), b.end()), b.end());
        }
        // Plant matches on varied positions.
        for (std::size_t k = static_cast<std::size_t>(trial); k < a.size(); k += 5) b.push_back(a[k]);
        std::sort(b.begin(), b.end());
        b.erase(std::unique(b.begin(), b.end()), b.end());
        check_all(a, b, "sizes " + std::to_string(a.size()) + "/" + std::to_string(b.size()) + " trial " +
                            std::to_string(trial));
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
}

}  // namespace
}  // namespace mutuals::internal
