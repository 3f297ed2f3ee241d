// The intersection kernel, doublechecked: every container-kind pairing
// (array/array both balanced and skewed past the 32x galloping switch,
// array/bitset, bitset/bitset, run with each), through both sinks and both
// masks, against std::set_intersection plus a filter.
#include "kernels/intersect.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "consent/consent_snapshot.h"
#include "kernels/count_pair.h"
#include "kernels/simd/simd_level.h"
#include "graph/roaring_writer.h"
#include "support/random_graph.h"

namespace mutuals::internal {
namespace {

using testing::chance;
using testing::uniform;

// A set of vertex ids with its serialized bitmap.
struct Bitmap {
  std::vector<std::uint32_t> values;
  std::vector<std::uint8_t> bytes;
  BitmapView view;
};

// Array containers of dense_from values or more are written dense.
Bitmap make_bitmap(std::vector<std::uint32_t> values, std::uint32_t dense_from = kNeverDense) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  Bitmap b;
  b.values = std::move(values);
  b.bytes.resize(serialized_bitmap_size(b.values, dense_from));
  serialize_bitmap(b.values, b.bytes.data(), dense_from);
  EXPECT_EQ(validate_bitmap(b.bytes.data(), b.bytes.size(), std::uint64_t{1} << 32), "");
  b.view = BitmapView::parse(b.bytes.data(), b.bytes.size());
  return b;
}

std::vector<std::uint32_t> expected(const Bitmap& a, const Bitmap& b, const ConsentSnapshot* visible) {
  std::vector<std::uint32_t> both;
  std::set_intersection(a.values.begin(), a.values.end(), b.values.begin(), b.values.end(),
                        std::back_inserter(both));
  if (visible != nullptr) {
    std::erase_if(both, [&](std::uint32_t v) { return !(visible->flags(v) & kFlagVisible); });
  }
  return both;
}

std::uint64_t count_of(const Bitmap& a, const Bitmap& b, const ConsentSnapshot* visible) {
  CountSink sink;
  if (visible == nullptr) {
    intersect(a.view, b.view, NoMask{}, sink);
  } else {
    intersect(a.view, b.view, VisibleMask{visible}, sink);
  }
  return sink.count;
}

std::vector<std::uint32_t> list_of(const Bitmap& a, const Bitmap& b, const ConsentSnapshot* visible) {
  std::vector<std::uint32_t> out;
  ListSink sink{&out};
  if (visible == nullptr) {
    intersect(a.view, b.view, NoMask{}, sink);
  } else {
    intersect(a.view, b.view, VisibleMask{visible}, sink);
  }
  return out;
}

// Both sinks, both argument orders, against the reference.
void doublecheck(const Bitmap& a, const Bitmap& b, const ConsentSnapshot* visible, const std::string& what) {
  SCOPED_TRACE(what);
  const std::vector<std::uint32_t> want = expected(a, b, visible);
  EXPECT_EQ(count_of(a, b, visible), want.size());
  EXPECT_EQ(count_of(b, a, visible), want.size());
  EXPECT_EQ(list_of(a, b, visible), want);
  EXPECT_EQ(list_of(b, a, visible), want);
  // The whole-pair count kernels (kernels/count_pair.h), every build this CPU runs.
  EXPECT_EQ(count_pair_generic(a.view, b.view, visible), want.size());
  EXPECT_EQ(count_pair()(b.view, a.view, visible), want.size());
  if (cpu_has_avx2()) {
    EXPECT_EQ(count_pair_avx2(a.view, b.view, visible), want.size());
  }
  if (cpu_has_avx512()) {
    EXPECT_EQ(count_pair_avx512(a.view, b.view, visible), want.size());
  }
}

std::shared_ptr<const ConsentSnapshot> visibility(std::uint32_t members, double p_visible, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<MemberFlags> flags(members);
  for (auto& f : flags) f = chance(rng, p_visible) ? MemberFlags(kFlagVisible | kFlagRolledOut) : kDefaultFlags;
  return ConsentSnapshot::from_flags(flags, 1);
}

std::vector<std::uint32_t> range(std::uint32_t lo, std::uint32_t hi_inclusive) {
  std::vector<std::uint32_t> v;
  for (std::uint32_t x = lo; x <= hi_inclusive; ++x) v.push_back(x);
  return v;
}

// ---- Tiny hand-drawn cases, exact answers ---------------------------------

//      0 ----- 1
//      | \     |
//      |   \   |          N(0) = {1, 2, 3}
//      2     \ |          N(1) = {0, 3}
//      |       3          N(0) ∩ N(1) = {3}
//      4 ------/          N(2) ∩ N(3) = {0, 4}
TEST(IntersectTest, TinyGraphExactAnswers) {
  Bitmap n0 = make_bitmap({1, 2, 3}), n1 = make_bitmap({0, 3});
  Bitmap n2 = make_bitmap({0, 4}), n3 = make_bitmap({0, 1, 4}), n4 = make_bitmap({2, 3});
  EXPECT_EQ(list_of(n0, n1, nullptr), (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(list_of(n2, n3, nullptr), (std::vector<std::uint32_t>{0, 4}));
  EXPECT_EQ(count_of(n0, n4, nullptr), 2u);  // {2, 3}
  EXPECT_EQ(count_of(n1, n4, nullptr), 1u);  // {3}
  EXPECT_EQ(count_of(n1, n2, nullptr), 1u);  // {0}
  Bitmap empty = make_bitmap({});
  EXPECT_EQ(count_of(n0, empty, nullptr), 0u);
  EXPECT_EQ(list_of(empty, empty, nullptr), (std::vector<std::uint32_t>{}));

  // Member 3 hidden: it is neither counted nor listed.
  //   visible: 0 1 2 . 4
  std::vector<MemberFlags> flags(5, kFlagVisible);
  flags[3] = kDefaultFlags;
  auto snap = ConsentSnapshot::from_flags(flags, 1);
  EXPECT_EQ(count_of(n0, n1, snap.get()), 0u);
  EXPECT_EQ(list_of(n0, n1, snap.get()), (std::vector<std::uint32_t>{}));
  EXPECT_EQ(list_of(n0, n4, snap.get()), (std::vector<std::uint32_t>{2}));
  EXPECT_EQ(list_of(n2, n3, snap.get()), (std::vector<std::uint32_t>{0, 4}));
}

//   a: [0 ........ 99]                   one run
//   b:       [50 ......... 149]          one run
//   a ∩ b:   [50 .. 99]                  50 values
//   c: 0 2 4 ... 198                     array of evens
//   a ∩ c: evens below 100               50 values;  b ∩ c: evens 50..148 = 50 values
TEST(IntersectTest, RunsExactAnswers) {
  Bitmap a = make_bitmap(range(0, 99)), b = make_bitmap(range(50, 149));
  std::vector<std::uint32_t> evens;
  for (std::uint32_t v = 0; v < 200; v += 2) evens.push_back(v);
  Bitmap c = make_bitmap(evens);
  ASSERT_EQ(a.view.kind(0), ContainerKind::kRun);
  ASSERT_EQ(c.view.kind(0), ContainerKind::kArray);
  EXPECT_EQ(list_of(a, b, nullptr), range(50, 99));
  EXPECT_EQ(count_of(a, c, nullptr), 50u);
  EXPECT_EQ(count_of(b, c, nullptr), 50u);
  // Runs that only touch do not intersect; runs crossing a word boundary do.
  EXPECT_EQ(count_of(make_bitmap(range(0, 63)), make_bitmap(range(64, 200)), nullptr), 0u);
  EXPECT_EQ(list_of(make_bitmap(range(60, 70)), make_bitmap(range(63, 64)), nullptr), range(63, 64));
}

//   a: multiples of 2 below 10000   (5000 values: bitset)
//   b: multiples of 3 below 15000   (5000 values: bitset)
//   a ∩ b: multiples of 6 below 10000 = 1667 values
//   hidden: multiples of 4  ->  6k is a multiple of 4 iff k is even: 834 hidden, 833 remain
TEST(IntersectTest, BitsetsExactAnswers) {
  std::vector<std::uint32_t> twos, threes;
  for (std::uint32_t v = 0; v < 10000; v += 2) twos.push_back(v);
  for (std::uint32_t v = 0; v < 15000; v += 3) threes.push_back(v);
  Bitmap a = make_bitmap(twos), b = make_bitmap(threes);
  ASSERT_EQ(a.view.kind(0), ContainerKind::kBitset);
  ASSERT_EQ(b.view.kind(0), ContainerKind::kBitset);
  EXPECT_EQ(count_of(a, b, nullptr), 1667u);
  std::vector<MemberFlags> flags(15000);
  for (std::uint32_t v = 0; v < flags.size(); ++v) flags[v] = v % 4 == 0 ? kDefaultFlags : kFlagVisible;
  auto snap = ConsentSnapshot::from_flags(flags, 1);
  EXPECT_EQ(count_of(a, b, snap.get()), 833u);
  std::vector<std::uint32_t> listed = list_of(a, b, snap.get());
  ASSERT_EQ(listed.size(), 833u);
  EXPECT_EQ(listed.front(), 6u);
  EXPECT_EQ(listed.back(), 9990u);  // 9996 = 6 * 1666 is a multiple of 4
  // A run [100, 2099] against the bitset of evens: 1000 values.
  EXPECT_EQ(count_of(a, make_bitmap(range(100, 2099)), nullptr), 1000u);
}

// ---- Randomized, every kind pairing ---------------------------------------

enum class Shape { kSmallArray, kArray, kBitset, kRun };

// Values of one container of `key`, all inside [lo, lo + kWindow) so that
// containers of the same key overlap heavily.
constexpr std::uint32_t kWindow = 16384;

std::vector<std::uint32_t> container_values(Shape shape, std::uint16_t key, std::uint32_t lo, std::mt19937_64& rng) {
  std::vector<bool> in(kWindow, false);  // offsets from lo
  std::uint32_t card = 0;
  auto fill = [&](std::uint32_t want) {
    while (card < want) {
      std::uint32_t x = std::uint32_t(uniform(rng, kWindow));
      if (!in[x]) {
        in[x] = true;
        ++card;
      }
    }
  };
  switch (shape) {
    case Shape::kSmallArray: fill(1 + std::uint32_t(uniform(rng, 40))); break;
    case Shape::kArray: fill(1500 + std::uint32_t(uniform(rng, 2597))); break;
    case Shape::kBitset: fill(5000 + std::uint32_t(uniform(rng, 7000))); break;
    case Shape::kRun: {
      const std::uint32_t runs = 1 + std::uint32_t(uniform(rng, 40));
      for (std::uint32_t r = 0; r < runs; ++r) {
        std::uint32_t start = std::uint32_t(uniform(rng, kWindow));
        std::uint32_t len = 1 + std::uint32_t(uniform(rng, 1200));
        for (std::uint32_t v = start; v < std::min(kWindow, start + len); ++v) in[v] = true;
      }
      break;
    }
  }
  const std::uint32_t base = std::uint32_t(key) << 16;
  std::vector<std::uint32_t> out;
  for (std::uint32_t x = 0; x < kWindow; ++x) {
    if (in[x]) out.push_back(base | (lo + x));
  }
  return out;
}

const char* name(ContainerKind k) {
  switch (k) {
    case ContainerKind::kArray: return "array";
    case ContainerKind::kBitset: return "bitset";
    case ContainerKind::kRun: return "run";
  }
  return "?";
}

struct Coverage {
  std::map<std::string, int> pairs;  // "array/bitset" -> matching containers seen
  int galloping = 0;                 // array/array with one side > 32x the other
};

void record(const Bitmap& a, const Bitmap& b, Coverage& cov) {
  for (std::uint32_t i = 0; i < a.view.containers(); ++i) {
    for (std::uint32_t j = 0; j < b.view.containers(); ++j) {
      if (a.view.key(i) != b.view.key(j)) continue;
      const ContainerKind x = a.view.kind(i), y = b.view.kind(j);
      const std::uint32_t cx = a.view.card(i), cy = b.view.card(j);
      std::string k1 = name(x), k2 = name(y);
      cov.pairs[std::min(k1, k2) + "/" + std::max(k1, k2)]++;
      if (x == ContainerKind::kArray && y == ContainerKind::kArray && (cx > 32 * cy || cy > 32 * cx)) {
        ++cov.galloping;
      }
    }
  }
}

// A bitmap over `keys` (a few shared with the partner, a few its own).
Bitmap random_bitmap(Shape shape, const std::vector<std::uint16_t>& keys, const std::vector<std::uint32_t>& windows,
                     std::mt19937_64& rng, std::uint32_t dense_from) {
  std::vector<std::uint32_t> values;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    auto c = container_values(shape, keys[k], windows[k], rng);
    values.insert(values.end(), c.begin(), c.end());
  }
  return make_bitmap(values, dense_from);
}

// dense_a, dense_b: each side's dense threshold (kNeverDense: none).
void random_pairs(std::uint16_t max_key, const ConsentSnapshot* mask, std::uint64_t seed, Coverage& cov,
                  std::uint32_t dense_a = kNeverDense, std::uint32_t dense_b = kNeverDense) {
  std::mt19937_64 rng(seed);
  const Shape shapes[] = {Shape::kSmallArray, Shape::kArray, Shape::kBitset, Shape::kRun};
  for (Shape sa : shapes) {
    for (Shape sb : shapes) {
      for (int trial = 0; trial < 12; ++trial) {
        // Keys: shared ones with a common window, plus some on one side only.
        std::vector<std::uint16_t> ka, kb;
        std::vector<std::uint32_t> wa, wb;
        std::set<std::uint16_t> used;
        const int shared = 1 + int(uniform(rng, 3)), own = int(uniform(rng, 3));
        for (int i = 0; i < shared + 2 * own; ++i) {
          std::uint16_t key;
          do {
            key = static_cast<std::uint16_t>(max_key - uniform(rng, std::min<std::uint32_t>(max_key + 1u, 16)));
          } while (!used.insert(key).second);
          std::uint32_t window = std::uint32_t(uniform(rng, 65536 - kWindow + 1));
          if (i < shared || i % 2 == 0) { ka.push_back(key); wa.push_back(window); }
          if (i < shared || i % 2 == 1) { kb.push_back(key); wb.push_back(window); }
        }
        Bitmap a = random_bitmap(sa, ka, wa, rng, dense_a), b = random_bitmap(sb, kb, wb, rng, dense_b);
        record(a, b, cov);
        doublecheck(a, b, mask, "shapes " + std::to_string(int(sa)) + "/" + std::to_string(int(sb)) + " trial " +
                                    std::to_string(trial));
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
}

void expect_full_coverage(const Coverage& cov) {
  for (const char* pair : {"array/array", "array/bitset", "array/run", "bitset/bitset", "bitset/run", "run/run"}) {
    EXPECT_GE(cov.pairs.count(pair) ? cov.pairs.at(pair) : 0, 20) << pair;
  }
  EXPECT_GE(cov.galloping, 20);
}

TEST(IntersectDoublecheckedTest, NoMaskEveryKindPairingHighKeys) {
  Coverage cov;
  random_pairs(0xFFFF, nullptr, 1, cov);  // keys near the top of the 32-bit space
  expect_full_coverage(cov);
}

TEST(IntersectDoublecheckedTest, NoMaskEveryKindPairingLowKeys) {
  Coverage cov;
  random_pairs(15, nullptr, 2, cov);
  expect_full_coverage(cov);
}

TEST(IntersectDoublecheckedTest, VisibleMaskEveryKindPairing) {
  // Members [0, 16 * 65536): keys 0..15. Mostly visible, half visible, and
  // a member count that is not a multiple of 64 (bits past it must be 0).
  const std::uint32_t members = 16 * 65536;
  for (double p : {0.85, 0.5}) {
    auto snap = visibility(members, p, 3);
    EXPECT_GT(snap->hidden_members(), 0u);
    Coverage cov;
    random_pairs(15, snap.get(), 4 + std::uint64_t(p * 100), cov);
    expect_full_coverage(cov);
  }
}

// Dense containers (hubs' array containers kept as bitsets) are bitsets to
// every kernel: the same answers, with and without the mask, on one side
// (dense against array, bitset, run) or both.
TEST(IntersectDoublecheckedTest, DenseContainersEveryPairing) {
  const std::uint32_t members = 16 * 65536;
  auto snap = visibility(members, 0.7, 11);
  for (const ConsentSnapshot* mask : {static_cast<const ConsentSnapshot*>(nullptr), snap.get()}) {
    Coverage one_side, both_sides;
    random_pairs(15, mask, 12, one_side, /*dense_a=*/20, kNeverDense);
    random_pairs(15, mask, 13, both_sides, /*dense_a=*/1, /*dense_b=*/1500);
    for (const char* pair : {"array/bitset", "bitset/bitset", "bitset/run"}) {
      EXPECT_GE(one_side.pairs.count(pair) ? one_side.pairs.at(pair) : 0, 20) << pair;
    }
    for (const char* pair : {"bitset/bitset", "bitset/run"}) {
      EXPECT_GE(both_sides.pairs.count(pair) ? both_sides.pairs.at(pair) : 0, 20) << pair;
    }
    EXPECT_EQ(both_sides.pairs.count("array/array"), 0u);
  }
}

// A dense container holds exactly its array's values, next to plain ones.
TEST(IntersectTest, DenseContainerExactAnswers) {
  std::vector<std::uint32_t> evens, threes;
  for (std::uint32_t v = 0; v < 2 * 65536 + 4000; v += 2) evens.push_back(v);  // 32768, 32768, 2000 a key
  for (std::uint32_t v = 0; v < 6000; v += 3) threes.push_back(v);
  Bitmap dense = make_bitmap(threes, 1000), plain = make_bitmap(threes);
  ASSERT_EQ(dense.view.kind(0), ContainerKind::kBitset);
  ASSERT_EQ(plain.view.kind(0), ContainerKind::kArray);
  EXPECT_EQ(dense.bytes.size(), 2 + 2 + 4 + 2 + 8192u);  // head, marks, key and card, marker, bits
  Bitmap e = make_bitmap(evens, 1000);
  EXPECT_EQ(e.view.kind(2), ContainerKind::kBitset);  // the 2000-value array container
  EXPECT_EQ(count_of(dense, e, nullptr), 1000u);      // multiples of 6 below 6000
  EXPECT_EQ(count_of(dense, plain, nullptr), 2000u);
  EXPECT_EQ(list_of(dense, plain, nullptr), threes);
  std::vector<std::uint32_t> back;
  dense.view.decode(back);
  EXPECT_EQ(back, threes);
  EXPECT_TRUE(dense.view.contains(2997));
  EXPECT_FALSE(dense.view.contains(2998));
}

TEST(IntersectDoublecheckedTest, VisibleMaskExtremes) {
  std::mt19937_64 rng(5);
  Bitmap a = make_bitmap(container_values(Shape::kBitset, 0, 0, rng));
  Bitmap b = make_bitmap(container_values(Shape::kRun, 0, 0, rng));
  Bitmap c = make_bitmap(container_values(Shape::kArray, 0, 0, rng));
  const std::uint32_t members = 100003;  // not a multiple of 64 or 4096
  auto nobody = visibility(members, 0.0, 6);
  auto everybody = visibility(members, 1.0, 7);
  EXPECT_EQ(nobody->hidden_members(), members);
  EXPECT_EQ(everybody->hidden_members(), 0u);
  for (const Bitmap* x : {&a, &b, &c}) {
    for (const Bitmap* y : {&a, &b, &c}) {
      EXPECT_EQ(count_of(*x, *y, nobody.get()), 0u);
      EXPECT_TRUE(list_of(*x, *y, nobody.get()).empty());
      EXPECT_EQ(count_of(*x, *y, everybody.get()), count_of(*x, *y, nullptr));
      EXPECT_EQ(list_of(*x, *y, everybody.get()), expected(*x, *y, nullptr));
    }
  }
  // With everyone visible the count is the plain intersection, and nonzero here.
  EXPECT_GT(count_of(a, b, everybody.get()), 0u);
}

}  // namespace
}  // namespace mutuals::internal
