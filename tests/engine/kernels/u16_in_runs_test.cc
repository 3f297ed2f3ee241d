// array ∩ run kernels (scalar, AVX2, AVX-512) against a reference that expands
// the runs: run counts around the 16-run window (0..40, 100, 2,000), runs
// touching 0 and 65535 and of length 1 to 65536, arrays from 0 to 4,096
// values; counting and materialising. SIMD kernels are skipped on
// CPUs without it, and the test says so.
#include "kernels/simd/u16_in_runs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "kernels/simd/simd_level.h"

namespace mutuals::internal {
namespace {

struct Run {
  std::uint32_t start, last;  // inclusive
};

// `count` disjoint, non-adjacent runs inside [0, 65535], random lengths up
// to `max_len`; the first starts at 0 and the last ends at 65535 when asked.
std::vector<Run> random_runs(std::uint32_t count, std::uint32_t max_len, bool touch_edges, std::mt19937_64& rng) {
  std::vector<Run> runs;
  if (count == 0) return runs;
  const std::uint32_t slot = 65536 / count;  // each run inside its own slot, gap >= 1
  for (std::uint32_t r = 0; r < count; ++r) {
    const std::uint32_t lo = r * slot, room = slot - 1;
    std::uint32_t len = 1 + std::uint32_t(rng() % std::min(max_len, room));
    std::uint32_t start = lo + std::uint32_t(rng() % (room - len + 1));
    if (touch_edges && r == 0) start = 0;
    if (touch_edges && r + 1 == count) {
      start = std::max(lo, 65536 - len);
      len = 65536 - start;
    }
    runs.push_back({start, start + len - 1});
  }
  return runs;
}

std::vector<std::uint8_t> encode(const std::vector<Run>& runs) {
  std::vector<std::uint8_t> b;
  for (const Run& r : runs) {
    const std::uint32_t len1 = r.last - r.start;
    for (std::uint32_t v : {r.start, len1}) {
      b.push_back(static_cast<std::uint8_t>(v));
      b.push_back(static_cast<std::uint8_t>(v >> 8));
    }
  }
  return b;
}

void check(const std::vector<std::uint16_t>& a, const std::vector<Run>& runs, const std::string& what) {
  std::vector<bool> in(65536, false);
  for (const Run& r : runs) {
    for (std::uint32_t v = r.start; v <= r.last; ++v) in[v] = true;
  }
  std::vector<std::uint16_t> want;
  for (std::uint16_t x : a) {
    if (in[x]) want.push_back(x);
  }
  std::vector<std::uint8_t> ab;
  for (std::uint16_t x : a) {
    ab.push_back(static_cast<std::uint8_t>(x));
    ab.push_back(static_cast<std::uint8_t>(x >> 8));
  }
  const std::vector<std::uint8_t> rb = encode(runs);
  std::vector<std::pair<const char*, U16InRunsFn>> kernels = {{"scalar", &u16_in_runs_scalar}};
  if (cpu_has_avx2()) kernels.push_back({"avx2", &u16_in_runs_avx2});
  if (cpu_has_avx512()) kernels.push_back({"avx512", &u16_in_runs_avx512});
  const auto na = static_cast<std::uint32_t>(a.size()), nr = static_cast<std::uint32_t>(runs.size());
  for (auto [name, fn] : kernels) {
    SCOPED_TRACE(what + " kernel " + name);
    EXPECT_EQ(fn(ab.data(), na, rb.data(), nr, nullptr), want.size());
    std::vector<std::uint16_t> got(a.size() + 1, 0xBEEF);
    ASSERT_EQ(fn(ab.data(), na, rb.data(), nr, got.data()), want.size());
    EXPECT_TRUE(std::equal(want.begin(), want.end(), got.begin()));
  }
}

std::vector<std::uint16_t> random_array(std::uint32_t n, std::mt19937_64& rng) {
  std::vector<bool> in(65536, false);
  std::vector<std::uint16_t> a;
  while (a.size() < n) {
    std::uint16_t x = static_cast<std::uint16_t>(rng());
    if (!in[x]) {
      in[x] = true;
      a.push_back(x);
    }
  }
  std::sort(a.begin(), a.end());
  return a;
}

TEST(U16InRunsTest, ExactSmallCases) {
  check({}, {}, "both empty");
  check({0, 5, 65535}, {}, "no runs");
  check({0, 65535}, {{0, 0}, {65535, 65535}}, "single-value runs at the extremes");
  check({0, 1, 2, 65535}, {{0, 65535}}, "one run covering everything");
  check({9, 10, 20, 21}, {{10, 20}}, "run bounds are inclusive");
}

TEST(U16InRunsTest, RandomAroundTheWindowSize) {
  std::mt19937_64 rng(21);
  for (std::uint32_t nr : {1u, 2u, 15u, 16u, 17u, 31u, 32u, 33u, 40u, 100u, 2000u}) {
    for (std::uint32_t na : {1u, 7u, 16u, 33u, 300u, 4096u}) {
      for (std::uint32_t max_len : {1u, 8u, 1000u, 65536u}) {
        for (bool edges : {false, true}) {
          auto runs = random_runs(nr, max_len, edges, rng);
          auto a = random_array(na, rng);
          if (edges) {  // make sure the extremes are asked about
            a.front() = 0;
            a.back() = 65535;
          }
          check(a, runs, "runs " + std::to_string(nr) + " array " + std::to_string(na) + " len<=" +
                             std::to_string(max_len) + (edges ? " edges" : ""));
          if (::testing::Test::HasFailure()) return;
        }
      }
    }
  }
}

// The AVX-512 block paths (32 values against 4 runs; 16 values against 16
// runs): values on run starts and ends and one step outside them, adjacent
// runs (one ends where the next starts less one), block ends that tie,
// tails of every length.
TEST(U16InRunsTest, ValuesOnRunEdgesInBlocksOf16) {
  std::mt19937_64 rng(22);
  for (std::uint32_t nr : {16u, 17u, 31u, 32u, 48u, 100u, 300u}) {
    for (bool adjacent : {false, true}) {
      std::vector<mutuals::internal::Run> runs;
      std::uint32_t at = 3;
      for (std::uint32_t r = 0; r < nr; ++r) {
        const std::uint32_t len = 1 + std::uint32_t(rng() % 6);
        runs.push_back({at, at + len - 1});
        at += len + (adjacent && r % 2 == 0 ? 0 : 1 + std::uint32_t(rng() % 5));
      }
      for (int pick = 0; pick < 4; ++pick) {
        std::vector<std::uint16_t> a;
        for (const mutuals::internal::Run& r : runs) {
          switch ((pick + a.size()) % 4) {
            case 0: a.push_back(static_cast<std::uint16_t>(r.start)); break;
            case 1: a.push_back(static_cast<std::uint16_t>(r.last)); break;
            case 2: a.push_back(static_cast<std::uint16_t>(r.start - 1)); break;
            default: a.push_back(static_cast<std::uint16_t>(r.last + 1)); break;
          }
          if (pick == 3) a.push_back(static_cast<std::uint16_t>(r.last));  // 16 values end where 16 runs do
        }
        std::sort(a.begin(), a.end());
        a.erase(std::unique(a.begin(), a.end()), a.end());
        // All values (runs fewer than values: broadcast blocks), fewer
        // values than runs (all-against-all blocks), a block or two.
        for (std::size_t keep : {a.size(), a.size() * 3 / 4, std::size_t{nr / 2}, std::size_t{16}, std::size_t{17},
                                 std::size_t{32}, std::size_t{33}, std::size_t{65}}) {
          std::vector<std::uint16_t> part(a.begin(), a.begin() + std::min(keep, a.size()));
          check(part, runs, "runs " + std::to_string(nr) + (adjacent ? " adjacent" : "") + " pick " +
                                std::to_string(pick) + " values " + std::to_string(part.size()));
          if (::testing::Test::HasFailure()) return;
        }
      }
    }
  }
}

}  // namespace
}  // namespace mutuals::internal
