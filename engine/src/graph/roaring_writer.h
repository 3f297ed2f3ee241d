// Serializes a sorted set of 32-bit values into the store's compact Roaring
// layout (see roaring_view.h), choosing per container the smallest of
// array, bitset and run, as CRoaring's run_optimize would, or the dense
// form the build chose for the fullest array containers. Also writes the
// standard Roaring portable format, for interchange with other Roaring
// implementations (CRoaring, Java, Go).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace mutuals::internal {

inline constexpr std::uint32_t kNeverDense = ~std::uint32_t{0};

// Exact byte size of serialize_bitmap's output (0 for the empty set).
// `values` strictly ascending. Array containers of `dense_from` values or
// more are written dense (a bitset; see roaring_view.h).
std::size_t serialized_bitmap_size(std::span<const std::uint32_t> values, std::uint32_t dense_from = kNeverDense);
// Writes serialized_bitmap_size(values, dense_from) bytes to `out`.
void serialize_bitmap(std::span<const std::uint32_t> values, std::uint8_t* out,
                      std::uint32_t dense_from = kNeverDense);
// ++by_card[c] for every array container of c values serialize_bitmap
// would write without dense containers (by_card has kMaxArrayCard + 1 slots).
void count_array_cards(std::span<const std::uint32_t> values, std::span<std::uint64_t> by_card);

// The Roaring portable serialization of `values`.
std::vector<std::uint8_t> portable_bitmap(std::span<const std::uint32_t> values);

}  // namespace mutuals::internal
