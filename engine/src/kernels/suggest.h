// Ranking connection suggestions: candidates scored by all their shared
// connections with the member, best K kept without sorting everything.
//
// Friends of friends come with their scores for free: counting, for every
// neighbour u of the member, each neighbour w of u gives |N(m) ∩ N(w)| for
// every w at distance two, in one pass over the 2-hop edges.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "store/store_data.h"

namespace mutuals::internal {

struct ScoredVertex {
  VertexId vertex;
  std::uint64_t shared;
};

// Scores of `candidates` (distinct vertices) against `member`, in parallel
// when there are many.
std::vector<ScoredVertex> score_candidates(const StoreData& g, VertexId member, std::span<const VertexId> candidates);

// Every vertex at distance exactly two from `member`, with its score.
std::vector<ScoredVertex> two_hop_candidates(const StoreData& g, VertexId member);

// Keeps the best `limit` by (shared desc, member id asc), sorted.
void keep_best(const StoreData& g, std::vector<ScoredVertex>& scored, std::size_t limit);

}  // namespace mutuals::internal
