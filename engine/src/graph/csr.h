// A plain compressed-sparse-row adjacency: the build-time form of the graph
// (and the layout of the csr-merge baseline). Lists are sorted ascending.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/default_init_vector.h"

namespace mutuals::internal {

struct Csr {
  // Filled whole by whoever sizes them (see default_init_vector.h).
  DefaultInitVector<std::uint64_t> offsets;  // n + 1
  DefaultInitVector<std::uint32_t> targets;  // offsets[n]

  std::uint32_t vertices() const { return offsets.empty() ? 0 : static_cast<std::uint32_t>(offsets.size() - 1); }
  std::uint32_t degree(std::uint32_t v) const { return static_cast<std::uint32_t>(offsets[v + 1] - offsets[v]); }
  std::span<const std::uint32_t> neighbors(std::uint32_t v) const {
    return {targets.data() + offsets[v], targets.data() + offsets[v + 1]};
  }
};

// Symmetric CSR over n vertices from undirected pairs (u << 32 | v, u != v,
// any order, repeats allowed), lists sorted and without repeats; the number
// of repeated pairs dropped goes to `duplicates` when given. Runs in parallel.
Csr csr_from_pairs(std::uint32_t n, std::span<const std::uint64_t> packed_pairs, std::uint64_t* duplicates = nullptr);

// The same graph with every id v renamed to new_id[v], lists re-sorted.
Csr relabel(const Csr& g, std::span<const std::uint32_t> new_id);

}  // namespace mutuals::internal
