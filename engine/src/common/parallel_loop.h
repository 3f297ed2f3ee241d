// oneTBB's parallel_for for loops whose tasks touch what the caller wrote
// before, or whose caller then reads (or overwrites) what the tasks touched.
//
// Spawning orders the caller's earlier accesses before the tasks', and
// parallel_for returns only after every task has finished. But Debian's
// libtbb is not built with ThreadSanitizer, so TSan sees neither ordering
// and reports races (tests/tsan.supp then drops them, slowly: one report a
// word of a large copy). Here the caller releases before the loop and each
// task acquires at its start; each task ends with a release increment and
// the caller acquires after the loop: the same orderings, in a form TSan
// sees, for one atomic load and one add a task.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <cstddef>

namespace mutuals::internal {

// body(const tbb::blocked_range<Index>&) over [first, last) in grains of `grain`.
template <typename Index, typename Body>
void parallel_ranges(Index first, Index last, std::size_t grain, const Body& body) {
  std::atomic<bool> started{false};
  std::atomic<std::size_t> tasks_done{0};
  started.store(true, std::memory_order_release);
  tbb::parallel_for(tbb::blocked_range<Index>(first, last, grain), [&](const tbb::blocked_range<Index>& r) {
    (void)started.load(std::memory_order_acquire);
    body(r);
    tasks_done.fetch_add(1, std::memory_order_release);
  });
  (void)tasks_done.load(std::memory_order_acquire);
}

template <typename Index, typename Body>
void parallel_ranges(Index first, Index last, const Body& body) {
  parallel_ranges(first, last, 1, body);
}

// body(i) for every i in [first, last).
template <typename Index, typename Body>
void parallel_each(Index first, Index last, const Body& body) {
  parallel_ranges(first, last, [&](const tbb::blocked_range<Index>& r) {
    for (Index i = r.begin(); i != r.end(); ++i) body(i);
  });
}

}  // namespace mutuals::internal
