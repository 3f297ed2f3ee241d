// Serializes a sorted set of 32-bit values into the Roaring portable format
// read by BitmapView, choosing per container the smallest of array, bitset
// and run (what CRoaring's run_optimize would pick).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mutuals::internal {

// Exact byte size of serialize_bitmap's output for `values` (strictly
// ascending). 0 for the empty set.
std::size_t serialized_bitmap_size(std::span<const std::uint32_t> values);

// Writes serialized_bitmap_size(values) bytes to `out`.
void serialize_bitmap(std::span<const std::uint32_t> values, std::uint8_t* out);

}  // namespace mutuals::internal
