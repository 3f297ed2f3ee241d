// An expanded viewer (kernels/dense_probe.h) against subjects of every
// container kind (arrays, bitsets, runs, dense containers), with and without
// hidden members: the count and the list equal std::set_intersection's.
#include "kernels/dense_probe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <vector>

#include "graph/roaring_writer.h"

namespace mutuals::internal {
namespace {

constexpr std::uint32_t kMembers = 5 * 65536 + 123;

struct Set {
  std::vector<std::uint32_t> values;
  std::vector<std::uint8_t> bytes;
  BitmapView view;
};

// Per key: empty, a few values, hundreds, a dense stretch (runs), or thousands.
Set random_set(std::mt19937_64& rng, std::uint32_t dense_from) {
  std::vector<std::uint32_t> v;
  for (std::uint32_t key = 0; key * 65536u < kMembers; ++key) {
    const std::uint32_t base = key * 65536, span = std::min<std::uint32_t>(65536, kMembers - base);
    const std::uint64_t shape = span < 20000 ? 1 : rng() % 5;  // the last, short key: a few values
    switch (shape) {
      case 0: break;
      case 1: for (int i = 0; i < 5; ++i) v.push_back(base + std::uint32_t(rng() % span)); break;
      case 2: for (int i = 0; i < 700; ++i) v.push_back(base + std::uint32_t(rng() % span)); break;
      case 3: {
        const std::uint32_t start = std::uint32_t(rng() % (span - 3000));
        for (std::uint32_t x = start; x < start + 3000; x += rng() % 10 == 0 ? 6 : 1) v.push_back(base + x);
        break;
      }
      default: for (int i = 0; i < 9000; ++i) v.push_back(base + std::uint32_t(rng() % span)); break;
    }
  }
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  EXPECT_LT(v.back(), kMembers);
  Set s;
  s.values = std::move(v);
  s.bytes.resize(serialized_bitmap_size(s.values, dense_from));
  serialize_bitmap(s.values, s.bytes.data(), dense_from);
  s.view = BitmapView::parse(s.bytes.data(), s.bytes.size());
  return s;
}

TEST(DenseProbeTest, EveryKindWithAndWithoutMask) {
  std::mt19937_64 rng(61);
  std::vector<MemberFlags> flags(kMembers, MemberFlags(kFlagVisible | kFlagRolledOut));
  auto everyone = ConsentSnapshot::from_flags(flags, 1);
  for (std::uint32_t m = 0; m < kMembers; m += 3) flags[m] = kDefaultFlags;
  auto some_hidden = ConsentSnapshot::from_flags(flags, 2);
  ASSERT_EQ(everyone->hidden_members(), 0u);
  int nonzero = 0;
  int kinds[3] = {0, 0, 0};
  for (int trial = 0; trial < 12; ++trial) {
    const Set viewer = random_set(rng, trial % 2 ? 200 : kNeverDense);
    const DenseNeighbours expanded(viewer.view, kMembers);
    for (int k = 0; k < 8; ++k) {
      const Set subject = random_set(rng, k % 3 == 0 ? 200 : kNeverDense);
      for (ContainerCursor c(subject.view); !c.done(); c.next()) ++kinds[static_cast<int>(c.get().kind)];
      std::vector<std::uint32_t> both;
      std::set_intersection(viewer.values.begin(), viewer.values.end(), subject.values.begin(), subject.values.end(),
                            std::back_inserter(both));
      EXPECT_EQ(expanded.count(subject.view, *everyone), both.size()) << trial << "/" << k;
      std::vector<std::uint32_t> listed;
      expanded.list(subject.view, *everyone, listed);
      EXPECT_EQ(listed, both);
      std::erase_if(both, [](std::uint32_t m) { return m % 3 == 0; });
      EXPECT_EQ(expanded.count(subject.view, *some_hidden), both.size()) << trial << "/" << k;
      listed.clear();
      expanded.list(subject.view, *some_hidden, listed);
      EXPECT_EQ(listed, both);
      nonzero += !both.empty();
    }
  }
  EXPECT_GT(nonzero, 50);
  for (int k : kinds) EXPECT_GT(k, 10);  // arrays, bitsets (plain and dense), runs
}

}  // namespace
}  // namespace mutuals::internal
