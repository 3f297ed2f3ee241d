// The parallel loop wrappers visit every index once, in ranges that tile
// the span (any grain, empty spans included), tasks see what the caller
// wrote before the call, and the caller sees every task's writes after it
// (under TSan too: the wrappers make both orderings visible to it).
#include "common/parallel_loop.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

namespace mutuals::internal {
namespace {

TEST(ParallelLoopTest, EachVisitsEveryIndexOnce) {
  for (std::uint32_t n : {0u, 1u, 7u, 100000u}) {
    std::vector<std::uint32_t> seen(n, 0);
    parallel_each<std::uint32_t>(0, n, [&](std::uint32_t i) { seen[i] += 1; });
    for (std::uint32_t i = 0; i < n; ++i) ASSERT_EQ(seen[i], 1u) << i << " of " << n;
  }
}

TEST(ParallelLoopTest, RangesTileTheSpanAtEveryGrain) {
  const std::size_t first = 5, last = 70005;
  for (std::size_t grain : {std::size_t{1}, std::size_t{64}, std::size_t{1} << 16, std::size_t{1} << 20}) {
    std::vector<std::uint8_t> seen(last, 0);
    std::atomic<std::size_t> ranges{0};
    parallel_ranges<std::size_t>(first, last, grain, [&](const auto& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) seen[i] += 1;
      ranges.fetch_add(1, std::memory_order_relaxed);
    });
    for (std::size_t i = 0; i < last; ++i) ASSERT_EQ(seen[i], i >= first ? 1 : 0) << i << " at grain " << grain;
    // A range is split only while larger than the grain.
    if (grain >= last - first) {
      EXPECT_EQ(ranges.load(), 1u) << "grain " << grain;
    }
  }
  int calls = 0;
  parallel_ranges<int>(3, 3, [&](const auto&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelLoopTest, TasksSeeTheCallersWritesAndTheCallerSeesTheirs) {
  const std::size_t n = std::size_t{1} << 20;
  std::vector<std::uint64_t> in(n), out(n);
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < n; ++i) in[i] = i * 3 + static_cast<std::uint64_t>(round);
    parallel_ranges<std::size_t>(0, n, 4096, [&](const auto& r) {
      std::copy(in.begin() + static_cast<std::ptrdiff_t>(r.begin()), in.begin() + static_cast<std::ptrdiff_t>(r.end()),
                out.begin() + static_cast<std::ptrdiff_t>(r.begin()));
    });
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], i * 3 + static_cast<std::uint64_t>(round)) << i;
  }
}

}  // namespace
}  // namespace mutuals::internal
