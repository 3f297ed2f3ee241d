#include "graph/community_order.h"
#include "common/parallel_loop.h"

#include <tbb/combinable.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <numeric>

namespace mutuals::internal {
namespace {

// Three rounds: on a 1M-member gen network rounds 4-12 moved 5% of the
// members and changed bytes per entry by 0.1%, at 0.5 s a round.
constexpr int kMaxRounds = 3;
constexpr int kSubRounds = 4;
// Potts resolution: small enough that dense groups of a few hundred to a
// few thousand members hold together, large enough to stop a giant label.
constexpr double kGamma = 1.0 / 64;

std::uint32_t sub_round_of(std::uint32_t v) {
  std::uint64_t h = v * 0x9E3779B97F4A7C15ull;
  return static_cast<std::uint32_t>(h >> 62);  // kSubRounds == 4
}

// Per-thread label counts for one vertex: a small open-addressing table
// sized to the vertex's degree, so counting stays in L1/L2. (A counter per
// label, members-long, made every neighbour a second random miss: 40 MB a
// thread at 10 M members.) A slot holds count << 32 | label; 0 is empty.
struct LabelCounter {
  std::vector<std::uint64_t> slots;
  std::vector<std::uint32_t> used;  // slots filled for this vertex
};

// The best label for v given its neighbours' labels; `own` wins ties, then
// the smallest label (whatever order the labels are visited in).
std::uint32_t best_label(std::span<const std::uint32_t> neighbors, const std::vector<std::uint32_t>& labels,
                         const std::vector<std::uint32_t>& sizes, std::uint32_t own, LabelCounter& c) {
  const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, 2 * neighbors.size()));
  if (c.slots.size() < capacity) c.slots.assign(capacity, 0);
  const int shift = 32 - std::countr_zero(capacity);
  const std::size_t mask = capacity - 1;
  c.used.clear();
  // Two misses to hide (labels and sizes are members-long): each
  // neighbour's label is fetched 16 ahead, and a label's size as soon as
  // the label is first seen, long before scoring reads it.
  const std::size_t degree = neighbors.size();
  for (std::size_t k = 0; k < degree; ++k) {
    if (k + 16 < degree) __builtin_prefetch(&labels[neighbors[k + 16]]);
    const std::uint32_t label = labels[neighbors[k]];
    for (std::size_t i = (label * 0x9E3779B9u) >> shift;; i = (i + 1) & mask) {
      std::uint64_t& slot = c.slots[i];
      if (slot == 0) {
        __builtin_prefetch(&sizes[label]);
        slot = std::uint64_t{1} << 32 | label;
        c.used.push_back(static_cast<std::uint32_t>(i));
        break;
      }
      if (static_cast<std::uint32_t>(slot) == label) {
        slot += std::uint64_t{1} << 32;
        break;
      }
    }
  }
  // v itself counts in its own label's size but not in a foreign one's.
  auto score = [&](std::uint32_t label, std::uint32_t count) {
    const double k = double(count);
    const double outside = double(sizes[label]) - (label == own ? 1.0 : 0.0) - k;
    return k - kGamma * outside;
  };
  std::uint32_t own_count = 0;
  for (std::uint32_t i : c.used) {
    if (static_cast<std::uint32_t>(c.slots[i]) == own) own_count = static_cast<std::uint32_t>(c.slots[i] >> 32);
  }
  std::uint32_t best = own;
  double best_score = score(own, own_count);
  for (std::uint32_t i : c.used) {
    const auto label = static_cast<std::uint32_t>(c.slots[i]);
    const double s = score(label, static_cast<std::uint32_t>(c.slots[i] >> 32));
    c.slots[i] = 0;
    if (s > best_score || (s == best_score && best != own && label < best)) {
      best = label;
      best_score = s;
    }
  }
  return best;
}

}  // namespace

std::vector<std::uint32_t> community_sequence(const Csr& g, std::span<const std::uint32_t> bfs_sequence) {
  const std::uint32_t n = g.vertices();
  std::vector<std::uint32_t> labels(n);
  std::iota(labels.begin(), labels.end(), 0u);
  std::vector<std::uint32_t> sizes(n, 1);
  std::vector<std::uint32_t> next(n);
  tbb::combinable<LabelCounter> counters;

  for (int round = 0; round < kMaxRounds; ++round) {
    std::atomic<std::uint64_t> changed{0};
    for (std::uint32_t sub = 0; sub < kSubRounds; ++sub) {
      parallel_ranges<std::uint32_t>(0, n, 4096, [&](const auto& r) {
        LabelCounter& counter = counters.local();
        std::uint64_t local = 0;
        for (std::uint32_t v = r.begin(); v != r.end(); ++v) {
          if (sub_round_of(v) != sub) continue;
          next[v] = g.degree(v) == 0 ? labels[v] : best_label(g.neighbors(v), labels, sizes, labels[v], counter);
          local += next[v] != labels[v];
        }
        changed.fetch_add(local, std::memory_order_relaxed);
      });
      // Apply the sub-round and recount label sizes (sequential: a few ms
      // per million members, and it keeps the result deterministic).
      for (std::uint32_t v = 0; v < n; ++v) {
        if (sub_round_of(v) != sub || next[v] == labels[v]) continue;
        --sizes[labels[v]];
        ++sizes[next[v]];
        labels[v] = next[v];
      }
    }
    if (changed.load() * 1000 < n) break;  // fewer than 0.1% moved: settled
  }

  // Communities by their first member in BFS order; members by BFS order.
  std::vector<std::uint32_t> bfs_pos(n), first(n, ~0u);
  for (std::uint32_t k = 0; k < n; ++k) bfs_pos[bfs_sequence[k]] = k;
  for (std::uint32_t k = 0; k < n; ++k) {
    std::uint32_t& f = first[labels[bfs_sequence[k]]];
    if (f == ~0u) f = k;
  }
  std::vector<std::uint64_t> keys(n);
  parallel_each<std::uint32_t>(0, n, [&](std::uint32_t v) {
    keys[v] = (std::uint64_t{first[labels[v]]} << 32) | bfs_pos[v];
  });
  tbb::parallel_sort(keys.begin(), keys.end());
  std::vector<std::uint32_t> sequence(n);
  for (std::uint32_t k = 0; k < n; ++k) sequence[k] = bfs_sequence[static_cast<std::uint32_t>(keys[k])];
  return sequence;
}

}  // namespace mutuals::internal
