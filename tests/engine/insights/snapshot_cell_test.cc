// The consent snapshot cell (engine/src/insights/snapshot_cell.h): a Pin
// sees the snapshot current when it was taken and keeps it alive through
// a store() that replaces it, a Pin taken inside another on the same
// thread neither disturbs the outer one nor misses a newer snapshot, and a
// Pin of an unchanged cell does no reference counting (the point of it).
#include "insights/snapshot_cell.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace mutuals::internal {
namespace {

std::shared_ptr<const ConsentSnapshot> snapshot(std::uint64_t version) {
  const std::vector<MemberFlags> flags(3, MemberFlags{});
  return ConsentSnapshot::from_flags(flags, version);
}

// Stores version v in `cell`, the cell holding the only reference; returns
// a watch on it.
std::weak_ptr<const ConsentSnapshot> store_watched(SnapshotCell& cell, std::uint64_t v) {
  auto s = snapshot(v);
  std::weak_ptr<const ConsentSnapshot> watch = s;
  cell.store(std::move(s));
  return watch;
}

TEST(SnapshotCellTest, PinSeesTheCurrentSnapshotAndANewPinTheNextOne) {
  SnapshotCell cell;
  cell.store(snapshot(1));
  {
    const SnapshotCell::Pin pin(cell);
    EXPECT_EQ(pin->version(), 1u);
  }
  cell.store(snapshot(2));
  const SnapshotCell::Pin pin(cell);
  EXPECT_EQ(pin->version(), 2u);
  EXPECT_EQ(cell.load()->version(), 2u);
}

TEST(SnapshotCellTest, PinKeepsItsSnapshotAliveThroughAStoreThatReplacesIt) {
  SnapshotCell cell;
  const std::weak_ptr<const ConsentSnapshot> first = store_watched(cell, 1);
  {
    const SnapshotCell::Pin pin(cell);
    cell.store(snapshot(2));  // the cell lets go of version 1; the pin's thread cache does not
    ASSERT_FALSE(first.expired());
    EXPECT_EQ(pin->version(), 1u);
    EXPECT_EQ((*pin).version(), 1u);
  }
  const SnapshotCell::Pin next(cell);  // refreshes this thread's cache: version 1 goes
  EXPECT_EQ(next->version(), 2u);
  EXPECT_TRUE(first.expired());
}

TEST(SnapshotCellTest, NestedPinAndLoadSeeTheNewSnapshotWithoutDisturbingTheOuterPin) {
  SnapshotCell cell;
  const std::weak_ptr<const ConsentSnapshot> first = store_watched(cell, 1);
  const SnapshotCell::Pin outer(cell);
  cell.store(snapshot(2));
  {
    const SnapshotCell::Pin inner(cell);  // a query from a callback, after a change returned
    EXPECT_EQ(inner->version(), 2u);
    EXPECT_EQ(cell.load()->version(), 2u);
  }
  ASSERT_FALSE(first.expired());
  EXPECT_EQ(outer->version(), 1u);
}

TEST(SnapshotCellTest, PinOfAnUnchangedCellCountsNoReference) {
  SnapshotCell cell;
  const std::weak_ptr<const ConsentSnapshot> watch = store_watched(cell, 7);
  const ConsentSnapshot* raw = watch.lock().get();
  { const SnapshotCell::Pin warm(cell); }  // fills this thread's cache
  const long before = watch.use_count();   // the cell's and the cache's
  const SnapshotCell::Pin pin(cell);
  EXPECT_EQ(watch.use_count(), before);
  EXPECT_EQ(&*pin, raw);
}

TEST(SnapshotCellTest, PinsOfTwoCellsOnOneThreadEachSeeTheirOwn) {
  SnapshotCell a, b;
  a.store(snapshot(1));
  b.store(snapshot(2));
  const SnapshotCell::Pin pa(a);
  const SnapshotCell::Pin pb(b);  // the thread cache is pinned by a: b's pin holds a copy
  EXPECT_EQ(pa->version(), 1u);
  EXPECT_EQ(pb->version(), 2u);
}

// Readers on several threads pin while a writer stores: every pin sees a
// version at least the one published before it was taken (run under TSan
// in `make tsan`).
TEST(SnapshotCellTest, ConcurrentPinsNeverSeeAnOlderVersionThanPublished) {
  SnapshotCell cell;
  cell.store(snapshot(0));
  std::atomic<std::uint64_t> published{0};
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> stale{0}, pins{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!stop.load(std::memory_order_acquire)) {
        const std::uint64_t floor = published.load(std::memory_order_acquire);
        const SnapshotCell::Pin pin(cell);
        if (pin->version() < floor) stale.fetch_add(1);
        pins.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  for (std::uint64_t v = 1; v <= 2000; ++v) {
    cell.store(snapshot(v));
    published.store(v, std::memory_order_release);
  }
  stop.store(true, std::memory_order_release);
  for (auto& r : readers) r.join();
  EXPECT_EQ(stale.load(), 0u);
  EXPECT_GT(pins.load(), 0u);
}

}  // namespace
}  // namespace mutuals::internal
