// Which array containers the store keeps dense (as bitsets), chosen once at
// build time.
//
// A container of c values costs an intersection about c steps as an array
// (a step a run as a run container, often a mispredicted branch each) and a
// handful of word operations as a bitset (a probe a value of the other side,
// or 1024 ANDed words), while it costs 2c bytes as an array (fewer as runs)
// and 8194 as a dense bitset. Time saved grows with c, so the best set
// under a byte budget is the fullest containers: every array and run
// container of `dense_from` values or more, the lowest threshold (not below
// the rule's floor) whose extra bytes fit the budget.
#pragma once

#include <cstdint>
#include <span>

#include "graph/roaring_writer.h"
#include "mutuals/store.h"

namespace mutuals::internal {

struct DenseChoice {
  std::uint32_t dense_from;  // kNeverDense when none fit
  std::uint64_t containers = 0;
  std::uint64_t extra_bytes = 0;
};

// adjacency_bytes: the adjacency without dense containers.
DenseChoice choose_dense(const DenseCandidates& candidates, std::uint64_t adjacency_bytes, const DenseRule& rule);

}  // namespace mutuals::internal
