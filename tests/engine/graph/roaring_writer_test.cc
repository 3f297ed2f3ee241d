// serialize_bitmap against CRoaring, and validate_bitmap against hostile
// bytes.
//
// The writer's contract: its output is the Roaring portable format, so
// CRoaring reads back exactly the input set, consuming exactly
// serialized_bitmap_size bytes; when no container is a run, the bytes are
// identical to CRoaring's own portable serialization. Each container takes
// the smallest of array, bitset and run. validate_bitmap accepts everything
// the writer produces and rejects truncation, bad cookies, disordered keys,
// out-of-universe values and overlapping runs.
#include <gtest/gtest.h>
#include <roaring/roaring.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "graph/roaring_view.h"
#include "graph/roaring_writer.h"
#include "support/random_graph.h"

namespace mutuals::internal {
namespace {

using testing::chance;
using testing::uniform;

struct RoaringDeleter {
  void operator()(roaring_bitmap_t* r) const { roaring_bitmap_free(r); }
};
using RoaringPtr = std::unique_ptr<roaring_bitmap_t, RoaringDeleter>;

std::vector<std::uint8_t> serialize(const std::vector<std::uint32_t>& values) {
  std::vector<std::uint8_t> out(serialized_bitmap_size(values));
  serialize_bitmap(values, out.data());
  return out;
}

std::vector<std::uint32_t> croaring_values(const roaring_bitmap_t* r) {
  std::vector<std::uint32_t> out(roaring_bitmap_get_cardinality(r));
  roaring_bitmap_to_uint32_array(r, out.data());
  return out;
}

// The smallest-container rule, restated from the format: per 65536-value
// block, array = 2 bytes a value (at most 4096 values), bitset = 8192
// bytes, run = 2 + 4 bytes a run; a run only when strictly smaller.
ContainerKind expected_kind(const std::vector<std::uint32_t>& block) {
  std::uint32_t runs = 0;
  for (std::size_t i = 0; i < block.size(); ++i) {
    if (i == 0 || block[i] != block[i - 1] + 1) ++runs;
  }
  std::size_t plain = block.size() > 4096 ? 8192 : 2 * block.size();
  if (2 + 4 * std::size_t(runs) < plain) return ContainerKind::kRun;
  return block.size() > 4096 ? ContainerKind::kBitset : ContainerKind::kArray;
}

// Everything the writer promises about one set. Returns the container kinds
// seen, for coverage checks.
std::vector<ContainerKind> check_set(const std::vector<std::uint32_t>& values, const std::string& what) {
  SCOPED_TRACE(what + " (" + std::to_string(values.size()) + " values)");
  std::vector<std::uint8_t> bytes = serialize(values);
  EXPECT_EQ(bytes.size(), serialized_bitmap_size(values));
  std::uint64_t universe = values.empty() ? 1 : std::uint64_t(values.back()) + 1;
  EXPECT_EQ(validate_bitmap(bytes.data(), bytes.size(), universe), "");
  BitmapView view = BitmapView::parse(bytes.data(), bytes.size());
  EXPECT_EQ(view.cardinality(), values.size());
  if (values.empty()) {
    EXPECT_EQ(bytes.size(), 0u);
    EXPECT_EQ(view.containers(), 0u);
    return {};
  }
  // One value too few in the universe: the largest value is now out of range.
  EXPECT_NE(validate_bitmap(bytes.data(), bytes.size(), universe - 1), "");

  // CRoaring reads exactly our bytes and exactly our set.
  const char* raw = reinterpret_cast<const char*>(bytes.data());
  EXPECT_EQ(roaring_bitmap_portable_deserialize_size(raw, bytes.size()), bytes.size());
  RoaringPtr back(roaring_bitmap_portable_deserialize_safe(raw, bytes.size()));
  EXPECT_NE(back, nullptr);
  if (back == nullptr) return {};
  EXPECT_EQ(croaring_values(back.get()), values);

  // Per container: key, cardinality and the smallest kind.
  std::vector<ContainerKind> kinds;
  std::size_t begin = 0;
  std::uint32_t i = 0;
  while (begin < values.size()) {
    std::size_t end = begin;
    while (end < values.size() && (values[end] >> 16) == (values[begin] >> 16)) ++end;
    std::vector<std::uint32_t> block(values.begin() + std::ptrdiff_t(begin), values.begin() + std::ptrdiff_t(end));
    EXPECT_LT(i, view.containers());
    if (i >= view.containers()) break;
    EXPECT_EQ(view.key(i), values[begin] >> 16);
    EXPECT_EQ(view.card(i), block.size());
    ContainerRef c = view.container(i);
    EXPECT_EQ(c.kind, expected_kind(block)) << "container " << i;
    EXPECT_EQ(c.card, block.size());
    kinds.push_back(c.kind);
    begin = end;
    ++i;
  }
  EXPECT_EQ(i, view.containers());

  // Without runs the format has no choices left: byte-identical to CRoaring.
  if (load_u32(bytes.data()) == kCookieNoRun) {
    RoaringPtr r(roaring_bitmap_of_ptr(values.size(), values.data()));
    std::vector<char> theirs(roaring_bitmap_portable_size_in_bytes(r.get()));
    roaring_bitmap_portable_serialize(r.get(), theirs.data());
    EXPECT_EQ(theirs.size(), bytes.size());
    EXPECT_TRUE(theirs.size() == bytes.size() && std::memcmp(theirs.data(), bytes.data(), bytes.size()) == 0)
        << "bytes differ from CRoaring's portable serialization";
  } else {
    EXPECT_EQ(load_u32(bytes.data()) & 0xFFFF, kCookieRun);
  }
  return kinds;
}

// ---- Set shapes -----------------------------------------------------------

void add_sparse(std::set<std::uint32_t>& s, std::uint16_t key, std::uint32_t card, std::mt19937_64& rng) {
  std::uint32_t base = std::uint32_t(key) << 16;
  while (card > 0) {
    if (s.insert(base | std::uint32_t(uniform(rng, 65536))).second) --card;
  }
}

void add_runs(std::set<std::uint32_t>& s, std::uint16_t key, std::uint32_t runs, std::uint32_t max_len,
              std::mt19937_64& rng) {
  std::uint32_t base = std::uint32_t(key) << 16;
  for (std::uint32_t r = 0; r < runs; ++r) {
    std::uint32_t start = std::uint32_t(uniform(rng, 65536));
    std::uint32_t len = 1 + std::uint32_t(uniform(rng, max_len));
    for (std::uint32_t v = start; v < std::min<std::uint32_t>(65536, start + len); ++v) s.insert(base | v);
  }
}

std::vector<std::uint32_t> to_vector(const std::set<std::uint32_t>& s) { return {s.begin(), s.end()}; }

std::vector<std::uint32_t> range(std::uint32_t lo, std::uint32_t hi_inclusive) {
  std::vector<std::uint32_t> v;
  for (std::uint64_t x = lo; x <= hi_inclusive; ++x) v.push_back(static_cast<std::uint32_t>(x));
  return v;
}

TEST(RoaringWriterTest, EdgeCaseSetsMatchCRoaring) {
  check_set({}, "empty");
  check_set({0}, "zero");
  check_set({0xFFFFFFFFu}, "max value");
  check_set({0, 0xFFFFFFFFu}, "both ends");
  check_set({65535, 65536}, "across a key boundary");
  check_set(range(0xFFFFFF00u, 0xFFFFFFFFu), "run ending at 2^32-1");
  check_set(range(0xFFFF0000u, 0xFFFFFFFFu), "full last container");
  check_set(range(0, 65535), "full first container");
  check_set(range(0, 65536 * 3 - 1), "three full containers");
  check_set({7, 8}, "two consecutive: array (4 bytes) beats run (6)");
  check_set({7, 8, 9}, "three consecutive: a tie keeps the array");
  check_set({7, 8, 9, 10}, "four consecutive: run (6) beats array (8)");

  std::vector<std::uint32_t> evens;
  for (std::uint32_t v = 0; v < 2 * 4096; v += 2) evens.push_back(v);
  auto kinds = check_set(evens, "4096 values: still an array");
  ASSERT_EQ(kinds.size(), 1u);
  EXPECT_EQ(kinds[0], ContainerKind::kArray);
  evens.push_back(2 * 4096);
  kinds = check_set(evens, "4097 values: a bitset");
  ASSERT_EQ(kinds.size(), 1u);
  EXPECT_EQ(kinds[0], ContainerKind::kBitset);

  std::vector<std::uint32_t> alternating;
  for (std::uint32_t v = 0; v < 65536; v += 2) alternating.push_back(v | (0xFFFFu << 16));
  check_set(alternating, "alternating bits in the last container");
}

TEST(RoaringWriterTest, RunBitmapsAroundTheOffsetThreshold) {
  // Run-format bitmaps carry container offsets only from 4 containers up.
  for (std::uint32_t containers = 1; containers <= 6; ++containers) {
    std::vector<std::uint32_t> values;
    for (std::uint32_t k = 0; k < containers; ++k) {
      if (k % 2 == 0) {
        auto r = range(k << 16 | 100, k << 16 | 400);  // run
        values.insert(values.end(), r.begin(), r.end());
      } else {
        for (std::uint32_t x = 0; x < 50; ++x) values.push_back(k << 16 | (x * 7));  // array
      }
    }
    auto kinds = check_set(values, "run layout with " + std::to_string(containers) + " containers");
    ASSERT_EQ(kinds.size(), containers);
    EXPECT_EQ(kinds[0], ContainerKind::kRun);
  }
}

TEST(RoaringWriterTest, ManyContainers) {
  std::vector<std::uint32_t> one_per_key;
  for (std::uint32_t k = 0; k < 65536; k += 3) one_per_key.push_back(k << 16 | (k & 0xFFFF));
  check_set(one_per_key, "21846 single-value containers");
  std::vector<std::uint32_t> every_key;
  for (std::uint32_t k = 0; k < 65536; ++k) every_key.push_back(k << 16 | 17);
  auto kinds = check_set(every_key, "65536 containers");
  EXPECT_EQ(kinds.size(), 65536u);
}

TEST(RoaringWriterTest, RandomSetsMatchCRoaring) {
  std::mt19937_64 rng(20240611);
  std::set<ContainerKind> seen;
  int with_runs = 0, without_runs = 0;
  for (int trial = 0; trial < 400; ++trial) {
    std::set<std::uint32_t> s;
    const int containers = 1 + int(uniform(rng, trial % 10 == 0 ? 40 : 6));
    const bool high_keys = chance(rng, 0.3);
    for (int c = 0; c < containers; ++c) {
      std::uint16_t key = high_keys ? std::uint16_t(0xFFFF - uniform(rng, 8)) : std::uint16_t(uniform(rng, 64));
      switch (uniform(rng, 5)) {
        case 0: add_sparse(s, key, 1 + std::uint32_t(uniform(rng, 200)), rng); break;           // small array
        case 1: add_sparse(s, key, 1 + std::uint32_t(uniform(rng, 4096)), rng); break;          // array
        case 2: add_sparse(s, key, 4097 + std::uint32_t(uniform(rng, 30000)), rng); break;      // bitset
        case 3: add_runs(s, key, 1 + std::uint32_t(uniform(rng, 30)), 3000, rng); break;        // runs
        default:                                                                                // mixed
          add_sparse(s, key, 1 + std::uint32_t(uniform(rng, 6000)), rng);
          add_runs(s, key, 1 + std::uint32_t(uniform(rng, 5)), 20000, rng);
      }
    }
    std::vector<std::uint32_t> values = to_vector(s);
    auto kinds = check_set(values, "random set " + std::to_string(trial));
    seen.insert(kinds.begin(), kinds.end());
    if (std::find(kinds.begin(), kinds.end(), ContainerKind::kRun) != kinds.end()) ++with_runs; else ++without_runs;
    if (::testing::Test::HasFailure()) break;  // the first difference is enough
  }
  EXPECT_EQ(seen.size(), 3u) << "every container kind must have been exercised";
  EXPECT_GT(with_runs, 50);
  EXPECT_GT(without_runs, 50);
}

// ---- Hostile bytes --------------------------------------------------------

class Bytes {
 public:
  Bytes& u16(std::uint16_t v) { return raw(&v, 2); }
  Bytes& u32(std::uint32_t v) { return raw(&v, 4); }
  Bytes& u8(std::uint8_t v) { return raw(&v, 1); }
  const std::vector<std::uint8_t>& get() const { return b_; }

