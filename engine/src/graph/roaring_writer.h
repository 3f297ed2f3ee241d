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

#include "graph/roaring_view.h"

namespace mutuals::internal {

inline constexpr std::uint32_t kNeverDense = ~std::uint32_t{0};

// Exact byte size of serialize_bitmap's output (0 for the empty set).
// `values` strictly ascending. Array and run containers of `dense_from`
// values or more (and at most kMaxArrayCard) are written dense (a bitset;
// see roaring_view.h).
std::size_t serialized_bitmap_size(std::span<const std::uint32_t> values, std::uint32_t dense_from = kNeverDense);
// Writes serialized_bitmap_size(values, dense_from) bytes to `out`.
void serialize_bitmap(std::span<const std::uint32_t> values, std::uint8_t* out,
                      std::uint32_t dense_from = kNeverDense);
// The containers that could be dense (array and run containers), by
// cardinality: how many, and their bytes as serialize_bitmap writes them
// without dense containers.
struct DenseCandidates {
  std::vector<std::uint64_t> containers = std::vector<std::uint64_t>(kMaxArrayCard + 1, 0);
  std::vector<std::uint64_t> bytes = std::vector<std::uint64_t>(kMaxArrayCard + 1, 0);
  void add(const DenseCandidates& other) {
    for (std::size_t c = 0; c < containers.size(); ++c) {
      containers[c] += other.containers[c];
      bytes[c] += other.bytes[c];
    }
  }
};
void count_dense_candidates(std::span<const std::uint32_t> values, DenseCandidates& into);

// The Roaring portable serialization of `values`.
std::vector<std::uint8_t> portable_bitmap(std::span<const std::uint32_t> values);

}  // namespace mutuals::internal
