// Sorting the build's id arrays (every adjacency list, twice; the distinct
// member ids once) with Highway's vectorised quicksort (libhwy-contrib,
// run-time dispatch to the CPU's widest vectors). std::sort spent most of
// its time in mispredicted comparisons: ~15 ns an element on adjacency
// lists, a fifth of a 1M-member build.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mutuals::internal {

// Ascending, in place. Safe from any number of threads at once.
void sort_ids(std::uint32_t* ids, std::size_t n);
void sort_ids(std::uint64_t* ids, std::size_t n);

}  // namespace mutuals::internal
