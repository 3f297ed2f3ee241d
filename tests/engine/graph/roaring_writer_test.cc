// serialize_bitmap (the store's compact layout) and portable_bitmap (the
// Roaring portable format) against CRoaring and against an independent
// decoder; validate_bitmap against hostile bytes.
//
// The writer's contract: the compact blob holds exactly the input set (as
// read by BitmapView and by tests' own reference decoder), in exactly
// serialized_bitmap_size bytes, with each container the smallest of array,
// bitset and run; portable_bitmap is read back by CRoaring as exactly the
// set, consuming all its bytes, and when no container is a run it is byte
// for byte CRoaring's own serialization; container payloads are the same
// bytes in both layouts. validate_bitmap accepts everything the writer
// produces and rejects truncation, bad headers, disordered keys,
// out-of-universe values and overlapping runs.
#include <gtest/gtest.h>
#include <roaring/roaring.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/graph/compact_bitmap_reference.h"
#include "graph/roaring_view.h"
#include "graph/roaring_writer.h"
#include "support/random_graph.h"

namespace mutuals::internal {
namespace {

using testing::chance;
using testing::reference_decode;
using testing::uniform;

constexpr std::uint32_t kPortableNoRun = 12346, kPortableRun = 12347;

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

// The portable bytes must be what CRoaring reads as `values`.
void check_portable(const std::vector<std::uint32_t>& values, const std::vector<std::uint8_t>& compact) {
  std::vector<std::uint8_t> portable = portable_bitmap(values);
  const char* raw = reinterpret_cast<const char*>(portable.data());
  EXPECT_EQ(roaring_bitmap_portable_deserialize_size(raw, portable.size()), portable.size());
  RoaringPtr back(roaring_bitmap_portable_deserialize_safe(raw, portable.size()));
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(croaring_values(back.get()), values);

  const std::uint32_t cookie = load_u32(portable.data());
  if (cookie == kPortableNoRun) {
    // Without runs the format leaves no choices: byte-identical to CRoaring.
    RoaringPtr r(roaring_bitmap_of_ptr(values.size(), values.data()));
    std::vector<char> theirs(roaring_bitmap_portable_size_in_bytes(r.get()));
    roaring_bitmap_portable_serialize(r.get(), theirs.data());
    EXPECT_TRUE(theirs.size() == portable.size() && std::memcmp(theirs.data(), raw, portable.size()) == 0)
        << "bytes differ from CRoaring's portable serialization";
  } else {
    EXPECT_EQ(cookie & 0xFFFF, kPortableRun);
  }
  // Container payloads are the same bytes in both layouts: the tails match.
  BitmapView view = BitmapView::parse(compact.data(), compact.size());
  const std::size_t payload = compact.size() - static_cast<std::size_t>(view.payload() - compact.data());
  ASSERT_LE(payload, portable.size());
  EXPECT_EQ(0, std::memcmp(compact.data() + compact.size() - payload, portable.data() + portable.size() - payload,
                           payload));
}

// Everything the writer promises about one set. Returns the container kinds
// seen, for coverage checks.
std::vector<ContainerKind> check_set(const std::vector<std::uint32_t>& values, const std::string& what) {
  SCOPED_TRACE(what + " (" + std::to_string(values.size()) + " values)");
  std::vector<std::uint8_t> bytes = serialize(values);
  EXPECT_EQ(bytes.size() % 2, 0u) << "blobs are u16-granular (the store keeps offsets in 2-byte units)";
  const std::uint64_t universe = values.empty() ? 1 : std::uint64_t(values.back()) + 1;
  EXPECT_EQ(validate_bitmap(bytes.data(), bytes.size(), universe), "");
  BitmapView view = BitmapView::parse(bytes.data(), bytes.size());
  EXPECT_EQ(view.cardinality(), values.size());
  auto reference = reference_decode(bytes.data(), bytes.size());
  EXPECT_TRUE(reference.has_value());
  if (reference) {
    EXPECT_EQ(*reference, values);
  }
  std::vector<std::uint32_t> decoded;
  view.decode(decoded);
  EXPECT_EQ(decoded, values);
  if (values.empty()) {
    EXPECT_EQ(bytes.size(), 0u);
    EXPECT_EQ(view.containers(), 0u);
    EXPECT_FALSE(view.contains(0));
    return {};
  }
  // One value too few in the universe: the largest value is now out of range.
  EXPECT_NE(validate_bitmap(bytes.data(), bytes.size(), universe - 1), "");
  // contains(): the first, last and a few values, and their neighbors.
  for (std::size_t i : {std::size_t{0}, values.size() / 3, values.size() / 2, values.size() - 1}) {
    EXPECT_TRUE(view.contains(values[i]));
    for (std::uint32_t probe : {values[i] - 1, values[i] + 1}) {
      EXPECT_EQ(view.contains(probe), std::binary_search(values.begin(), values.end(), probe)) << probe;
    }
  }

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
    EXPECT_EQ(view.kind(i), expected_kind(block)) << "container " << i;
    kinds.push_back(view.kind(i));
    begin = end;
    ++i;
  }
  EXPECT_EQ(i, view.containers());
  check_portable(values, bytes);
  return kinds;
}

// ---- Set shapes -----------------------------------------------------------

// A set of 32-bit values kept as one 65536-bit map per key (fast to fill).
class ValueSet {
 public:
  bool insert(std::uint32_t v) {
    auto& bits = keys_[static_cast<std::uint16_t>(v >> 16)];
    if (bits.empty()) bits.assign(65536, false);
    if (bits[v & 0xFFFF]) return false;
    bits[v & 0xFFFF] = true;
    ++count_[static_cast<std::uint16_t>(v >> 16)];
    return true;
  }
  std::uint32_t count(std::uint16_t key) const {
    auto it = count_.find(key);
    return it == count_.end() ? 0 : it->second;
  }
  std::vector<std::uint32_t> values() const {
    std::vector<std::uint32_t> out;
    for (const auto& [key, bits] : keys_) {
      for (std::uint32_t low = 0; low < 65536; ++low) {
        if (bits[low]) out.push_back(std::uint32_t(key) << 16 | low);
      }
    }
    return out;
  }

