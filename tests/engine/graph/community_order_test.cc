// The community order (graph/community_order.h): a permutation, the same
// whatever the thread count, and planted communities come out contiguous.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <random>
#include <vector>

#include "graph/csr.h"
#include "graph/order.h"

namespace mutuals::internal {
namespace {

// `groups` cliques of `size` members whose ids are shuffled over the whole
// range, plus a sparse random background between groups.
struct Planted {
  Csr graph;
  std::vector<std::uint32_t> group_of;
};

Planted planted(std::uint32_t groups, std::uint32_t size, std::uint32_t background, std::uint64_t seed) {
  const std::uint32_t n = groups * size;
  std::mt19937_64 rng(seed);
  std::vector<std::uint32_t> id(n);
  for (std::uint32_t i = 0; i < n; ++i) id[i] = i;
  std::shuffle(id.begin(), id.end(), rng);
  Planted p;
  p.group_of.resize(n);
  std::vector<std::uint64_t> pairs;
  auto add = [&](std::uint32_t a, std::uint32_t b) {
    if (a == b) return;
    pairs.push_back((std::uint64_t{std::min(a, b)} << 32) | std::max(a, b));
  };
  for (std::uint32_t g = 0; g < groups; ++g) {
    for (std::uint32_t i = 0; i < size; ++i) {
      p.group_of[id[g * size + i]] = g;
      for (std::uint32_t j = i + 1; j < size; ++j) add(id[g * size + i], id[g * size + j]);
    }
  }
  for (std::uint32_t k = 0; k < background; ++k) add(static_cast<std::uint32_t>(rng() % n), static_cast<std::uint32_t>(rng() % n));
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  p.graph = csr_from_pairs(n, pairs);
  return p;
}

bool is_permutation_of_range(const std::vector<std::uint32_t>& ids) {
  std::vector<std::uint32_t> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] != i) return false;
  }
  return true;
}

// How many groups got a block of consecutive new ids of exactly their size.
int contiguous_groups(const std::vector<std::uint32_t>& new_id, const Planted& p, std::uint32_t groups,
                      std::uint32_t size) {
  int contiguous = 0;
  for (std::uint32_t g = 0; g < groups; ++g) {
    std::uint32_t lo = ~0u, hi = 0;
    for (std::uint32_t v = 0; v < new_id.size(); ++v) {
      if (p.group_of[v] != g) continue;
      lo = std::min(lo, new_id[v]);
      hi = std::max(hi, new_id[v]);
    }
    contiguous += hi - lo + 1 == size;
  }
  return contiguous;
}

TEST(CommunityOrder, PlantedCliquesGetConsecutiveIds) {
  const Planted p = planted(/*groups=*/40, /*size=*/30, /*background=*/600, /*seed=*/3);
  const std::vector<std::uint32_t> new_id = compute_order(p.graph, VertexOrder::kCommunity);
  ASSERT_EQ(new_id.size(), p.group_of.size());
  ASSERT_TRUE(is_permutation_of_range(new_id));
  // Each group's new ids span exactly its size: nobody else in between.
  const int contiguous = contiguous_groups(new_id, p, 40, 30);
  EXPECT_EQ(contiguous, 40);
  // The BFS order, for contrast, interleaves groups reached through the background.
  const int bfs_contiguous = contiguous_groups(compute_order(p.graph, VertexOrder::kBfs), p, 40, 30);
  EXPECT_LT(bfs_contiguous, contiguous);
}

TEST(CommunityOrder, SameOrderOnOneThreadAndOnAll) {
  const Planted p = planted(/*groups=*/300, /*size=*/12, /*background=*/20000, /*seed=*/9);
  std::vector<std::uint32_t> one, all;
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
    one = compute_order(p.graph, VertexOrder::kCommunity);
  }
  all = compute_order(p.graph, VertexOrder::kCommunity);
  ASSERT_TRUE(is_permutation_of_range(one));
  EXPECT_EQ(one, all);
}

TEST(CommunityOrder, EmptyAndEdgelessGraphs) {
  EXPECT_TRUE(compute_order(csr_from_pairs(0, {}), VertexOrder::kCommunity).empty());
  const std::vector<std::uint32_t> lone = compute_order(csr_from_pairs(5, {}), VertexOrder::kCommunity);
  EXPECT_TRUE(is_permutation_of_range(lone));
  EXPECT_EQ(lone.size(), 5u);
}

}  // namespace
}  // namespace mutuals::internal
