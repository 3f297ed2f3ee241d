// Degree of separation up to three, over the whole graph (no visibility:
// a degree names no one).
//
// 1: b ∈ N(a). 2: N(a) ∩ N(b) ≠ ∅. 3: some u ∈ N(a) with N(u) ∩ N(b) ≠ ∅.
// For 3 there are two methods, chosen by measurement (bench/kernels):
//   kProbe      walk N(x) of the lower-degree side x, stop at the first u
//               whose neighbours meet the other side (early exit);
//   kTwoHopSet  build the dense 2-hop set of a, then probe N(b) against it
//               (worth it when one viewer asks about many subjects: cacheable).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/store_data.h"

namespace mutuals::internal {

enum class DistanceMethod { kProbe, kTwoHopSet };

// nullopt: farther than 3 (out of network).
std::optional<int> degree_of_separation(const StoreData& g, VertexId a, VertexId b,
                                        DistanceMethod method = DistanceMethod::kProbe);

// The dense set N(N(a)) ∪ N(a) as a bitset of g.members() bits.
std::vector<std::uint64_t> two_hop_set(const StoreData& g, VertexId a);

}  // namespace mutuals::internal
