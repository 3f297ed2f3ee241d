#include "graph/sort_ids.h"

#include <hwy/contrib/sort/vqsort.h>

#include <algorithm>

namespace mutuals::internal {
namespace {

// A Sorter owns scratch memory and is not for concurrent use: one a thread.
const hwy::Sorter& sorter() {
  thread_local hwy::Sorter s;
  return s;
}

// Below this, insertion-sort-sized lists are not worth a call into vqsort.
constexpr std::size_t kVectorFrom = 16;

}  // namespace

void sort_ids(std::uint32_t* ids, std::size_t n) {
  if (n < kVectorFrom) return std::sort(ids, ids + n);
  sorter()(ids, n, hwy::SortAscending());
}

void sort_ids(std::uint64_t* ids, std::size_t n) {
  if (n < kVectorFrom) return std::sort(ids, ids + n);
  sorter()(ids, n, hwy::SortAscending());
}

}  // namespace mutuals::internal
