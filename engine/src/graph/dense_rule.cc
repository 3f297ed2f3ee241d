#include "graph/dense_rule.h"

#include <algorithm>

#include "graph/roaring_view.h"
#include "graph/roaring_writer.h"

namespace mutuals::internal {

DenseChoice choose_dense(std::span<const std::uint64_t> by_card, std::uint64_t adjacency_bytes, const DenseRule& rule) {
  DenseChoice choice{kNeverDense};
  if (!(rule.budget > 0)) return choice;
  const double budget = rule.budget * static_cast<double>(adjacency_bytes);
  const std::uint32_t floor = std::max<std::uint32_t>(1, rule.min_card);
  const std::uint32_t top = std::min<std::uint32_t>(kMaxArrayCard, static_cast<std::uint32_t>(by_card.size()) - 1);
  for (std::uint32_t c = top; c >= floor && c > 0; --c) {
    const std::uint64_t extra = by_card[c] * (kDenseBytes - 2ull * c);
    if (static_cast<double>(choice.extra_bytes + extra) > budget) break;
    choice.extra_bytes += extra;
    choice.containers += by_card[c];
    if (by_card[c] > 0) choice.dense_from = c;  // the emptiest dense container
  }
  return choice;
}

}  // namespace mutuals::internal
