// Which array containers the store keeps dense (as bitsets), chosen once at
// build time.
//
// A container of c values costs an intersection about c steps as an array
// and a handful of word operations as a bitset (a probe a value of the other
// side, or 1024 ANDed words), while it costs 2c bytes as an array and 8194
// as a dense bitset. Time saved grows with c and bytes spent shrink with
// it, so the best set under a byte budget is the fullest containers: every
// array container of `dense_from` values or more, the lowest threshold
// (not below the rule's floor) whose extra bytes fit the budget.
#pragma once

#include <cstdint>
#include <span>

#include "mutuals/store.h"

namespace mutuals::internal {

struct DenseChoice {
  std::uint32_t dense_from;  // kNeverDense (roaring_writer.h) when none fit
  std::uint64_t containers = 0;
  std::uint64_t extra_bytes = 0;
};

// by_card[c]: array containers of c values (kMaxArrayCard + 1 slots);
// adjacency_bytes: the adjacency without dense containers.
DenseChoice choose_dense(std::span<const std::uint64_t> by_card, std::uint64_t adjacency_bytes, const DenseRule& rule);

}  // namespace mutuals::internal
