#include "graph/csr.h"

#include <tbb/task_arena.h>

#include <algorithm>

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
  // Counting and scattering with atomic adds serialised the cache misses
  // (a locked add waits for its line before the next one starts). Instead
  // the pairs are split into a fixed set of parts, each with its own counts
  // and then its own cursors, so both passes use plain stores. Lists are
  // sorted afterwards, so where a part's writes land does not matter.
  const std::size_t parts = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                               pairs.size() / (1 << 16) + 1));
  auto part_begin = [&](std::size_t p) { return pairs.size() * p / parts; };
  std::vector<DefaultInitVector<std::uint64_t>> cursor(parts);
  parallel_each<std::size_t>(0, parts, [&](std::size_t p) {
    DefaultInitVector<std::uint64_t>& count = cursor[p];
    count.assign(n, 0);
    const std::size_t end = part_begin(p + 1);
    for (std::size_t i = part_begin(p); i != end; ++i) {
      if (i + 16 < end) {
        __builtin_prefetch(&count[pairs[i + 16] >> 32], 1);
        __builtin_prefetch(&count[pairs[i + 16] & 0xFFFFFFFFu], 1);
      }
      ++count[pairs[i] >> 32];
      ++count[pairs[i] & 0xFFFFFFFFu];
    }
  });
  // Per vertex: its offset, and each part's first slot after the parts before.
  g.offsets.resize(std::size_t(n) + 1);
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::uint64_t degree = 0;
      for (std::size_t p = 0; p < parts; ++p) degree += cursor[p][v];
      g.offsets[v] = degree;
    }
  });
  g.offsets[n] = 0;
  prefix_sum(g.offsets);
  parallel_ranges<std::uint32_t>(0, n, [&](const auto& r) {
    for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
      std::uint64_t at = g.offsets[v];
      for (std::size_t p = 0; p < parts; ++p) {
        const std::uint64_t count = cursor[p][v];
        cursor[p][v] = at;
        at += count;
      }
    }
  });
  g.targets.resize(g.offsets[n]);
  parallel_each<std::size_t>(0, parts, [&](std::size_t p) {
    // The writes land all over the targets: fetch the cursors 32 pairs
    // ahead and the lines they point at 16 ahead (where a cursor points now
    // is where its write will go, give or take the pairs in between).
    constexpr std::size_t kAhead = 16;
    std::uint64_t* at = cursor[p].data();
    const std::size_t end = part_begin(p + 1);
    for (std::size_t i = part_begin(p); i != end; ++i) {
      if (i + 2 * kAhead < end) {
        const std::uint64_t further = pairs[i + 2 * kAhead];
        __builtin_prefetch(&at[further >> 32]);
        __builtin_prefetch(&at[further & 0xFFFFFFFFu]);
      }
      if (i + kAhead < end) {
        const std::uint64_t ahead = pairs[i + kAhead];
        __builtin_prefetch(&g.targets[at[ahead >> 32]], 1);
        __builtin_prefetch(&g.targets[at[ahead & 0xFFFFFFFFu]], 1);
      }
      std::uint32_t u = static_cast<std::uint32_t>(pairs[i] >> 32);
      std::uint32_t v = static_cast<std::uint32_t>(pairs[i] & 0xFFFFFFFFu);
      g.targets[at[u]++] = v;
      g.targets[at[v]++] = u;
    }
  });
  cursor.clear();
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
