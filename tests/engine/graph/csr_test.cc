// The build-time CSR against a std::set adjacency: pairs in both orders and
// repeated, vertices without connections, and enough pairs that the count
// and scatter passes split into several parts (in an arena of 1, 2, 3 and 7
// threads, whatever the machine has); then relabel() under a permutation.
#include "graph/csr.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <numeric>
#include <random>
#include <set>
#include <vector>

namespace mutuals::internal {
namespace {

struct Reference {
  std::vector<std::set<std::uint32_t>> lists;
  std::uint64_t duplicates = 0;
};

Reference reference(std::uint32_t n, const std::vector<std::uint64_t>& pairs) {
  Reference r;
  r.lists.resize(n);
  for (std::uint64_t p : pairs) {
    const auto u = static_cast<std::uint32_t>(p >> 32), v = static_cast<std::uint32_t>(p & 0xFFFFFFFFu);
    if (!r.lists[u].insert(v).second) ++r.duplicates;
    r.lists[v].insert(u);
  }
  return r;
}

void expect_lists(const Csr& g, const std::vector<std::set<std::uint32_t>>& lists, const std::string& what) {
  ASSERT_EQ(g.vertices(), lists.size()) << what;
  for (std::uint32_t v = 0; v < g.vertices(); ++v) {
    const std::span<const std::uint32_t> got = g.neighbors(v);
    ASSERT_TRUE(std::equal(got.begin(), got.end(), lists[v].begin(), lists[v].end())) << what << " vertex " << v;
  }
}

std::vector<std::uint64_t> random_pairs(std::uint32_t n, std::size_t count, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::uint64_t> pairs;
  while (pairs.size() < count) {
    // Vertices from the first 90% only, so the rest stay without connections.
    const std::uint64_t u = rng() % (n * 9 / 10), v = rng() % (n * 9 / 10);
    if (u == v) continue;
    pairs.push_back(u << 32 | v);
    if (rng() % 8 == 0) pairs.push_back(v << 32 | u);  // the same pair reversed
    if (rng() % 16 == 0) pairs.push_back(u << 32 | v);  // and repeated
  }
  return pairs;
}

TEST(CsrTest, FromPairsMatchesSetsInEveryArena) {
  const std::uint32_t n = 3000;
  const std::vector<std::uint64_t> pairs = random_pairs(n, 400000, 7);
  const Reference want = reference(n, pairs);
  for (int threads : {1, 2, 3, 7}) {
    tbb::task_arena arena(threads);
    arena.execute([&] {
      std::uint64_t duplicates = 0;
      const Csr g = csr_from_pairs(n, pairs, &duplicates);
      expect_lists(g, want.lists, std::to_string(threads) + " threads");
      EXPECT_EQ(duplicates, want.duplicates) << threads << " threads";
      EXPECT_EQ(g.offsets.front(), 0u);
      EXPECT_EQ(g.offsets.back(), g.targets.size());
    });
  }
}

TEST(CsrTest, FromFewPairsAndNone) {
  const std::vector<std::uint64_t> pairs = {std::uint64_t{1} << 32 | 2, std::uint64_t{2} << 32 | 1,
                                            std::uint64_t{0} << 32 | 4};
  std::uint64_t duplicates = 0;
  const Csr g = csr_from_pairs(6, pairs, &duplicates);
  expect_lists(g, {{4}, {2}, {1}, {}, {0}, {}}, "few");
  EXPECT_EQ(duplicates, 1u);
  const Csr empty = csr_from_pairs(4, {}, &duplicates);
  EXPECT_EQ(duplicates, 0u);
  expect_lists(empty, {{}, {}, {}, {}}, "none");
}

TEST(CsrTest, RelabelRenamesAndResorts) {
  const std::uint32_t n = 2000;
  const std::vector<std::uint64_t> pairs = random_pairs(n, 100000, 11);
  const Reference before = reference(n, pairs);
  std::vector<std::uint32_t> new_id(n);
  std::iota(new_id.begin(), new_id.end(), 0u);
  std::shuffle(new_id.begin(), new_id.end(), std::mt19937_64(3));
  std::vector<std::set<std::uint32_t>> after(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::uint32_t u : before.lists[v]) after[new_id[v]].insert(new_id[u]);
  }
  expect_lists(relabel(csr_from_pairs(n, pairs), new_id), after, "relabelled");
}

}  // namespace
}  // namespace mutuals::internal