 private:
  std::map<std::uint16_t, std::vector<bool>> keys_;
  std::map<std::uint16_t, std::uint32_t> count_;
};

void add_sparse(ValueSet& s, std::uint16_t key, std::uint32_t card, std::mt19937_64& rng) {
  std::uint32_t base = std::uint32_t(key) << 16;
  // The key may already hold values: never ask for more than it has room for.
  card = std::min<std::uint32_t>(card, 65536 - s.count(key));
  while (card > 0) {
    if (s.insert(base | std::uint32_t(uniform(rng, 65536)))) --card;
  }
}

void add_runs(ValueSet& s, std::uint16_t key, std::uint32_t runs, std::uint32_t max_len, std::mt19937_64& rng) {
  std::uint32_t base = std::uint32_t(key) << 16;
  for (std::uint32_t r = 0; r < runs; ++r) {
    std::uint32_t start = std::uint32_t(uniform(rng, 65536));
    std::uint32_t len = 1 + std::uint32_t(uniform(rng, max_len));
    for (std::uint32_t v = start; v < std::min<std::uint32_t>(65536, start + len); ++v) s.insert(base | v);
  }
}

std::vector<std::uint32_t> to_vector(const ValueSet& s) { return s.values(); }

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

TEST(RoaringWriterTest, RunFlagsAcrossWordBoundaries) {
  // Compact run flags come in u16 words (16 containers a word); portable
  // run bitmaps carry container offsets only from 4 containers up. Runs on
  // every third container, for container counts around both boundaries.
  for (std::uint32_t containers : {1u, 2u, 3u, 4u, 5u, 15u, 16u, 17u, 18u, 31u, 32u, 33u, 47u, 100u}) {
    std::vector<std::uint32_t> values;
    for (std::uint32_t k = 0; k < containers; ++k) {
      if (k % 3 == 0 || k == containers - 1) {
        auto r = range(k << 16 | 100, k << 16 | 400);  // run
        values.insert(values.end(), r.begin(), r.end());
      } else {
        for (std::uint32_t x = 0; x < 50; ++x) values.push_back(k << 16 | (x * 7));  // array
      }
    }
    auto kinds = check_set(values, "run layout with " + std::to_string(containers) + " containers");
    ASSERT_EQ(kinds.size(), containers);
    for (std::uint32_t k = 0; k < containers; ++k) {
      EXPECT_EQ(kinds[k], k % 3 == 0 || k == containers - 1 ? ContainerKind::kRun : ContainerKind::kArray) << k;
    }
  }
}

TEST(RoaringWriterTest, ManyContainers) {
  std::vector<std::uint32_t> spread;
  for (std::uint32_t k = 0; k < 65536; k += 3) spread.push_back(k << 16 | (k & 0xFFFF));
  check_set(spread, "21846 single-value containers up to key 65535");
  // 32768 containers (keys 0..32767, every vertex id below 2^31): the most a
  // store's bitmap can need, and the most the compact header's count holds.
  std::vector<std::uint32_t> most;
  for (std::uint32_t k = 0; k < 32768; ++k) most.push_back(k << 16 | 17);
  auto kinds = check_set(most, "32768 containers");
  EXPECT_EQ(kinds.size(), 32768u);
}

// Regression: the compact header once counted containers in 15 bits (count
// c, at most 32767), while build_graph admits up to 2^31 - 1 members, so
// vertex ids reach 2^31 - 2, keys reach 32767 and a bitmap can need 32768
// containers: the writer then wrote head 0x8000 ("runs, zero containers"),
// which validate_bitmap rejected and BitmapView read as the empty set. The
// head now holds c - 1.
TEST(RoaringWriterTest, RegressionThirtyTwoThousandSevenHundredSixtyEightContainers) {
  std::vector<std::uint32_t> values;
  for (std::uint32_t k = 0; k < 32768; ++k) values.push_back(k << 16 | 5);  // every vertex id < 2^31
  ASSERT_LT(values.back(), std::uint32_t{1} << 31);
  std::vector<std::uint8_t> bytes = serialize(values);
  EXPECT_EQ(validate_bitmap(bytes.data(), bytes.size(), std::uint64_t{1} << 31), "");
  EXPECT_EQ(BitmapView::parse(bytes.data(), bytes.size()).cardinality(), values.size());
}

TEST(RoaringWriterTest, RandomSetsMatchCRoaring) {
  std::mt19937_64 rng(20240611);
  std::set<ContainerKind> seen;
  int with_runs = 0, without_runs = 0;
  for (int trial = 0; trial < 400; ++trial) {
    ValueSet s;
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
  Bytes& u64(std::uint64_t v) { return raw(&v, 8); }
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

// Head words: bit 15 = some container is a run, bits 0-14 = containers - 1.
constexpr std::uint16_t head(std::uint16_t containers, bool runs) {
  return static_cast<std::uint16_t>((containers - 1) | (runs ? 0x8000 : 0));
}

// Two array containers, keys k1 then k2, one value each (5 and 9).
std::vector<std::uint8_t> two_arrays(std::uint16_t k1, std::uint16_t k2) {
  return Bytes().u16(head(2, false)).u16(k1).u16(k2).u16(0).u16(0).u16(5).u16(9).get();
}

// One run container (key 0) with the given (start, length-1) runs.
std::vector<std::uint8_t> one_run_container(const std::vector<std::pair<std::uint16_t, std::uint16_t>>& runs) {
  std::uint32_t card = 0;
  for (auto [start, len] : runs) card += std::uint32_t(len) + 1;
  Bytes b;
  b.u16(head(1, true)).u16(1).u16(0).u16(static_cast<std::uint16_t>(card - 1));
  b.u16(static_cast<std::uint16_t>(runs.size()));
  for (auto [start, len] : runs) b.u16(start).u16(len);
  return b.get();
}

TEST(ValidateBitmapTest, HandCraftedBlobsAreAccepted) {
  // The crafting helpers must produce valid bytes, or the rejections below prove nothing.
  EXPECT_EQ(validate(two_arrays(1, 2)), "");
  EXPECT_EQ(validate(one_run_container({{10, 4}, {20, 0}})), "");
  auto bytes = two_arrays(1, 2);
  EXPECT_EQ(reference_decode(bytes.data(), bytes.size()), (std::vector<std::uint32_t>{1u << 16 | 5, 2u << 16 | 9}));
  std::vector<std::uint32_t> decoded;
  BitmapView::parse(bytes.data(), bytes.size()).decode(decoded);
  EXPECT_EQ(decoded, (std::vector<std::uint32_t>{1u << 16 | 5, 2u << 16 | 9}));
  // And they are what the writer itself produces for those sets.
  EXPECT_EQ(serialize({1u << 16 | 5, 2u << 16 | 9}), bytes);
  EXPECT_EQ(serialize({10, 11, 12, 13, 14, 20}), Bytes().u16(head(1, true)).u16(1).u16(0).u16(5).u16(2).u16(10)
                                                         .u16(4).u16(20).u16(0).get());
}

TEST(ValidateBitmapTest, RejectsEveryTruncation) {
  std::mt19937_64 rng(99);
  std::vector<std::vector<std::uint32_t>> sets = {{1, 2, 3}, range(0, 70000), {5, 65536 + 5, 2 * 65536 + 5}};
  ValueSet mixed;
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
    // And extra bytes at the end.
    for (int extra : {1, 2, 8}) {
      std::vector<std::uint8_t> longer = bytes;
      longer.resize(bytes.size() + extra, 0);
      EXPECT_NE(validate(longer), "") << extra << " bytes too many";
    }
  }
}

TEST(ValidateBitmapTest, RejectsBadHeaders) {
  // A head without the keys and cards it announces, with and without the run flag.
  EXPECT_NE(validate(Bytes().u16(head(1, false)).u16(0).get()), "");
  EXPECT_NE(validate(Bytes().u16(head(1, true)).u16(0).get()), "");
  // A run flag with no run container.
  auto flagged = Bytes().u16(head(1, true)).u16(0).u16(0).u16(0).u16(5).get();
  EXPECT_EQ(validate(flagged), "mark flag disagrees with the containers");
  // A count larger than the bytes hold.
  auto bytes = two_arrays(1, 2);
  bytes[0] = 2;  // three containers
  EXPECT_NE(validate(bytes), "");
  bytes[0] = 0x7F;
  bytes[1] = 0x7F;
  EXPECT_NE(validate(bytes), "");
  // A single byte.
  std::uint8_t one = 1;
  EXPECT_NE(validate_bitmap(&one, 1, 100), "");
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
  std::vector<std::uint32_t> runs = range(500, 900);
  for (std::uint32_t v = 2000; v < 2300; ++v) runs.push_back(v);  // the last run decides
  for (const auto& values : {array, bitset, run, runs}) {
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
  // Cardinality field disagreeing with a run container (claims 8, holds 5).
  auto runs = one_run_container({{10, 4}});
  runs[6] = 7;  // cards[0], after head, run word and key
  EXPECT_EQ(validate(runs), "run container cardinality mismatch");
  // Array values not ascending.
  EXPECT_EQ(validate(Bytes().u16(head(1, false)).u16(0).u16(1).u16(9).u16(5).get()), "array values not ascending");
  EXPECT_EQ(validate(Bytes().u16(head(1, false)).u16(0).u16(1).u16(5).u16(5).get()), "array values not ascending");
  // A bitset whose bits disagree with its cardinality.
  std::vector<std::uint32_t> bitset;
  for (std::uint32_t v = 0; v < 10000; v += 2) bitset.push_back(v);
  auto bytes = serialize(bitset);
  bytes.back() ^= 0x80;  // set bit 65535 of the only container
  EXPECT_EQ(validate(bytes), "bitset container cardinality mismatch");
  // An empty run container.
  EXPECT_EQ(validate(Bytes().u16(head(1, true)).u16(1).u16(0).u16(0).u16(0).get()), "empty run container");
}

TEST(ValidateBitmapTest, RandomSingleByteCorruptionsNeverCrashAndMostlyFail) {
  // Hostile input: any byte flipped must either be rejected or still decode
  // (to a different, well-formed set) without reading out of bounds.
  std::mt19937_64 rng(12);
  ValueSet s;
  add_sparse(s, 0, 300, rng);
  add_runs(s, 1, 5, 300, rng);
  add_sparse(s, 2, 5000, rng);
  add_sparse(s, 4, 2, rng);
  const std::vector<std::uint32_t> values = to_vector(s);
  const std::vector<std::uint8_t> good = serialize(values);
  int rejected = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<std::uint8_t> bad = good;
    bad[uniform(rng, bad.size())] ^= std::uint8_t(1u << uniform(rng, 8));
    if (validate(bad, 5u << 16).empty()) {
      auto decoded = reference_decode(bad.data(), bad.size());
      ASSERT_TRUE(decoded.has_value()) << "validate accepted bytes that do not decode";
      std::vector<std::uint32_t> mine;
      BitmapView view = BitmapView::parse(bad.data(), bad.size());
      view.decode(mine);
      EXPECT_EQ(mine, *decoded);
      EXPECT_EQ(view.cardinality(), decoded->size());
    } else {
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 100);
}

// ---- Dense containers (format 3) ----------------------------------------

// Key 0: 3000 values (dense from 1000); key 1: a run; key 2: 10 values
// (an array); key 3: 5000 values (a plain bitset).
std::vector<std::uint32_t> dense_mix() {
  std::vector<std::uint32_t> v;
  for (std::uint32_t x = 0; x < 3000; ++x) v.push_back(7 * x);
  for (std::uint32_t x = 100; x < 600; ++x) v.push_back(65536 + x);
  for (std::uint32_t x = 0; x < 10; ++x) v.push_back(2 * 65536 + 3 * x);
  for (std::uint32_t x = 0; x < 5000; ++x) v.push_back(3 * 65536 + 2 * x);
  return v;
}

std::vector<std::uint8_t> serialize_dense(const std::vector<std::uint32_t>& values, std::uint32_t dense_from) {
  std::vector<std::uint8_t> bytes(serialized_bitmap_size(values, dense_from));
  serialize_bitmap(values, bytes.data(), dense_from);
  return bytes;
}

TEST(RoaringWriterTest, DenseContainersReadBackEveryWay) {
  const std::vector<std::uint32_t> values = dense_mix();
  const std::vector<std::uint8_t> bytes = serialize_dense(values, 1000);
  EXPECT_EQ(bytes.size(), serialize(values).size() + (2 + 8192) - 2 * 3000);
  EXPECT_EQ(validate(bytes), "");
  auto reference = reference_decode(bytes.data(), bytes.size());
  ASSERT_TRUE(reference.has_value());
  EXPECT_EQ(*reference, values);
  BitmapView view = BitmapView::parse(bytes.data(), bytes.size());
  std::vector<std::uint32_t> decoded;
  view.decode(decoded);
  EXPECT_EQ(decoded, values);
  EXPECT_EQ(view.kind(0), ContainerKind::kBitset);
  EXPECT_EQ(view.kind(1), ContainerKind::kRun);
  EXPECT_EQ(view.kind(2), ContainerKind::kArray);
  EXPECT_EQ(view.kind(3), ContainerKind::kBitset);
  EXPECT_EQ(view.card(0), 3000u);
  for (std::uint32_t x : {0u, 7u, 20993u, 65536u + 100, 2 * 65536u + 27, 3 * 65536u + 9998}) {
    EXPECT_EQ(view.contains(x), std::binary_search(values.begin(), values.end(), x)) << x;
  }
  EXPECT_FALSE(view.contains(8));
  // The portable format never carries them (other Roaring readers would not know them).
  check_portable(values, serialize(values));
  // Below the threshold nothing changes.
  EXPECT_EQ(serialize_dense(values, 3001), serialize(values));
}

TEST(ValidateBitmapTest, RejectsDamagedDenseContainers) {
  const std::vector<std::uint8_t> good = serialize_dense(dense_mix(), 1000);
  ASSERT_EQ(validate(good), "");
  const std::size_t payload = 2 + 2 + 4 * 4;  // head, mark word, keys and cards of 4 containers
  ASSERT_EQ(load_u16(good.data() + payload), kDenseMarker);
  std::vector<std::uint8_t> bad = good;
  bad[payload + 2 + 100] ^= 0x10;  // one bit more or less than the card says
  EXPECT_EQ(validate(bad), "bitset container cardinality mismatch");
  bad = good;
  bad[2 + 2 + 4 * 2] = 0x88;  // card 5001 (> 4096): should have been a plain bitset
  bad[2 + 2 + 4 * 2 + 1] = 0x13;
  EXPECT_EQ(validate(bad), "dense container holds more than an array container may");
  for (std::size_t len : {payload + 1, payload + 2, payload + 100, payload + 2 + 8191}) {
    EXPECT_NE(validate_bitmap(good.data(), len, std::uint64_t{1} << 32), "") << len << " bytes";
  }
  EXPECT_EQ(validate(good, 3 * 65536 + 9998), "value beyond the member count");
}

// Candidates for the dense form are array and run containers that an array
// could hold; a run of more values (a full container) is none, and must not
// be counted past the table's end.
TEST(RoaringWriterTest, DenseCandidatesSkipFullRunsAndBitsets) {
  std::vector<std::uint32_t> values = range(0, 65536 + 5000 - 1);  // a 65,536-value run, a 5,000-value run
  for (std::uint32_t x = 0; x < 5000; ++x) values.push_back(2 * 65536 + 2 * x);  // a bitset
  for (std::uint32_t x = 0; x < 300; ++x) values.push_back(3 * 65536 + 3 * x);   // an array
  for (std::uint32_t x = 0; x < 300; ++x) values.push_back(4 * 65536 + x);       // a run
  DenseCandidates d;
  count_dense_candidates(values, d);
  ASSERT_EQ(d.containers.size(), kMaxArrayCard + 1);
  std::uint64_t total = 0;
  for (std::uint64_t n : d.containers) total += n;
  EXPECT_EQ(total, 2u);
  EXPECT_EQ(d.containers[300], 2u);
  EXPECT_EQ(d.bytes[300], 600u + (2 + 4));
  // And dense from 300: both become dense, the rest keep their kinds.
  const std::vector<std::uint8_t> bytes = serialize_dense(values, 300);
  EXPECT_EQ(validate(bytes), "");
  BitmapView view = BitmapView::parse(bytes.data(), bytes.size());
  const ContainerKind want[] = {ContainerKind::kRun, ContainerKind::kRun, ContainerKind::kBitset, ContainerKind::kBitset,
                                ContainerKind::kBitset};
  for (std::uint32_t i = 0; i < 5; ++i) EXPECT_EQ(view.kind(i), want[i]) << i;
  auto reference = reference_decode(bytes.data(), bytes.size());
  ASSERT_TRUE(reference.has_value());
  EXPECT_EQ(*reference, values);
}

}  // namespace
}  // namespace mutuals::internal
