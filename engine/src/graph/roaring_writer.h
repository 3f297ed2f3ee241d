// Serializes a sorted set of 32-bit values into the store's compact Roaring
// layout (see roaring_view.h), choosing per container the smallest of
// array, bitset and run, as CRoaring's run_optimize would. Also writes the
// standard Roaring portable format, for interchange with other Roaring
// implementations (CRoaring, Java, Go).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mutuals::internal {

// Exact byte size of serialize_bitmap's output (0 for the empty set).
// `values` strictly ascending.
std::size_t serialized_bitmap_size(std::span<const std::uint32_t> values);
// Writes serialized_bitmap_size(values) bytes to `out`.
void serialize_bitmap(std::span<const std::uint32_t> values, std::uint8_t* out);

// The Roaring portable serialization of `values`.
std::vector<std::uint8_t> portable_bitmap(std::span<const std::uint32_t> values);

}  // namespace mutuals::internal
