#include "graph/csr.h"

#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>

#include <algorithm>
#include <atomic>

namespace mutuals::internal {
namespace {

void prefix_sum(std::vector<std::uint64_t>& counts_then_offsets) {
  std::uint64_t sum = 0;
  for (auto& c : counts_then_offsets) {
    std::uint64_t next = sum + c;
    c = sum;
    sum = next;
  }
}

}  // namespace

Csr csr_from_pairs(std::uint32_t n, std::span<const std::uint64_t> pairs, std::uint64_t* duplicates) {
  Csr g;
  std::vector<std::atomic<std::uint32_t>> degree(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size()), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      degree[pairs[i] >> 32].fetch_add(1, std::memory_order_relaxed);
      degree[pairs[i] & 0xFFFFFFFFu].fetch_add(1, std::memory_order_relaxed);
    }
  });
  g.offsets.resize(std::size_t(n) + 1);
  for (std::uint32_t v = 0; v < n; ++v) g.offsets[v] = degree[v].load(std::memory_order_relaxed);
  g.offsets[n] = 0;
  prefix_sum(g.offsets);
  g.targets.resize(g.offsets[n]);
  std::vector<std::atomic<std::uint64_t>> cursor(n);
  for (std::uint32_t v = 0; v < n; ++v) cursor[v].store(g.offsets[v], std::memory_order_relaxed);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pairs.size()), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      std::uint32_t u = static_cast<std::uint32_t>(pairs[i] >> 32);
      std::uint32_t v = static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFu);
      g.targets[cursor[u].fetch_add(1, std::memory_order_relaxed)] = v;
      g.targets[cursor[v].fetch_add(1, std::memory_order_relaxed)] = u;
    }
  });
  // Sort each list and drop its repeats: duplicates are found here, a list
  // at a time in cache, instead of by sorting all pairs first.
  std::vector<std::uint64_t> kept(std::size_t(n) + 1, 0);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      auto begin = g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v]);
      auto end = g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v + 1]);
      std::sort(begin, end);
      kept[v] = static_cast<std::uint64_t>(std::unique(begin, end) - begin);
    }
  });
  kept[n] = 0;
  prefix_sum(kept);
  const std::uint64_t removed = g.offsets[n] - kept[n];
  if (duplicates != nullptr) *duplicates = removed / 2;  // a repeated pair repeats in both lists
  if (removed == 0) return g;
  Csr compact;
  compact.offsets = std::move(kept);
  compact.targets.resize(compact.offsets[n]);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::copy_n(g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v]),
                  compact.offsets[v + 1] - compact.offsets[v],
                  compact.targets.begin() + static_cast<std::ptrdiff_t>(compact.offsets[v]));
    }
  });
  return compact;
}

Csr relabel(const Csr& g, std::span<const std::uint32_t> new_id) {
  const std::uint32_t n = g.vertices();
  Csr out;
  out.offsets.resize(std::size_t(n) + 1);
  for (std::uint32_t v = 0; v < n; ++v) out.offsets[new_id[v]] = g.degree(v);
  out.offsets[n] = 0;
  prefix_sum(out.offsets);
  out.targets.resize(g.targets.size());
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n), [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::uint32_t* dst = out.targets.data() + out.offsets[new_id[v]];
      std::size_t k = 0;
      for (std::uint32_t u : g.neighbors(v)) dst[k++] = new_id[u];
      std::sort(dst, dst + k);
    }
  });
  return out;
}

}  // namespace mutuals::internal
