#include "graph/dense_rule.h"

#include <algorithm>

#include "graph/roaring_view.h"

namespace mutuals::internal {

DenseChoice choose_dense(const DenseCandidates& candidates, std::uint64_t adjacency_bytes, const DenseRule& rule) {
  DenseChoice choice{kNeverDense};
  if (!(rule.budget > 0)) return choice;
  const double budget = rule.budget * static_cast<double>(adjacency_bytes);
  const std::uint32_t floor = std::max<std::uint32_t>(1, rule.min_card);
  for (std::uint32_t c = kMaxArrayCard; c >= floor; --c) {
    const std::uint64_t n = candidates.containers[c];
    const std::uint64_t extra = n * std::uint64_t(kDenseBytes) - candidates.bytes[c];
    if (static_cast<double>(choice.extra_bytes + extra) > budget) break;
    choice.extra_bytes += extra;
    choice.containers += n;
    if (n > 0) choice.dense_from = c;  // the emptiest dense container
  }
  return choice;
}

}  // namespace mutuals::internal