 private:
  Bytes& raw(const void* p, std::size_t n) {
    const auto* c = static_cast<const std::uint8_t*>(p);
    b_.insert(b_.end(), c, c + n);
    return *this;
  }
  std::vector<std::uint8_t> b_;
};

std::string validate(const std::vector<std::uint8_t>& b, std::uint64_t universe = std::uint64_t{1} << 32) {
  return validate_bitmap(b.data(), b.size(), universe);
}

// Two array containers, keys k1 then k2, one value each, no-run layout.
std::vector<std::uint8_t> two_arrays(std::uint16_t k1, std::uint16_t k2) {
  // header 8 + keycards 8 + offsets 8 = 24, then 2 + 2 bytes.
  return Bytes().u32(kCookieNoRun).u32(2).u16(k1).u16(0).u16(k2).u16(0).u32(24).u32(26).u16(5).u16(9).get();
}

// One run container (key 0) with the given (start, length-1) runs.
std::vector<std::uint8_t> one_run_container(const std::vector<std::pair<std::uint16_t, std::uint16_t>>& runs) {
  std::uint32_t card = 0;
  for (auto [start, len] : runs) card += std::uint32_t(len) + 1;
  Bytes b;
  b.u32(kCookieRun).u8(1).u16(0).u16(static_cast<std::uint16_t>(card - 1)).u16(static_cast<std::uint16_t>(runs.size()));
  for (auto [start, len] : runs) b.u16(start).u16(len);
  return b.get();
}

TEST(ValidateBitmapTest, HandCraftedBlobsAreAccepted) {
  // The crafting helpers must produce valid bytes, or the rejections below prove nothing.
  EXPECT_EQ(validate(two_arrays(1, 2)), "");
  EXPECT_EQ(validate(one_run_container({{10, 4}, {20, 0}})), "");
  auto view_bytes = two_arrays(1, 2);
  BitmapView view = BitmapView::parse(view_bytes.data(), view_bytes.size());
  EXPECT_EQ(view.cardinality(), 2u);
  RoaringPtr r(roaring_bitmap_portable_deserialize_safe(reinterpret_cast<const char*>(view_bytes.data()),
                                                        view_bytes.size()));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(croaring_values(r.get()), (std::vector<std::uint32_t>{1u << 16 | 5, 2u << 16 | 9}));
}

TEST(ValidateBitmapTest, RejectsEveryTruncation) {
  std::mt19937_64 rng(99);
  std::vector<std::vector<std::uint32_t>> sets = {{1, 2, 3}, range(0, 70000), {5, 65536 + 5, 2 * 65536 + 5}};
  std::set<std::uint32_t> mixed;
  add_sparse(mixed, 0, 5000, rng);
  add_runs(mixed, 1, 10, 500, rng);
  add_sparse(mixed, 2, 300, rng);
  add_runs(mixed, 3, 3, 100, rng);
  add_sparse(mixed, 9, 1, rng);
  sets.push_back(to_vector(mixed));
  for (const auto& values : sets) {
    std::vector<std::uint8_t> bytes = serialize(values);
    ASSERT_EQ(validate(bytes), "");
    for (std::size_t len = 1; len < bytes.size(); ++len) {
      EXPECT_NE(validate_bitmap(bytes.data(), len, std::uint64_t{1} << 32), "") << "prefix of " << len << " bytes";
    }
    // And one byte too many.
    std::vector<std::uint8_t> longer = bytes;
    longer.push_back(0);
    EXPECT_EQ(validate(longer), "bytes left over after the last container");
  }
}

TEST(ValidateBitmapTest, RejectsBadCookies) {
  auto good = two_arrays(1, 2);
  for (std::uint32_t cookie : {0u, 12345u, 12348u, 0xFFFFFFFFu, kCookieNoRun | (1u << 16)}) {
    auto bad = good;
    std::memcpy(bad.data(), &cookie, 4);
    EXPECT_EQ(validate(bad), "unknown bitmap cookie") << cookie;
  }
}

TEST(ValidateBitmapTest, RejectsKeysOutOfOrder) {
  EXPECT_EQ(validate(two_arrays(2, 1)), "container keys not ascending");
  EXPECT_EQ(validate(two_arrays(3, 3)), "container keys not ascending");
}

TEST(ValidateBitmapTest, RejectsValuesOutsideTheUniverse) {
  // Array, bitset and run containers each checked against the member count.
  std::vector<std::uint32_t> array = {3, 70, 1000};
  std::vector<std::uint32_t> bitset;
  for (std::uint32_t v = 0; v < 12000; v += 2) bitset.push_back(v);
  std::vector<std::uint32_t> run = range(500, 900);
  for (const auto& values : {array, bitset, run}) {
    auto bytes = serialize(values);
    EXPECT_EQ(validate(bytes, values.back() + 1), "");
    EXPECT_EQ(validate(bytes, values.back()), "value beyond the member count");
  }
  // A whole container beyond the universe.
  EXPECT_EQ(validate(two_arrays(1, 2), 2u << 16), "container key beyond the member count");
}

TEST(ValidateBitmapTest, RejectsOverlappingAndTouchingRuns) {
  EXPECT_EQ(validate(one_run_container({{10, 5}, {12, 3}})), "runs overlap or touch");  // 10-15 and 12-15
  EXPECT_EQ(validate(one_run_container({{10, 4}, {15, 0}})), "runs overlap or touch");  // 10-14 and 15
  EXPECT_EQ(validate(one_run_container({{20, 1}, {10, 1}})), "runs overlap or touch");  // descending
  EXPECT_EQ(validate(one_run_container({{65530, 10}})), "run past the container end");
}

TEST(ValidateBitmapTest, RejectsInconsistentContainers) {
  // Cardinality field disagreeing with a run container.
  auto runs = one_run_container({{10, 4}});
  runs[7] = 7;  // card-1 low byte (after cookie, run bits and key): claims 8 values, the run holds 5
  EXPECT_EQ(validate(runs), "run container cardinality mismatch");
  // Array values not ascending.
  auto arr = Bytes().u32(kCookieNoRun).u32(1).u16(0).u16(1).u32(16).u16(9).u16(5).get();
  EXPECT_EQ(validate(arr), "array values not ascending");
  // Offsets that do not describe the contiguous layout.
  auto moved = two_arrays(1, 2);
  moved[20] = 24;  // second container's offset points at the first
  EXPECT_EQ(validate(moved), "container offset out of place");
  // Zero containers, and more than the format allows.
  EXPECT_NE(validate(Bytes().u32(kCookieNoRun).u32(0).get()), "");
  EXPECT_NE(validate(Bytes().u32(kCookieNoRun).u32(65537).get()), "");
  // A bitset whose bits disagree with its cardinality.
  std::vector<std::uint32_t> bitset;
  for (std::uint32_t v = 0; v < 10000; v += 2) bitset.push_back(v);
  auto bytes = serialize(bitset);
  bytes.back() ^= 0x80;  // set bit 65535 of the only container
  EXPECT_EQ(validate(bytes), "bitset container cardinality mismatch");
  // An empty run container.
  auto empty_run = Bytes().u32(kCookieRun).u8(1).u16(0).u16(0).u16(0).get();
  EXPECT_EQ(validate(empty_run), "empty run container");
}

}  // namespace
}  // namespace mutuals::internal
