#include "graph/csr.h"

#include <tbb/parallel_scan.h>

#include <algorithm>
#include <atomic>

#include "graph/sort_ids.h"
#include "common/parallel_loop.h"

namespace mutuals::internal {
namespace {

void prefix_sum(std::span<std::uint64_t> counts_then_offsets) {
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
  parallel_ranges<std::size_t>(0, pairs.size(), [&](const auto& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (i + 16 < r.end()) {
        __builtin_prefetch(&degree[pairs[i + 16] >> 32], 1);
        __builtin_prefetch(&degree[pairs[i + 16] & 0xFFFFFFFFu], 1);
      }
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
  parallel_ranges<std::size_t>(0, pairs.size(), [&](const auto& r) {
    // The writes land all over the targets: fetch the cursors 32 pairs
    // ahead and the lines they point at 16 ahead (where a cursor points now
    // is where its write will go, give or take the pairs in between).
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      if (i + 2 * kAhead < r.end()) {
        const std::uint64_t further = pairs[i + 2 * kAhead];
        __builtin_prefetch(&cursor[further >> 32]);
        __builtin_prefetch(&cursor[further & 0xFFFFFFFFu]);
      }
      if (i + kAhead < r.end()) {
        const std::uint64_t ahead = pairs[i + kAhead];
        __builtin_prefetch(&g.targets[cursor[ahead >> 32].load(std::memory_order_relaxed)], 1);
        __builtin_prefetch(&g.targets[cursor[ahead & 0xFFFFFFFFu].load(std::memory_order_relaxed)], 1);
      }
      std::uint32_t u = static_cast<std::uint32_t>(pairs[i] >> 32);
      std::uint32_t v = static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFu);
      g.targets[cursor[u].fetch_add(1, std::memory_order_relaxed)] = v;
      g.targets[cursor[v].fetch_add(1, std::memory_order_relaxed)] = u;
    }
  });
  // Sort each list and drop its repeats: duplicates are found here, a list
  // at a time in cache, instead of by sorting all pairs first.
  DefaultInitVector<std::uint64_t> kept(std::size_t(n) + 1);
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      auto begin = g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v]);
      auto end = g.targets.begin() + static_cast<std::ptrdiff_t>(g.offsets[v + 1]);
      sort_ids(g.targets.data() + g.offsets[v], static_cast<std::size_t>(end - begin));  // not &*begin: may be empty
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
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
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
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::uint32_t* dst = out.targets.data() + out.offsets[new_id[v]];
      const std::span<const std::uint32_t> from = g.neighbors(v);
      const std::size_t k = from.size();
      for (std::size_t i = 0; i < k; ++i) {
        if (i + 16 < k) __builtin_prefetch(&new_id[from[i + 16]]);
        dst[i] = new_id[from[i]];
      }
      sort_ids(dst, k);
    }
  });
  return out;
}

}  // namespace mutuals::internal
