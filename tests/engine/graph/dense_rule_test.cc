// The build's choice of dense containers: fullest first, within the budget
// (what each really adds), never below the floor.
#include "graph/dense_rule.h"

#include <gtest/gtest.h>

#include <vector>

#include "graph/roaring_view.h"
#include "graph/roaring_writer.h"

namespace mutuals::internal {
namespace {

// Array containers: `n` of `card` values each (2 * card bytes).
DenseCandidates cards(std::initializer_list<std::pair<std::uint32_t, std::uint64_t>> counts) {
  DenseCandidates d;
  for (auto [card, n] : counts) {
    d.containers[card] += n;
    d.bytes[card] += 2ull * card * n;
  }
  return d;
}

// Extra bytes of one dense container of c values in place of an array.
constexpr std::uint64_t extra(std::uint32_t c) { return kDenseBytes - 2ull * c; }

TEST(DenseRuleTest, FullestFirstWithinTheBudget) {
  const auto by_card = cards({{4000, 2}, {3000, 5}, {2000, 10}, {1500, 100}});
  const std::uint64_t adjacency = 10'000'000;
  // Room for the 4000s and the 3000s, not for all of the 2000s.
  const double budget = double(2 * extra(4000) + 5 * extra(3000) + 3 * extra(2000)) / adjacency;
  DenseChoice c = choose_dense(by_card, adjacency, {budget, 1024});
  EXPECT_EQ(c.dense_from, 3000u);
  EXPECT_EQ(c.containers, 7u);
  EXPECT_EQ(c.extra_bytes, 2 * extra(4000) + 5 * extra(3000));
  // A budget for everything stops at the floor.
  c = choose_dense(by_card, adjacency, {1.0, 1024});
  EXPECT_EQ(c.dense_from, 1500u);
  EXPECT_EQ(c.containers, 117u);
  c = choose_dense(by_card, adjacency, {1.0, 1501});
  EXPECT_EQ(c.dense_from, 2000u);
}

// A run container costs its own bytes, fewer than an array's: the budget
// counts what it really adds.
TEST(DenseRuleTest, RunContainersCountTheirOwnBytes) {
  DenseCandidates d = cards({{3000, 1}});
  d.containers[3000] += 1;
  d.bytes[3000] += 2 + 4 * 10;  // 3000 values in 10 runs
  const std::uint64_t both = extra(3000) + (kDenseBytes - 42);
  EXPECT_EQ(choose_dense(d, 1'000'000, {double(both) / 1'000'000, 1024}).containers, 2u);
  EXPECT_EQ(choose_dense(d, 1'000'000, {double(both - 1) / 1'000'000, 1024}).containers, 0u);
}

TEST(DenseRuleTest, NothingWhenNoneFitsOrNoneAsked) {
  const auto by_card = cards({{2000, 10}});
  EXPECT_EQ(choose_dense(by_card, 1000, {0.01, 1024}).dense_from, kNeverDense);  // 10 bytes of budget
  EXPECT_EQ(choose_dense(by_card, 10'000'000, {0.0, 1024}).dense_from, kNeverDense);
  EXPECT_EQ(choose_dense(by_card, 10'000'000, {1.0, 3000}).containers, 0u);
  EXPECT_EQ(choose_dense(cards({}), 10'000'000, {1.0, 1}).dense_from, kNeverDense);
}

}  // namespace
}  // namespace mutuals::internal
