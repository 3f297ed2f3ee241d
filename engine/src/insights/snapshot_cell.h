// Publication of the current consent snapshot to readers.
//
// A writer swaps the pointer under a mutex held only for the swap, never
// across I/O; readers keep a per-thread copy tagged with a generation number
// and take the mutex only when the generation moved, so the common read is
// one atomic load. (GCC 12's std::atomic<std::shared_ptr> releases its
// internal lock with relaxed ordering, which ThreadSanitizer rightly reports
// as a race; this cell is correct by construction.) A query that starts
// after store() returned always sees the new snapshot: store() bumps the
// generation with release order after the swap, readers load it with
// acquire order.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "consent/consent_snapshot.h"

namespace mutuals::internal {

class SnapshotCell {
 public:
  SnapshotCell() : id_(next_id()) {}
  SnapshotCell(const SnapshotCell&) = delete;
  SnapshotCell& operator=(const SnapshotCell&) = delete;

  std::shared_ptr<const ConsentSnapshot> load() const {
    thread_local Cache cache;
    const std::uint64_t generation = generation_.load(std::memory_order_acquire);
    if (cache.id == id_ && cache.generation == generation) return cache.snapshot;
    std::lock_guard<std::mutex> lock(mu_);
    cache = {id_, generation_.load(std::memory_order_relaxed), snapshot_};
    return cache.snapshot;
  }

  void store(std::shared_ptr<const ConsentSnapshot> s) {
    std::lock_guard<std::mutex> lock(mu_);
    snapshot_ = std::move(s);
    generation_.fetch_add(1, std::memory_order_release);
  }

 private:
  struct Cache {
    std::uint64_t id = 0;
    std::uint64_t generation = 0;
    std::shared_ptr<const ConsentSnapshot> snapshot;
  };
  static std::uint64_t next_id() {
    static std::atomic<std::uint64_t> ids{1};
    return ids.fetch_add(1, std::memory_order_relaxed);
  }

  const std::uint64_t id_;  // never reused, unlike an address
  mutable std::mutex mu_;
  std::shared_ptr<const ConsentSnapshot> snapshot_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace mutuals::internal
