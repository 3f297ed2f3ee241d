// Answering a batch of pairs hub by hub.
//
// Most of a real network's pair cost is the larger member's adjacency: a
// hub's is tens of KB, and a pair probes lines all over it. In the
// caller's order each pair finds its hub's lines back in memory (the batch
// touches far more than the caches hold), so a pair waited on several
// misses one after another. Answered grouped by their larger member, the
// pairs of one hub read its lines once and find them in cache for the
// rest of the group. Answers still land at the caller's index, all under
// the caller's one consent snapshot.
//
// Three passes a block of pairs: resolve every member (the prefetch
// pipeline), answering at once the pairs without a hub; sort the others by
// their hub (one 64-bit key each: that vertex, then the pair's index in the
// block); answer them in that order with the next pairs' adjacency
// prefetched.
#pragma once

#include <tbb/enumerable_thread_specific.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <optional>
#include <cstdint>
#include <span>
#include <vector>

#include "common/cache_size.h"
#include "common/default_init_vector.h"
#include "common/parallel_loop.h"
#include "graph/sort_ids.h"
#include "insights/group_hub.h"
#include "insights/resolve_pipeline.h"

namespace mutuals::internal {

// Grouping pays when the adjacency is larger than the last-level cache
// (else every hub stays cached in any order: soc-Slashdot0902's 2 MB ran
// 12.4 M pairs/s grouped, 13.0 M not), and then for pairs whose larger
// bitmap spans more than a few lines; smaller ones are answered in the
// caller's order, unsorted. W1 on gen 1 M (243 MB), 2 threads: 1.38 M
// pairs/s ungrouped, 1.71-1.80 M grouped from 256 B to 4 KB, 1.59 M from
// 16 KB.
inline constexpr std::uint64_t kHubBytes = 512;

// Expanding a hub costs a few steps a neighbour (set, then clear) and saves
// each of its pairs most of an intersection with the hub's lists: a run
// expands its hub when it has at least 2 pairs, the hub's bitmap is 2 KB or
// more, and 2 KB or more of the run's pairs each cover the hub's size
// (tried 512 B-8 KB: within noise). W1 on gen 1 M, 1 thread, 1 M pairs:
// 0.95 M pairs/s grouped only, 1.26-1.30 M expanded; soc-Slashdot0902 is
// not grouped at all (above), and grouped and expanded ran 5.2-6.0 M pairs/s
// against 6.2 M.
inline constexpr std::size_t kExpandPairs = 2;
inline constexpr std::uint64_t kExpandBytes = 2048;
inline constexpr std::uint64_t kExpandBytesAPair = 2048;

struct PairGrouping {
  bool on = true;
  std::uint64_t hub_bytes = kHubBytes;
  // A key holds the pair's index in its block in 32 bits; 4 M pairs a
  // block keep the buffers under 100 MB and a hub's group whole in all but
  // huge batches.
  std::size_t block = std::size_t{1} << 22;
  // A run of pairs expands its hub (group_hub.h) when it has at least
  // `expand_pairs` pairs, the hub's bitmap is `expand_bytes` or more, and
  // run pairs x `expand_bytes_a_pair` reach the hub's bytes.
  std::size_t expand_pairs = kExpandPairs;
  std::uint64_t expand_bytes = kExpandBytes;
  std::uint64_t expand_bytes_a_pair = kExpandBytesAPair;
};

inline PairGrouping grouping_for(const StoreData& g) {
  PairGrouping p;
  p.on = g.adjacency.size() > last_level_cache_bytes();
  return p;
}

// The pair's larger member when its bitmap is `hub_bytes` or more (then both
// members are in the graph), else kNoVertex.
inline VertexId pair_hub(const StoreData& g, VertexId a, VertexId b, std::uint64_t hub_bytes) {
  if (a == kNoVertex || b == kNoVertex) return kNoVertex;
  const std::uint64_t bytes_a = 2 * std::uint64_t(g.adjacency_offsets[a + 1] - g.adjacency_offsets[a]);
  const std::uint64_t bytes_b = 2 * std::uint64_t(g.adjacency_offsets[b + 1] - g.adjacency_offsets[b]);
  const VertexId hub = bytes_a >= bytes_b ? a : b;
  return std::max(bytes_a, bytes_b) >= hub_bytes ? hub : kNoVertex;
}

// answer(i, pairs[i], viewer state, subject state, scratch, group hub) once
// for every i, on `threads` threads (0: all), pairs with a hub grouped by
// it.
template <typename Answer>
void answer_pairs_grouped(const StoreData& g, const ConsentSnapshot& consent, std::span<const MemberPair> pairs,
                          int threads, const PairGrouping& grouping, const Answer& answer) {
  const std::size_t block = std::clamp<std::size_t>(grouping.block, 1, std::size_t{1} << 32);
  constexpr std::size_t kGrain = 512, kAhead = 8;
  DefaultInitVector<std::array<MemberState, 2>> states;
  DefaultInitVector<std::uint64_t> order;
  tbb::enumerable_thread_specific<std::vector<std::uint64_t>> grouped;
  tbb::enumerable_thread_specific<std::vector<VertexId>> scratch;
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  for (std::size_t base = 0; base < pairs.size(); base += block) {
    const std::size_t n = std::min(block, pairs.size() - base);
    states.resize(n);
    for (auto& keys : grouped) keys.clear();
    // Pass 1: resolve; pairs with no hub are answered at once, the others'
    // keys are kept.
    arena.execute([&] {
      parallel_ranges<std::size_t>(0, n, kGrain, [&](const auto& r) {
        std::vector<std::uint64_t>& keys = grouped.local();
        std::vector<VertexId>& local = scratch.local();
        resolve_pipelined<2>(
            g, consent, r.begin(), r.end(),
            [&](std::size_t k) { return std::array<MemberId, 2>{pairs[base + k].viewer, pairs[base + k].subject}; },
            [&](std::size_t k, const MemberState* s) {
              const VertexId hub =
                  grouping.on ? pair_hub(g, s[0].vertex, s[1].vertex, grouping.hub_bytes) : kNoVertex;
              if (hub == kNoVertex) {
                answer(base + k, pairs[base + k], s[0], s[1], local, GroupHub{});
                return;
              }
              states[k] = {s[0], s[1]};
              keys.push_back(std::uint64_t{hub} << 32 | k);
            });
      });
    });
    // Pass 2: the kept pairs, hub by hub.
    order.clear();
    for (const auto& keys : grouped) order.insert(order.end(), keys.begin(), keys.end());
    sort_ids(order.data(), order.size());
    // Pass 3: answer in that order, the next pairs' adjacency prefetched.
    arena.execute([&] {
      parallel_ranges<std::size_t>(0, order.size(), kGrain, [&](const auto& r) {
        std::vector<VertexId>& local = scratch.local();
        auto at = [&](std::size_t p) -> const std::array<MemberState, 2>& {
          return states[static_cast<std::uint32_t>(order[p])];
        };
        for (std::size_t p = r.begin(); p != r.end();) {
          const auto hub = static_cast<VertexId>(order[p] >> 32);
          std::size_t run_end = p + 1;
          while (run_end != r.end() && (order[run_end] >> 32) == hub) ++run_end;
          std::optional<DenseNeighbours> expanded;
          GroupHub group;
          const std::uint64_t hub_bytes = 2 * std::uint64_t(g.adjacency_offsets[hub + 1] - g.adjacency_offsets[hub]);
          if (run_end - p >= grouping.expand_pairs && hub_bytes >= grouping.expand_bytes &&
              (run_end - p) * grouping.expand_bytes_a_pair >= hub_bytes) {
            expanded.emplace(g.neighbors(hub), g.members());
            group = {&*expanded, hub};
          }
          for (; p != run_end; ++p) {
            if (p + 2 * kAhead < r.end()) {
              for (const MemberState& s : at(p + 2 * kAhead)) g.prefetch_neighbors(s.vertex);
            }
            if (p + kAhead < r.end()) {
              for (const MemberState& s : at(p + kAhead)) g.prefetch_blob(s.vertex);
            }
            const std::size_t k = static_cast<std::uint32_t>(order[p]);
            answer(base + k, pairs[base + k], states[k][0], states[k][1], local, group);
          }
        }
      });
    });
  }
}

}  // namespace mutuals::internal
